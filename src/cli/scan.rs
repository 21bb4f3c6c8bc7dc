//! `vouch scan aws` and `vouch check --inventory`: the same assessment and outputs,
//! from a live account or from a saved inventory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use chrono::Utc;
use clap::{Args, Subcommand};

use super::progress::BarProgress;
use super::{Failure, Format, OutputArgs, SelectArgs, bad_input, scan_failed};
use crate::assess::{Judgements, assess, plan};
use crate::collect::CollectError;
use crate::collect::aws::{self, AwsOptions};
use crate::collect::azure::cloud::{Cloud, CloudName, EndpointOverrides};
use crate::collect::azure::credential::AuthMethod;
use crate::collect::azure::{self, AzureOptions};
use crate::config::{Config, FailOn};
use crate::deliver::{self, Target};
use crate::engine::select::Selection;
use crate::engine::{Catalog, PlannedCheck};
use crate::exit;
use crate::history::{self, Store};
use crate::inventory::{Inventory, Provider};
use crate::mute;
use crate::policy::Pack;
use crate::policy::attest;
use crate::report::{asff, csv, html, json, junit, ocsf, sink, terminal};
use crate::results::ScanReport;

#[derive(Subcommand)]
pub enum ScanCommand {
    /// Scan the AWS account the standard credential chain points at.
    Aws(AwsArgs),
    /// Scan the Azure subscriptions the credential can see (or those named).
    Azure(AzureArgs),
}

#[derive(Args)]
pub struct AwsArgs {
    /// Region to scan (repeatable); default: every region enabled for the account.
    #[arg(long = "region", value_name = "REGION")]
    regions: Vec<String>,
    /// Named profile from the AWS config files.
    #[arg(long)]
    profile: Option<String>,
    /// Send every AWS call to this endpoint (sets what AWS_ENDPOINT_URL sets).
    #[arg(long, value_name = "URL")]
    endpoint_url: Option<String>,
    #[command(flatten)]
    common: ScanCommon,
}

#[derive(Args)]
pub struct AzureArgs {
    /// Subscription id to scan (repeatable); default: every enabled subscription the
    /// credential can see.
    #[arg(long = "subscription", value_name = "ID")]
    subscriptions: Vec<String>,
    /// How to sign in (default: auto, the chain: service principal from AZURE_* variables,
    /// workload identity, managed identity, Azure CLI).
    #[arg(long, value_enum)]
    auth: Option<AuthMethod>,
    /// The Azure cloud: its sign-in, Resource Manager and Graph hosts (default: public).
    #[arg(long, value_enum)]
    cloud: Option<CloudName>,
    /// Sign-in authority for --cloud custom (or to override a named cloud's).
    #[arg(long, value_name = "URL")]
    authority_host: Option<String>,
    /// Resource Manager endpoint for --cloud custom (Azure Stack Hub, private endpoints).
    #[arg(long, value_name = "URL")]
    arm_endpoint: Option<String>,
    /// Microsoft Graph endpoint for --cloud custom.
    #[arg(long, value_name = "URL")]
    graph_endpoint: Option<String>,
    #[command(flatten)]
    common: ScanCommon,
}

