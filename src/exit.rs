//! Exit codes a scheduler can act on (docs/exit-codes.md).

/// Every result passed (or was muted or manual).
pub const OK: u8 = 0;
/// At least one result failed.
pub const FAILURES: u8 = 1;
/// The input was bad: flags, config, policy pack, Rego, inventory file.
pub const BAD_INPUT: u8 = 2;
/// The scan could not run or finish: no or bad credentials, endpoint down, output
/// not writable.
pub const SCAN_FAILED: u8 = 3;
/// The scan finished without failures, but some results are `error`: part of the
/// account could not be read, so a clean bill of health cannot be given.
pub const ERRORS: u8 = 4;

/// The exit code for a finished scan's counts.
pub fn for_counts(counts: &crate::results::Counts) -> u8 {
    if counts.fail > 0 {
        FAILURES
    } else if counts.error > 0 {
        ERRORS
    } else {
        OK
    }
}
