//! A run of `vouch scan` or `vouch check`, from resolved [`Settings`] to an exit code:
//! the plan, the history, collection, assessment, outputs, delivery and the exit
//! policy. The CLI parses flags into [`settings`] and calls [`scan`] or [`check`].

pub mod outputs;
pub mod progress;
pub mod settings;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use chrono::{DateTime, Utc};

pub use settings::{AwsFlags, AzureFlags, OutputFlags, ScanFlags, SelectFlags, Settings, Source};

use crate::assess::{self, Assessment, Judgements};
use crate::collect::{self, CollectError};
use crate::engine::select::Selection;
use crate::engine::{Catalog, Checks, Evaluator};
use crate::exit::{self, FailOn};
use crate::history::{self, HistoryError, Store};
use crate::inventory::{Inventory, Provider};
use crate::policy::{Pack, attest};
use crate::report::{ocsf, sink};
use crate::results::ScanReport;

/// Why a run stopped, and so which exit code it gets.
#[derive(Debug)]
pub enum Failure {
    BadInput(anyhow::Error),
    ScanFailed(anyhow::Error),
}

impl Failure {
    pub fn code(&self) -> u8 {
        match self {
            Failure::BadInput(_) => exit::BAD_INPUT,
            Failure::ScanFailed(_) => exit::SCAN_FAILED,
        }
    }

    pub fn error(&self) -> &anyhow::Error {
        match self {
            Failure::BadInput(e) | Failure::ScanFailed(e) => e,
        }
    }
}

pub fn bad_input(e: impl Into<anyhow::Error>) -> Failure {
    Failure::BadInput(e.into())
}

pub fn scan_failed(e: impl Into<anyhow::Error>) -> Failure {
    Failure::ScanFailed(e.into())
}

/// A history error as a failure: a database in use is worth retrying (exit 3, like
/// an endpoint that is down); anything else about the file is for a person (exit 2).
pub fn history_failure(e: HistoryError) -> Failure {
    match e {
        HistoryError::Locked { .. } | HistoryError::Busy { .. } => scan_failed(e),
        other => bad_input(other),
    }
}

/// What a run prepares before any data is read: the plan, and the evaluator for it.
struct Prepared {
    assessment: Assessment,
    evaluator: Evaluator,
}

fn prepare(settings: &Settings, provider: Provider) -> Result<Prepared, Failure> {
    let (select, output) = (&settings.select, &settings.output);
    outputs::check(settings, provider)?;
    crate::deliver::check_targets(&output.send_to, provider).map_err(bad_input)?;
    let Catalog { checks, evaluator } =
        Catalog::load_with(select.checks_dir.as_deref()).map_err(bad_input)?;
    if matches!(settings.fail_on, FailOn::Score(_)) && output.policies.is_empty() {
        return Err(bad_input(anyhow::anyhow!(
            "--fail-on score:N needs a policy pack (--policy) to score"
        )));
    }
    let mut packs = resolve_packs(&output.policies, &checks)?;
    if let Some(regions) = &output.policy_regions {
        for pack in &mut packs {
            pack.regions = regions.clone();
        }
    }
    if let Some(p) = packs.iter().find(|p| p.provider != provider) {
        return Err(bad_input(anyhow::anyhow!(
            "policy pack {} is for {}, but this scan is of {provider}",
            p.id,
            p.provider
        )));
    }
    let selection = Selection {
        checks: select.checks.clone(),
        services: select.services.clone(),
        min_severity: select.severity,
    };
    // With only packs named, run just what they need; otherwise the selection.
    let selected: Vec<String> = if packs.is_empty()
        || !select.checks.is_empty()
        || !select.services.is_empty()
        || select.severity.is_some()
    {
        selection
            .apply(&checks, provider)
            .map_err(bad_input)?
            .into_iter()
            .map(|c| c.id().to_string())
            .collect()
    } else {
        Vec::new()
    };
    let plan = assess::plan(&selected, &checks, &packs);
    if plan.is_empty() && packs.is_empty() {
        return Err(bad_input(anyhow::anyhow!(
            "no {provider} checks match the selection (see `vouch checks list`)"
        )));
    }
    let mut judgements = Judgements::default();
    for path in &output.mutes {
        judgements
            .mutes
            .extend(crate::mute::load(path).map_err(bad_input)?);
    }
    for path in &output.attestations {
        judgements
            .attestations
            .extend(attest::load(path, &packs).map_err(bad_input)?);
    }
    Ok(Prepared {
        assessment: Assessment {
            checks,
            plan,
            packs,
            judgements,
        },
        evaluator,
    })
}