/// What every live scan takes, whatever the cloud.
#[derive(Args)]
pub struct ScanCommon {
    /// API calls in flight at once (per service on AWS, per scan on Azure).
    #[arg(long)]
    concurrency: Option<usize>,
    /// Attempts per API call, including the first.
    #[arg(long)]
    max_attempts: Option<u32>,
    /// Also write the collected inventory to this file, for `vouch check --inventory`.
    #[arg(long, value_name = "FILE")]
    save_inventory: Option<PathBuf>,
    /// Never draw a progress bar (it is drawn only on a terminal anyway).
    #[arg(long)]
    no_progress: bool,
    /// The configuration file (default: vouch.toml in the working directory, if any).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The history database (default: history.database in the config, else
    /// $XDG_DATA_HOME/vouch/history.db).
    #[arg(long, value_name = "FILE")]
    database: Option<PathBuf>,
    /// Do not store this scan in the history (and report no changes since the last).
    #[arg(long)]
    no_history: bool,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Inventory file written by `vouch scan aws --save-inventory`.
    #[arg(long, value_name = "FILE")]
    inventory: PathBuf,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// What both commands prepare before any data is read: checks, packs, the plan.
struct Prepared {
    catalog: Catalog,
    packs: Vec<Pack>,
    plan: Vec<PlannedCheck>,
    judgements: Judgements,
}

fn prepare(
    select: &SelectArgs,
    output: &OutputArgs,
    provider: Provider,
) -> Result<Prepared, Failure> {
    check_outputs(output, provider)?;
    for target in &output.send_to {
        match target {
            Target::Hec { .. }
                if std::env::var(deliver::HEC_TOKEN_ENV).is_ok_and(|t| !t.is_empty()) => {}
            Target::Hec { .. } => return Err(bad_input(deliver::DeliverError::NoToken)),
            Target::SecurityHub if provider != Provider::Aws => {
                return Err(bad_input(anyhow::anyhow!(
                    "--send-to securityhub is for AWS scans"
                )));
            }
            Target::SecurityHub => {}
        }
    }
    let catalog = Catalog::load_with(select.checks_dir.as_deref()).map_err(bad_input)?;
    if matches!(output.fail_on, Some(FailOn::Score(_))) && output.policies.is_empty() {
        return Err(bad_input(anyhow::anyhow!(
            "--fail-on score:N needs a policy pack (--policy) to score"
        )));
    }
    let mut packs = resolve_packs(&output.policies, &catalog)?;
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
            .apply(&catalog, provider)
            .map_err(bad_input)?
            .into_iter()
            .map(|c| c.id().to_string())
            .collect()
    } else {
        Vec::new()
    };
    let plan = plan(&selected, &catalog, &packs);
    if plan.is_empty() && packs.is_empty() {
        return Err(bad_input(anyhow::anyhow!(
            "no {provider} checks match the selection (see `vouch checks list`)"
        )));
    }
    let mut judgements = Judgements::default();
    for path in &output.mutes {
        judgements
            .mutes
            .extend(mute::load(path).map_err(bad_input)?);
    }
    for path in &output.attestations {
        judgements
            .attestations
            .extend(attest::load(path, &packs).map_err(bad_input)?);
    }
    Ok(Prepared {
        catalog,
        packs,
        plan,
        judgements,
    })
}

