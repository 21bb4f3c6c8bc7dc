//! Where a report goes: every combination of outputs checked before any cloud call,
//! OCSF streamed as results exist, then every format rendered and written (each whole
//! or not at all).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::settings::Settings;
use super::{Failure, bad_input, scan_failed};
use crate::inventory::Provider;
use crate::report::{Format, asff, csv, html, json, junit, ocsf, oscal, sink, terminal};
use crate::results::{CheckIndex, CheckResult, ScanReport};

/// Every combination of outputs that cannot work, refused before any cloud call:
/// finding it after the scan would waste the scan and leave nothing written.
pub fn check(settings: &Settings, provider: Provider) -> Result<(), Failure> {
    let output = &settings.output;
    if settings.formats.len() > 1 && output.output_dir.is_none() {
        return Err(bad_input(anyhow::anyhow!(
            "several formats need --output-dir DIR (each goes to its own file)"
        )));
    }
    if settings.formats.contains(&Format::Asff) && provider != Provider::Aws {
        return Err(bad_input(anyhow::anyhow!(
            "ASFF is for AWS scans; this scan is of {provider}"
        )));
    }
    if let Some(path) = &output.output
        && path.is_dir()
    {
        return Err(bad_input(anyhow::anyhow!(
            "--output {} is a directory; name a file, or use --output-dir",
            path.display()
        )));
    }
    Ok(())
}

/// Proves, before any cloud call, that every output can be written: `--output-dir
/// reports/` that does not exist yet is made, as people expect, and a directory that
/// cannot take a file stops the run before the scan, not after it. (The directory of
/// `--output` and `--save-inventory` must exist: a file name is not a promise to make
/// directories.)
pub fn make_dirs(settings: &Settings) -> Result<(), Failure> {
    let probe = |dir: &Path| {
        tempfile::Builder::new()
            .prefix(".vouch-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map(drop)
    };
    let output = &settings.output;
    if let Some(dir) = &output.output_dir {
        std::fs::create_dir_all(dir)
            .and_then(|_| probe(dir))
            .with_context(|| format!("cannot write to the output directory {}", dir.display()))
            .map_err(scan_failed)?;
    }
    for file in output
        .output
        .iter()
        .chain(&settings.save_inventory)
        .map(PathBuf::as_path)
    {
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        probe(dir)
            .with_context(|| format!("cannot write {}", file.display()))
            .map_err(scan_failed)?;
    }
    Ok(())
}

/// OCSF detection findings on standard output, each check's as soon as they exist.
/// The first write that fails stops the stream and is kept for the caller.
pub struct OcsfStream<'a> {
    pub cx: &'a ocsf::EventContext,
    pub error: Option<std::io::Error>,
}

impl OcsfStream<'_> {
    pub fn write(&mut self, checks: &CheckIndex, batch: &[CheckResult]) {
        if self.error.is_some() {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        for r in batch {
            let line = ocsf::detection_finding(self.cx, checks, r).to_string();
            if let Err(e) = writeln!(stdout, "{line}").and_then(|_| stdout.flush()) {
                self.error = Some(e);
                return;
            }
        }
    }
}

/// One format of the report, rendered from the report and the metadata of the checks
/// it ran.
pub fn render(report: &ScanReport, format: Format) -> Result<Vec<u8>, Failure> {
    Ok(match format {
        Format::Terminal => terminal::render(report).into_bytes(),
        Format::Json => json::render(report),
        Format::Ocsf => ocsf::render(report),
        // `check` refused ASFF for other providers before the scan.
        Format::Asff => asff::render(report),
        Format::Csv => csv::render(report),
        Format::Junit => junit::render(report),
        Format::Html => html::render(report).map_err(scan_failed)?,
        Format::Oscal => oscal::render(report),
    })
}

/// Renders every format, then writes each (whole or not at all). When streaming, the
/// detection findings are already out: what remains are the compliance findings,
/// which need every result.
pub fn write(
    report: &ScanReport,
    settings: &Settings,
    cx: &ocsf::EventContext,
) -> Result<(), Failure> {
    // Render everything before writing anything, so a bad combination leaves no
    // partial set of files behind.
    let rendered: Vec<(Format, Vec<u8>)> = if settings.streaming {
        let mut rest = Vec::new();
        for e in ocsf::compliance_findings(report, cx) {
            rest.extend(e.to_string().into_bytes());
            rest.push(b'\n');
        }
        vec![(Format::Ocsf, rest)]
    } else {
        settings
            .formats
            .iter()
            .map(|&f| render(report, f).map(|b| (f, b)))
            .collect::<Result<_, _>>()?
    };
    let output = &settings.output;
    for (format, bytes) in rendered {
        match (&output.output, &output.output_dir, format.file_name()) {
            (Some(path), _, _) => sink::write_atomic(path, &bytes).map_err(scan_failed)?,
            (None, Some(dir), Some(file)) => {
                sink::write_atomic(&dir.join(file), &bytes).map_err(scan_failed)?
            }
            _ => {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(&bytes)
                    .and_then(|_| stdout.flush())
                    .context("cannot write to standard output")
                    .map_err(scan_failed)?;
            }
        }
    }
    Ok(())
}
