//! `--format json`: the complete, versioned record of a scan (docs/results-format.md).

use crate::results::ScanReport;

pub fn render(report: &ScanReport) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(report).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