/// `--policy` references as packs, each pack once: the same pack named twice (on the
/// command line or in vouch.toml) is scored once; two different files claiming one id
/// are refused, since the history and every report key scores by pack id.
fn resolve_packs(references: &[String], catalog: &Catalog) -> Result<Vec<Pack>, Failure> {
    let mut packs: Vec<(String, Pack)> = Vec::new();
    for reference in references {
        let pack = Pack::resolve(reference, catalog).map_err(bad_input)?;
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

/// The formats to produce, each once, in the order given (default: terminal).
fn formats_of(output: &OutputArgs) -> Vec<Format> {
    let mut formats: Vec<Format> = Vec::new();
    for f in &output.format {
        if !formats.contains(f) {
            formats.push(*f);
        }
    }
    if formats.is_empty() {
        formats.push(Format::Terminal);
    }
    formats
}

/// Every combination of output flags that cannot work, refused before any cloud call:
/// finding it after the scan would waste the scan and leave nothing written.
fn check_outputs(output: &OutputArgs, provider: Provider) -> Result<(), Failure> {
    let formats = formats_of(output);
    if formats.len() > 1 && output.output_dir.is_none() {
        return Err(bad_input(anyhow::anyhow!(
            "several formats need --output-dir DIR (each goes to its own file)"
        )));
    }
    if formats.contains(&Format::Asff) && provider != Provider::Aws {
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
fn make_output_dirs(output: &OutputArgs, save_inventory: Option<&Path>) -> Result<(), Failure> {
    let probe = |dir: &Path| {
        tempfile::Builder::new()
            .prefix(".vouch-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map(drop)
    };
    if let Some(dir) = &output.output_dir {
        std::fs::create_dir_all(dir)
            .and_then(|_| probe(dir))
            .with_context(|| format!("cannot write to the output directory {}", dir.display()))
            .map_err(scan_failed)?;
    }
    for file in output
        .output
        .iter()
        .map(PathBuf::as_path)
        .chain(save_inventory)
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

/// Each `--region` or `--subscription` once: a target named twice would be collected
/// twice, and two resources with one id confuse every verdict about either. Azure ids
/// are case-insensitive GUIDs, so case is ignored (for regions it never matters).
fn dedupe_targets(values: &mut Vec<String>, what: &str) {
    let mut seen: Vec<String> = Vec::new();
    values.retain(|v| {
        let key = v.trim().to_ascii_lowercase();
        if seen.contains(&key) {
            eprintln!("warning: {what} {v} is named more than once; it is scanned once");
            false
        } else {
            seen.push(key);
            true
        }
    });
}

/// The collectors the plan's checks need, from the registry.
fn collectors_needed(prepared: &Prepared, provider: Provider) -> Vec<String> {
    let checks = prepared
        .plan
        .iter()
        .filter_map(|p| prepared.catalog.get(&p.check))
        .map(|c| &c.meta);
    crate::registry::collectors_for_checks(provider, checks)
}

fn check_provider(config: &Config, provider: Provider) -> Result<(), Failure> {
    match config.provider {
        Some(p) if p != provider => Err(bad_input(anyhow::anyhow!(
            "the config is for provider {p}; this is `vouch scan {provider}`"
        ))),
        _ => Ok(()),
    }
}

fn apply_aws_config(args: &mut AwsArgs, config: &Config) -> Result<(), Failure> {
    check_provider(config, Provider::Aws)?;
    let a = &config.aws;
    if args.regions.is_empty() {
        args.regions = a.regions.clone();
    }
    args.profile = args.profile.take().or_else(|| a.profile.clone());
    if args.endpoint_url.is_none() && a.endpoint_url.is_some() {
        config
            .refuse_implicit("aws.endpoint_url", "--endpoint-url")
            .map_err(bad_input)?;
    }
    args.endpoint_url = args.endpoint_url.take().or_else(|| a.endpoint_url.clone());
    args.common.concurrency = args.common.concurrency.or(a.concurrency);
    args.common.max_attempts = args.common.max_attempts.or(a.max_attempts);
    apply_config(&mut args.common, config)
}

fn apply_azure_config(args: &mut AzureArgs, config: &Config) -> Result<(), Failure> {
    check_provider(config, Provider::Azure)?;
    let a = &config.azure;
    if args.subscriptions.is_empty() {
        args.subscriptions = a.subscriptions.clone();
    }
    args.auth = args.auth.or(a.auth);
    args.cloud = args.cloud.or(a.cloud);
    for (key, flag, from_flag, from_file) in [
        (
            "azure.authority_host",
            "--authority-host",
            &args.authority_host,
            &a.authority_host,
        ),
        (
            "azure.arm_endpoint",
            "--arm-endpoint",
            &args.arm_endpoint,
            &a.arm_endpoint,
        ),
        (
            "azure.graph_endpoint",
            "--graph-endpoint",
            &args.graph_endpoint,
            &a.graph_endpoint,
        ),
    ] {
        if from_flag.is_none() && from_file.is_some() {
            config.refuse_implicit(key, flag).map_err(bad_input)?;
        }
    }
    args.authority_host = args
        .authority_host
        .take()
        .or_else(|| a.authority_host.clone());
    args.arm_endpoint = args.arm_endpoint.take().or_else(|| a.arm_endpoint.clone());
    args.graph_endpoint = args
        .graph_endpoint
        .take()
        .or_else(|| a.graph_endpoint.clone());
    args.common.concurrency = args.common.concurrency.or(a.concurrency);
    args.common.max_attempts = args.common.max_attempts.or(a.max_attempts);
    apply_config(&mut args.common, config)
}

/// Fills what the command line left unsaid from the config file's shared sections.
fn apply_config(args: &mut ScanCommon, config: &Config) -> Result<(), Failure> {
    let c = &config.checks;
    if args.select.checks.is_empty() {
        args.select.checks = c.ids.clone();
    }
    if args.select.services.is_empty() {
        args.select.services = c.services.clone();
    }
    args.select.severity = args.select.severity.or(c.severity);
    if args.select.checks_dir.is_none() {
        args.select.checks_dir = c.dir.as_ref().map(|d| config.path(d));
    }
    let p = &config.policies;
    let o = &mut args.output;
    if o.policies.is_empty() {
        o.policies = p
            .packs
            .iter()
            .map(|id| {
                if id.ends_with(".toml") {
                    config.path(Path::new(id)).display().to_string()
                } else {
                    id.clone()
                }
            })
            .collect();
    }
    if o.attestations.is_empty() {
        o.attestations = p.attestations.iter().map(|f| config.path(f)).collect();
    }
    if o.mutes.is_empty() {
        o.mutes = p.mutes.iter().map(|f| config.path(f)).collect();
    }
    if o.policy_regions.is_none() {
        o.policy_regions = p.regions.as_ref().map(|r| r.scope.clone());
    }
    let out = &config.output;
    if o.format.is_empty() {
        o.format = out
            .formats
            .iter()
            .map(|f| {
                <Format as clap::ValueEnum>::from_str(f, true)
                    .map_err(|e| bad_input(anyhow::anyhow!(e)))
            })
            .collect::<Result<_, _>>()?;
    }
    if o.output.is_none() && o.output_dir.is_none() {
        o.output_dir = out.dir.as_ref().map(|d| config.path(d));
    }
    if o.send_to.is_empty() && !out.send_to.is_empty() {
        config
            .refuse_implicit("output.send_to", "--send-to")
            .map_err(bad_input)?;
        o.send_to = out
            .send_to
            .iter()
            .map(|t| t.parse().map_err(bad_input))
            .collect::<Result<_, _>>()?;
    }
    if o.fail_on.is_none()
        && let Some(f) = &config.fail_on
    {
        o.fail_on = Some(
            f.parse()
                .map_err(|e: String| bad_input(anyhow::anyhow!(e)))?,
        );
    }
    if args.database.is_none() {
        args.database = config.history.database.as_ref().map(|d| config.path(d));
    }
    if config.history.enabled == Some(false) {
        args.no_history = true;
    }
    Ok(())
}

pub fn run_scan(cmd: ScanCommand) -> Result<u8, Failure> {
    let started_at = Utc::now();
    match cmd {
        ScanCommand::Aws(mut args) => {
            if let Some(config) =
                Config::discover(args.common.config.as_deref()).map_err(bad_input)?
            {
                apply_aws_config(&mut args, &config)?;
            }
            dedupe_targets(&mut args.regions, "region");
            let opts = AwsOptions {
                regions: args.regions.clone(),
                profile: args.profile.clone(),
                endpoint_url: args.endpoint_url.clone(),
                concurrency: args.common.concurrency.unwrap_or(16),
                max_attempts: args.common.max_attempts.unwrap_or(4),
                collectors: Vec::new(),
            };
            args.common.output.aws = Some(opts.clone());
            scan(
                &mut args.common,
                Provider::Aws,
                started_at,
                |collectors, progress| async move {
                    aws::collect(&AwsOptions { collectors, ..opts }, progress).await
                },
            )
        }
        ScanCommand::Azure(mut args) => {
            if let Some(config) =
                Config::discover(args.common.config.as_deref()).map_err(bad_input)?
            {
                apply_azure_config(&mut args, &config)?;
            }
            dedupe_targets(&mut args.subscriptions, "subscription");
            let cloud = Cloud::resolve(
                args.cloud.unwrap_or_default(),
                &EndpointOverrides {
                    authority_host: args.authority_host.clone(),
                    arm_endpoint: args.arm_endpoint.clone(),
                    graph_endpoint: args.graph_endpoint.clone(),
                },
            )
            .map_err(bad_input)?;
            let opts = AzureOptions {
                subscriptions: args.subscriptions.clone(),
                cloud,
                auth: args.auth.unwrap_or_default(),
                concurrency: args.common.concurrency.unwrap_or(16),
                max_attempts: args.common.max_attempts.unwrap_or(4),
                collectors: Vec::new(),
            };
            scan(
                &mut args.common,
                Provider::Azure,
                started_at,
                |collectors, progress| async move {
                    azure::collect(&AzureOptions { collectors, ..opts }, progress).await
                },
            )
        }
    }
}

/// The history a live scan is stored in, with what the scan will be compared with.
struct History {
    store: Store,
    /// The latest scan of every target, read before any cloud call.
    previous: BTreeMap<String, (i64, ScanReport)>,
}

/// A live scan: plan, output directories, history lock, collection, then the shared
/// assessment and outputs.
fn scan<F, Fut>(
    args: &mut ScanCommon,
    provider: Provider,
    started_at: chrono::DateTime<Utc>,
    collect: F,
) -> Result<u8, Failure>
where
    F: FnOnce(Vec<String>, Arc<dyn crate::collect::Progress>) -> Fut,
    Fut: Future<Output = Result<Inventory, CollectError>>,
{
    let mut prepared = prepare(&args.select, &args.output, provider)?;
    make_output_dirs(&args.output, args.save_inventory.as_deref())?;
    // The history is opened (and locked), checked and read before any cloud call, so
    // a busy or damaged database stops the run before it does work it cannot record.
    let mut history = if args.no_history {
        None
    } else {
        let path = args.database.clone().unwrap_or_else(history::default_path);
        let store = Store::open_for_writing(&path).map_err(super::history::failure)?;
        let previous = store.latest_reports().map_err(super::history::failure)?;
        Some(History { store, previous })
    };
    let collectors = collectors_needed(&prepared, provider);
    let progress = Arc::new(BarProgress::new(!args.no_progress));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
        .map_err(scan_failed)?;
    let collected = runtime.block_on(collect(collectors, progress.clone()));
    progress.finish();
    let inventory = collected.map_err(|e| match e {
        CollectError::Config(_) => bad_input(e),
        other => scan_failed(other),
    })?;
    if let Some(path) = &args.save_inventory {
        let bytes = serde_json::to_vec_pretty(&inventory)
            .context("cannot serialize the inventory")
            .map_err(scan_failed)?;
        sink::write_atomic(path, &bytes).map_err(scan_failed)?;
    }
    finish(
        &mut prepared,
        &inventory,
        &args.output,
        started_at,
        history.as_mut(),
    )
}

pub fn run_check(args: CheckArgs) -> Result<u8, Failure> {
    let started_at = Utc::now();
    let mut inventory = Inventory::load(&args.inventory).map_err(bad_input)?;
    if inventory.provider == Provider::Aws {
        crate::collect::aws::join::fill_missing(&mut inventory);
        crate::collect::aws::datastores::fill_missing(&mut inventory);
    }
    let mut prepared = prepare(&args.select, &args.output, inventory.provider)?;
    make_output_dirs(&args.output, None)?;
    finish(&mut prepared, &inventory, &args.output, started_at, None)
}

fn finish(
    prepared: &mut Prepared,
    inventory: &Inventory,
    output: &OutputArgs,
    started_at: chrono::DateTime<Utc>,
    history: Option<&mut History>,
) -> Result<u8, Failure> {
    // OCSF to standard output is streamed: each check's findings are written as soon
    // as they exist, for `vouch scan aws --format ocsf | shipper`.
    let streaming =
        output.format == [Format::Ocsf] && output.output.is_none() && output.output_dir.is_none();
    let cx = ocsf::EventContext {
        provider: inventory.provider,
        version: crate::results::ToolInfo::default().version,
        time: chrono::Utc::now(),
    };
    let mut stream_error: Option<std::io::Error> = None;
    let report: ScanReport = {
        // Check metadata for the events, read while the engine evaluates; copied only
        // when streaming.
        let catalog_view = streaming.then(|| prepared.catalog.clone());
        let mut on_results = |batch: &[crate::results::CheckResult]| {
            let Some(catalog_view) = &catalog_view else {
                return;
            };
            if stream_error.is_some() {
                return;
            }
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            for r in batch {
                let line = ocsf::detection_finding(&cx, catalog_view, r).to_string();
                if let Err(e) = writeln!(stdout, "{line}").and_then(|_| stdout.flush()) {
                    stream_error = Some(e);
                    return;
                }
            }
        };
        assess(
            &mut prepared.catalog,
            inventory,
            &prepared.plan,
            &prepared.packs,
            &prepared.judgements,
            started_at,
            &mut on_results,
        )
    };
    let not_stored = |history: &Option<&mut History>| {
        if history.is_some() {
            eprintln!(
                "note: this scan was not stored in the history: its outputs were not all written and delivered, so the next scan is compared with the same earlier one"
            );
        }
    };
    if let Some(e) = stream_error {
        not_stored(&history);
        return Err(scan_failed(
            anyhow::Error::new(e).context("cannot write to standard output"),
        ));
    }
    let mut report = report;
    if let Some(h) = &history
        && let Some((id, before)) = h.previous.get(&history::target_of(&report))
    {
        report.diff = Some(history::diff::compare(*id, before, &report));
    }
    for w in prepared.catalog.warnings.drain(..) {
        eprintln!("warning: {w}");
    }
    // Stored only once everything the run owes is out: a scan whose report was not
    // written or delivered must count as unseen, or `--fail-on new` would skip its
    // failures on the next run.
    let outcome = write_outputs(&report, prepared, output, streaming, &cx)
        .and_then(|_| deliver(&report, &prepared.catalog, output));
    if let Err(e) = outcome {
        not_stored(&history);
        return Err(e);
    }
    if let Some(h) = history {
        let id = h.store.save(&report).map_err(scan_failed)?;
        eprintln!("stored as scan {id} in the history");
    }
    Ok(exit_code(
        &report,
        output.fail_on.as_ref().unwrap_or(&FailOn::Any),
    ))
}

/// Renders every format, then writes each (whole or not at all).
fn write_outputs(
    report: &ScanReport,
    prepared: &Prepared,
    output: &OutputArgs,
    streaming: bool,
    cx: &ocsf::EventContext,
) -> Result<(), Failure> {
    let defaults: BTreeMap<&str, &serde_json::Map<String, serde_json::Value>> = prepared
        .catalog
        .checks
        .iter()
        .map(|c| (c.id(), &c.meta.custom.params))
        .collect();
    let render = |format: Format| -> Result<Vec<u8>, Failure> {
        Ok(match format {
            Format::Terminal => terminal::render(report, &defaults).into_bytes(),
            Format::Json => json::render(report),
            Format::Ocsf => ocsf::render(report, &prepared.catalog),
            // check_outputs refused ASFF for other providers before the scan.
            Format::Asff => asff::render(report, &prepared.catalog),
            Format::Csv => csv::render(report),
            Format::Junit => junit::render(report),
            Format::Html => html::render(report, &prepared.catalog).map_err(scan_failed)?,
        })
    };
    // Render everything before writing anything, so a bad combination leaves no
    // partial set of files behind.
    let rendered: Vec<(Format, Vec<u8>)> = if streaming {
        // Detection findings went out as they were produced; what remains are the
        // compliance findings, which need every result.
        let mut rest = Vec::new();
        for e in ocsf::compliance_findings(report, &prepared.catalog, cx) {
            rest.extend(e.to_string().into_bytes());
            rest.push(b'\n');
        }
        vec![(Format::Ocsf, rest)]
    } else {
        formats_of(output)
            .into_iter()
            .map(|f| render(f).map(|b| (f, b)))
            .collect::<Result<_, _>>()?
    };
    for (format, bytes) in rendered {
        match (&output.output, &output.output_dir) {
            (Some(path), _) => sink::write_atomic(path, &bytes).map_err(scan_failed)?,
            (None, Some(dir)) if format != Format::Terminal => {
                sink::write_atomic(&dir.join(format.file_name()), &bytes).map_err(scan_failed)?
            }
            _ => {
                use std::io::Write;
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

/// Sends findings to every `--send-to` target; each failure is reported, every target
/// is tried, and the run fails (exit 3) if any delivery did.
fn deliver(report: &ScanReport, catalog: &Catalog, output: &OutputArgs) -> Result<(), Failure> {
    let targets = &output.send_to;
    if targets.is_empty() {
        return Ok(());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
        .map_err(scan_failed)?;
    let mut failures = Vec::new();
    for target in targets {
        let outcome = match target {
            Target::Hec { url } => {
                let token = std::env::var(deliver::HEC_TOKEN_ENV).unwrap_or_default();
                let events = ocsf::events(report, catalog);
                runtime.block_on(deliver::hec::send(
                    url,
                    &token,
                    &events,
                    deliver::RetryPolicy::from_env(),
                ))
            }
            Target::SecurityHub => {
                let findings = asff::findings(report, catalog);
                runtime.block_on(deliver::securityhub::send(&findings, output.aws.as_ref()))
            }
        };
        match outcome {
            Ok(n) => eprintln!("delivered {n} findings to {}", target.describe()),
            Err(e) => {
                // The reason can quote a collector's answer: no raw control characters.
                eprintln!(
                    "error: delivery failed: {} (the local outputs were written)",
                    crate::report::terminal::printable_lines(&e.to_string())
                );
                failures.push(e.to_string());
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(scan_failed(anyhow::anyhow!(
            "{} of {} deliveries failed",
            failures.len(),
            targets.len()
        )))
    }
}

/// The exit code under the `--fail-on` rule: 1 when the rule is met, else 4 when
/// something could not be judged (a result, or a clause whose resource type was never
/// listed), else 0. Under `new` with an earlier scan, only what newly could not be
/// judged makes it 4: a nightly job must not fail forever on a gap it already reported.
fn exit_code(report: &ScanReport, rule: &FailOn) -> u8 {
    let triggered = match rule {
        FailOn::Any => report.summary.fail > 0,
        // Without an earlier scan every failure is new.
        FailOn::New => match &report.diff {
            Some(d) => !d.new_failures.is_empty(),
            None => report.summary.fail > 0,
        },
        FailOn::Severity(min) => report
            .results
            .iter()
            .any(|r| r.status == crate::results::Status::Fail && r.severity >= *min),
        FailOn::Score(min) => report
            .policies
            .iter()
            .any(|p| p.score.is_some_and(|s| s < *min)),
    };
    let unjudged = match (rule, &report.diff) {
        (FailOn::New, Some(d)) => !d.new_errors.is_empty(),
        _ => !history::diff::unjudged(report).is_empty(),
    };
    if triggered {
        exit::FAILURES
    } else if unjudged {
        exit::ERRORS
    } else {
        exit::OK
    }
}