/// `--policy` references as packs, each pack once: the same pack named twice (on the
/// command line or in vouch.toml) is scored once; two different files claiming one id
/// are refused, since the history and every report key scores by pack id.
fn resolve_packs(references: &[String], checks: &Checks) -> Result<Vec<Pack>, Failure> {
    let mut packs: Vec<(String, Pack)> = Vec::new();
    for reference in references {
        let pack = Pack::resolve(reference, checks).map_err(bad_input)?;
        // What the reference names: a bundled pack by id, a file by its real path.
        let origin = if reference.contains('/') || reference.ends_with(".toml") {
            std::fs::canonicalize(reference)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| reference.clone())
        } else {
            format!("bundled pack {reference}")
        };
        match packs.iter().find(|(_, p)| p.id == pack.id) {
            Some((o, _)) if *o == origin => {}
            Some((_, earlier)) => {
                return Err(bad_input(anyhow::anyhow!(
                    "policy pack {} is given twice, by {} and by {}; name it once",
                    pack.id,
                    earlier.path,
                    pack.path
                )));
            }
            None => packs.push((origin, pack)),
        }
    }
    Ok(packs.into_iter().map(|(_, p)| p).collect())
}

/// The history a live scan is stored in, with what the scan will be compared with.
struct History {
    store: Store,
    /// The latest scan of every target, read before any cloud call.
    previous: BTreeMap<String, (i64, ScanReport)>,
}

/// A live scan: plan, output directories, history lock, collection, then the shared
/// assessment and outputs.
pub fn scan(settings: &Settings) -> Result<u8, Failure> {
    let started_at = Utc::now();
    let Some(source) = &settings.source else {
        return Err(bad_input(anyhow::anyhow!(
            "a live scan needs a cloud to read"
        )));
    };
    let provider = settings.provider().unwrap_or(Provider::Aws);
    let mut prepared = prepare(settings, provider)?;
    outputs::make_dirs(settings)?;
    // The history is opened (and locked), checked and read before any cloud call, so
    // a busy or damaged database stops the run before it does work it cannot record.
    let mut history = match &settings.history {
        None => None,
        Some(path) => {
            let store = Store::open_for_writing(path).map_err(history_failure)?;
            let previous = store.latest_reports().map_err(history_failure)?;
            Some(History { store, previous })
        }
    };
    let a = &prepared.assessment;
    let collectors = assess::collectors_needed(&a.checks, &a.plan, provider);
    let bar = Arc::new(progress::BarProgress::new(settings.progress));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
        .map_err(scan_failed)?;
    let progress: Arc<dyn collect::Progress> = bar.clone();
    let collected = runtime.block_on(async {
        match source {
            Source::Aws(o) => {
                let opts = collect::aws::AwsOptions {
                    collectors,
                    ..o.clone()
                };
                collect::aws::collect(&opts, progress).await
            }
            Source::Azure(o) => {
                let opts = collect::azure::AzureOptions {
                    collectors,
                    ..(**o).clone()
                };
                collect::azure::collect(&opts, progress).await
            }
        }
    });
    bar.finish();
    let inventory = collected.map_err(|e| match e {
        CollectError::Config(_) => bad_input(e),
        other => scan_failed(other),
    })?;
    if let Some(path) = &settings.save_inventory {
        let bytes = serde_json::to_vec_pretty(&inventory)
            .context("cannot serialize the inventory")
            .map_err(scan_failed)?;
        sink::write_atomic(path, &bytes).map_err(scan_failed)?;
    }
    finish(
        &mut prepared,
        &inventory,
        settings,
        started_at,
        history.as_mut(),
    )
}

