//! CSV: one row per result, for spreadsheets and quick filtering.

use crate::results::ScanReport;

pub const HEADER: [&str; 13] = [
    "check",
    "title",
    "service",
    "severity",
    "status",
    "resource_id",
    "resource_type",
    "resource_name",
    "region",
    "account",
    "message",
    "evidence",
    "parameters",
];

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) gets a leading `'`, as OWASP recommends against CSV
/// injection: resource names and tags are chosen by whoever can create resources.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

pub fn render(report: &ScanReport) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in &report.results {
        let _ = w.write_record(
            [
                r.check.as_str(),
                &r.title,
                &r.service,
                &r.severity.to_string(),
                &r.status.to_string(),
                &r.resource.id,
                &r.resource.resource_type,
                &r.resource.name,
                &r.resource.region,
                &r.resource.account,
                &r.message,
                &r.evidence.to_string(),
                &serde_json::to_string(&r.parameters).unwrap_or_default(),
            ]
            .map(|cell| inert(cell).into_owned()),
        );
    }
    w.into_inner().unwrap_or_default()
}
