//! `vouch test`: the Rego unit tests of every check, like `opa test`.

use std::path::PathBuf;

use clap::Args;

use std::fmt::Write as _;
use std::io::Write as _;

use super::{Failure, bad_input, scan_failed};
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
    let mut out = String::new();
    for o in &outcomes {
        match &o.failure {
            None if args.verbose => {
                let _ = writeln!(out, "PASS {} {}", o.check, o.test);
            }
            None => {}
            Some(why) => {
                failed += 1;
                let _ = writeln!(out, "FAIL {} {}: {why}", o.check, o.test);
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
        let _ = writeln!(out, "FAIL {id}: has no _test.rego with test_ rules");
    }
    let _ = writeln!(
        out,
        "{} passed, {} failed",
        outcomes.len() - failed,
        failed + untested.len()
    );
    let code = if failed + untested.len() == 0 {
        exit::OK
    } else {
        exit::FAILURES
    };
    // `vouch test | head` in CI must still fail when tests do: a closed standard output
    // ends the listing, not the verdict.
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(scan_failed(
            anyhow::Error::new(e).context("cannot write to standard output"),
        )),
        _ => Ok(code),
    }
}
