//! `vouch test`: the Rego unit tests of every check, like `opa test`.

use std::path::PathBuf;

use clap::Args;

use super::{Failure, bad_input};
use crate::engine::Catalog;
use crate::exit;

#[derive(Args)]
pub struct TestArgs {
    /// A directory of your own checks (with their `_test.rego` files) to test too.
    #[arg(long, value_name = "DIR")]
    checks_dir: Option<PathBuf>,
    /// Print every test, not only failures.
    #[arg(long, short)]
    verbose: bool,
}

pub fn run(args: TestArgs) -> Result<u8, Failure> {
    let catalog = Catalog::load_with(args.checks_dir.as_deref()).map_err(bad_input)?;
    let outcomes = catalog.run_tests();
    let mut failed = 0;
    for o in &outcomes {
        match &o.failure {
            None if args.verbose => println!("PASS {} {}", o.check, o.test),
            None => {}
            Some(why) => {
                failed += 1;
                println!("FAIL {} {}: {why}", o.check, o.test);
            }
        }
    }
    let untested: Vec<&str> = catalog
        .checks
        .iter()
        .filter(|c| c.tests.is_empty())
        .map(|c| c.id())
        .collect();
    for id in &untested {
        println!("FAIL {id}: has no _test.rego with test_ rules");
    }
    println!(
        "{} passed, {} failed",
        outcomes.len() - failed,
        failed + untested.len()
    );
    Ok(if failed + untested.len() == 0 {
        exit::OK
    } else {
        exit::FAILURES
    })
}