/// `vouch report`: a saved report in the formats asked for. The report carries the
/// metadata of the checks it ran, so no catalogue is loaded: a report from an older
/// vouch, or one run with a `--checks-dir` no longer at hand, renders the same.
pub fn render_saved(report: &ScanReport, output: OutputFlags) -> Result<u8, Failure> {
    let mut settings = Settings::for_check(SelectFlags::default(), output);
    // Streaming is for results still being produced; these are all here.
    settings.streaming = false;
    outputs::check(&settings, report.scan.provider)?;
    outputs::make_dirs(&settings)?;
    if report.checks.is_empty() && !report.results.is_empty() {
        eprintln!(
            "note: this report does not carry its checks' metadata (written by an older vouch): descriptions and remediation are left out"
        );
    }
    outputs::write(report, &settings, &ocsf::EventContext::of(report))?;
    Ok(exit::OK)
}

/// `vouch check --inventory`: the same assessment and outputs on a saved inventory.
pub fn check(inventory: &Path, settings: &Settings) -> Result<u8, Failure> {
    let started_at = Utc::now();
    let mut inventory = Inventory::load(inventory).map_err(bad_input)?;
    if inventory.provider == Provider::Aws {
        collect::aws::join::fill_missing(&mut inventory);
        collect::aws::datastores::fill_missing(&mut inventory);
    }
    let mut prepared = prepare(settings, inventory.provider)?;
    outputs::make_dirs(settings)?;
    finish(&mut prepared, &inventory, settings, started_at, None)
}

fn finish(
    prepared: &mut Prepared,
    inventory: &Inventory,
    settings: &Settings,
    started_at: DateTime<Utc>,
    history: Option<&mut History>,
) -> Result<u8, Failure> {
    let cx = ocsf::EventContext {
        provider: inventory.provider,
        version: crate::results::ToolInfo::default().version,
        time: Utc::now(),
    };
    let Prepared {
        assessment,
        evaluator,
    } = prepared;
    let mut stream = outputs::OcsfStream {
        cx: &cx,
        error: None,
    };
    let mut on_results = |checks: &crate::results::CheckIndex,
                          batch: &[crate::results::CheckResult]| {
        if settings.streaming {
            stream.write(checks, batch);
        }
    };
    let mut report = assess::assess(
        assessment,
        evaluator,
        inventory,
        started_at,
        &mut on_results,
    );
    let not_stored = |history: &Option<&mut History>| {
        if history.is_some() {
            eprintln!(
                "note: this scan was not stored in the history: its outputs were not all written and delivered, so the next scan is compared with the same earlier one"
            );
        }
    };
    if let Some(e) = stream.error {
        not_stored(&history);
        return Err(scan_failed(
            anyhow::Error::new(e).context("cannot write to standard output"),
        ));
    }
    if let Some(h) = &history
        && let Some((id, before)) = h.previous.get(&history::target_of(&report))
    {
        report.diff = Some(history::diff::compare(*id, before, &report));
    }
    // Stored only once everything the run owes is out: a scan whose report was not
    // written or delivered must count as unseen, or `--fail-on new` would skip its
    // failures on the next run.
    let outcome = outputs::write(&report, settings, &cx).and_then(|_| {
        crate::deliver::send_all(&report, &settings.output.send_to, settings.aws())
            .map_err(scan_failed)
    });
    if let Err(e) = outcome {
        not_stored(&history);
        return Err(e);
    }
    if let Some(h) = history {
        let id = h.store.save(&report).map_err(scan_failed)?;
        eprintln!("stored as scan {id} in the history");
    }
    Ok(exit::code(&report, &settings.fail_on))
}
