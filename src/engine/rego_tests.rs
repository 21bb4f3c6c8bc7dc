//! Runs the `test_*` rules of each check's `_test.rego`, as `opa test` would.
//!
//! The tests are part of a check's documentation (`checks explain` lists them), so
//! they run with the same engine and extensions the scan uses.

use super::catalog::Catalog;

#[derive(Debug, Clone, PartialEq)]
pub struct TestOutcome {
    pub check: String,
    pub test: String,
    /// `None` when the rule evaluated to true; otherwise why not.
    pub failure: Option<String>,
}

impl Catalog {
    pub fn run_tests(&self) -> Vec<TestOutcome> {
        let mut outcomes = Vec::new();
        // Evaluation clears its own state, so one copy of the engine serves every test.
        let mut engine = self.evaluator.engine();
        engine.set_execution_timer_config(self.evaluator.timer_for(0));
        for check in &self.checks {
            let Some(package) = &check.test_package else {
                continue;
            };
            for test in &check.tests {
                let failure = match engine.eval_rule(format!("{package}.{test}")) {
                    Ok(regorus::Value::Bool(true)) => None,
                    Ok(regorus::Value::Undefined) => {
                        Some("undefined (a condition did not hold)".into())
                    }
                    Ok(other) => Some(format!("evaluated to {other}")),
                    Err(e) => Some(match super::time_limit_hit(&e) {
                        Some(limit) => format!("stopped at the time limit of {limit:?}"),
                        None => e.to_string(),
                    }),
                };
                outcomes.push(TestOutcome {
                    check: check.id().to_string(),
                    test: test.clone(),
                    failure,
                });
            }
        }
        outcomes
    }
}
