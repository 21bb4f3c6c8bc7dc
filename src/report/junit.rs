//! JUnit XML: a test case per check and resource, grouped in a suite per check, so CI
//! systems show audit failures natively. A failure is a `failure`, a value that could
//! not be read an `error`, a muted failure or a manual item `skipped`.

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::results::{CheckResult, ScanReport, Status};

pub fn render(report: &ScanReport) -> Vec<u8> {
    let mut suites: BTreeMap<String, Vec<&CheckResult>> = BTreeMap::new();
    for r in &report.results {
        suites.entry(r.check.clone()).or_default().push(r);
    }
    let mut junit = Report::new(format!(
        "vouch {} account {}",
        report.scan.provider, report.scan.account
    ));
    junit.set_timestamp(report.scan.started_at.fixed_offset());
    for (check, results) in suites {
        let mut suite = TestSuite::new(check.clone());
        for r in results {
            let status = match r.status {
                Status::Pass => TestCaseStatus::success(),
                Status::Fail => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_message(r.message.clone())
                        .set_type(r.severity.to_string());
                    s
                }
                Status::Error => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                    s.set_message(r.message.clone()).set_type("unreadable");
                    s
                }
                Status::Muted | Status::Manual => {
                    let mut s = TestCaseStatus::skipped();
                    s.set_message(r.message.clone());
                    s
                }
            };
            let mut case = TestCase::new(
                format!("{} {}", r.resource.id, param_label(r))
                    .trim()
                    .to_string(),
                status,
            );
            case.set_classname(format!("{}.{}", r.service, r.check));
            if !r.evidence.is_null() {
                case.set_system_out(r.evidence.to_string());
            }
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    junit
        .to_string()
        .map(String::into_bytes)
        .unwrap_or_default()
}

fn param_label(r: &CheckResult) -> String {
    if r.parameters.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&r.parameters).unwrap_or_default()
    }
}
