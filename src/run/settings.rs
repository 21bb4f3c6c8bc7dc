//! One resolved value of everything a run was told: the command line's flags, then
//! the config file for what they left unsaid, then the defaults, merged once and typed
//! (ripgrep's `HiArgs`). The CLI fills the flags; nothing after this module looks at
//! the config file again.

use std::path::{Path, PathBuf};

use super::{Failure, bad_input};
use crate::collect::aws::AwsOptions;
use crate::collect::azure::AzureOptions;
use crate::collect::azure::cloud::{Cloud, CloudName, EndpointOverrides};
use crate::collect::azure::credential::AuthMethod;
use crate::config::Config;
use crate::deliver::Target;
use crate::exit::FailOn;
use crate::inventory::Provider;
use crate::policy::RegionScope;
use crate::report::Format;
use crate::results::Severity;

/// Which checks run.
#[derive(Debug, Clone, Default)]
pub struct SelectFlags {
    pub checks: Vec<String>,
    pub services: Vec<String>,
    pub severity: Option<Severity>,
    pub checks_dir: Option<PathBuf>,
}

/// What is reported and where.
#[derive(Debug, Clone, Default)]
pub struct OutputFlags {
    pub policies: Vec<String>,
    pub formats: Vec<Format>,
    pub output: Option<PathBuf>,
    pub output_dir: Option<PathBuf>,
    pub send_to: Vec<Target>,
    pub fail_on: Option<FailOn>,
    pub attestations: Vec<PathBuf>,
    pub mutes: Vec<PathBuf>,
    pub policy_regions: Option<RegionScope>,
}

/// What every live scan takes, whatever the cloud.
#[derive(Debug, Clone, Default)]
pub struct ScanFlags {
    pub concurrency: Option<usize>,
    pub max_attempts: Option<u32>,
    pub save_inventory: Option<PathBuf>,
    pub no_progress: bool,
    pub config: Option<PathBuf>,
    pub database: Option<PathBuf>,
    pub no_history: bool,
    pub select: SelectFlags,
    pub output: OutputFlags,
}

#[derive(Debug, Clone, Default)]
pub struct AwsFlags {
    pub regions: Vec<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    pub common: ScanFlags,
}

#[derive(Debug, Clone, Default)]
pub struct AzureFlags {
    pub subscriptions: Vec<String>,
    pub auth: Option<AuthMethod>,
    pub cloud: Option<CloudName>,
    pub authority_host: Option<String>,
    pub arm_endpoint: Option<String>,
    pub graph_endpoint: Option<String>,
    pub common: ScanFlags,
}

/// What a live scan reads.
#[derive(Debug, Clone)]
pub enum Source {
    Aws(AwsOptions),
    Azure(Box<AzureOptions>),
}

/// Everything a run does, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub select: SelectFlags,
    /// The outputs as merged; [`Settings::formats`] and [`Settings::fail_on`] are
    /// their final form.
    pub output: OutputFlags,
    /// The formats to produce, each once, in the order given (default: terminal).
    pub formats: Vec<Format>,
    /// OCSF alone to standard output: each check's findings are written as soon as
    /// they exist, for `vouch scan aws --format ocsf | shipper`.
    pub streaming: bool,
    pub fail_on: FailOn,
    /// The history database; `None`: this run is not stored.
    pub history: Option<PathBuf>,
    pub save_inventory: Option<PathBuf>,
    pub progress: bool,
    /// `None` for `vouch check`, which reads a saved inventory.
    pub source: Option<Source>,
}

impl Settings {
    /// `vouch check --inventory`: flags and defaults only (no config file).
    pub fn for_check(select: SelectFlags, output: OutputFlags) -> Settings {
        Settings::resolve(
            ScanFlags {
                select,
                output,
                no_history: true,
                no_progress: true,
                ..ScanFlags::default()
            },
            None,
        )
    }

    pub fn for_aws(mut flags: AwsFlags) -> Result<Settings, Failure> {
        if let Some(config) = Config::discover(flags.common.config.as_deref()).map_err(bad_input)? {
            check_provider(&config, Provider::Aws)?;
            let a = &config.aws;
            if flags.regions.is_empty() {
                flags.regions = a.regions.clone();
            }
            flags.profile = flags.profile.take().or_else(|| a.profile.clone());
            take_endpoint(
                &config,
                "aws.endpoint_url",
                "--endpoint-url",
                &mut flags.endpoint_url,
                &a.endpoint_url,
            )?;
            merge_common(&mut flags.common, &config, a.concurrency, a.max_attempts)?;
        }
        dedupe_targets(&mut flags.regions, "region");
        let common = &flags.common;
        let opts = AwsOptions {
            regions: flags.regions,
            profile: flags.profile,
            endpoint_url: flags.endpoint_url,
            concurrency: common.concurrency.unwrap_or(16),
            max_attempts: common.max_attempts.unwrap_or(4),
            collectors: Vec::new(),
        };
        Ok(Settings::resolve(flags.common, Some(Source::Aws(opts))))
    }

    pub fn for_azure(mut flags: AzureFlags) -> Result<Settings, Failure> {
        if let Some(config) = Config::discover(flags.common.config.as_deref()).map_err(bad_input)? {
            check_provider(&config, Provider::Azure)?;
            let a = &config.azure;
            if flags.subscriptions.is_empty() {
                flags.subscriptions = a.subscriptions.clone();
            }
            flags.auth = flags.auth.or(a.auth);
            flags.cloud = flags.cloud.or(a.cloud);
            // Each is refused from an implicit file before any is taken.
            for (key, flag, from_flag, from_file) in [
                (
                    "azure.authority_host",
                    "--authority-host",
                    &flags.authority_host,
                    &a.authority_host,
                ),
                (
                    "azure.arm_endpoint",
                    "--arm-endpoint",
                    &flags.arm_endpoint,
                    &a.arm_endpoint,
                ),
                (
                    "azure.graph_endpoint",
                    "--graph-endpoint",
                    &flags.graph_endpoint,
                    &a.graph_endpoint,
                ),
            ] {
                if from_flag.is_none() && from_file.is_some() {
                    config.refuse_implicit(key, flag).map_err(bad_input)?;
                }
            }
            flags.authority_host = flags
                .authority_host
                .take()
                .or_else(|| a.authority_host.clone());
            flags.arm_endpoint = flags.arm_endpoint.take().or_else(|| a.arm_endpoint.clone());
            flags.graph_endpoint = flags
                .graph_endpoint
                .take()
                .or_else(|| a.graph_endpoint.clone());
            merge_common(&mut flags.common, &config, a.concurrency, a.max_attempts)?;
        }
        dedupe_targets(&mut flags.subscriptions, "subscription");
        let cloud = Cloud::resolve(
            flags.cloud.unwrap_or_default(),
            &EndpointOverrides {
                authority_host: flags.authority_host,
                arm_endpoint: flags.arm_endpoint,
                graph_endpoint: flags.graph_endpoint,
            },
        )
        .map_err(bad_input)?;
        let common = &flags.common;
        let opts = AzureOptions {
            subscriptions: flags.subscriptions,
            cloud,
            auth: flags.auth.unwrap_or_default(),
            concurrency: common.concurrency.unwrap_or(16),
            max_attempts: common.max_attempts.unwrap_or(4),
            collectors: Vec::new(),
        };
        Ok(Settings::resolve(
            flags.common,
            Some(Source::Azure(Box::new(opts))),
        ))
    }

    /// The defaults, once the flags and the config file have had their say.
    fn resolve(flags: ScanFlags, source: Option<Source>) -> Settings {
        let output = flags.output;
        let mut formats: Vec<Format> = Vec::new();
        for f in &output.formats {
            if !formats.contains(f) {
                formats.push(*f);
            }
        }
        if formats.is_empty() {
            formats.push(Format::Terminal);
        }
        let streaming = output.formats == [Format::Ocsf]
            && output.output.is_none()
            && output.output_dir.is_none();
        Settings {
            select: flags.select,
            formats,
            streaming,
            fail_on: output.fail_on.clone().unwrap_or(FailOn::Any),
            output,
            history: (!flags.no_history)
                .then(|| flags.database.unwrap_or_else(crate::history::default_path)),
            save_inventory: flags.save_inventory,
            progress: !flags.no_progress,
            source,
        }
    }

    /// The provider a live scan reads.
    pub fn provider(&self) -> Option<Provider> {
        match self.source {
            Some(Source::Aws(_)) => Some(Provider::Aws),
            Some(Source::Azure(_)) => Some(Provider::Azure),
            None => None,
        }
    }

    /// The AWS scan's profile, endpoint and regions, so `--send-to securityhub`
    /// imports into the account that was read.
    pub fn aws(&self) -> Option<&AwsOptions> {
        match &self.source {
            Some(Source::Aws(o)) => Some(o),
            _ => None,
        }
    }
}

fn check_provider(config: &Config, provider: Provider) -> Result<(), Failure> {
    match config.provider {
        Some(p) if p != provider => Err(bad_input(anyhow::anyhow!(
            "the config is for provider {p}; this is `vouch scan {provider}`"
        ))),
        _ => Ok(()),
    }
}

/// An endpoint from the file only when the flag left it unsaid and the file may set it.
fn take_endpoint(
    config: &Config,
    key: &str,
    flag: &str,
    value: &mut Option<String>,
    from_file: &Option<String>,
) -> Result<(), Failure> {
    if value.is_none() && from_file.is_some() {
        config.refuse_implicit(key, flag).map_err(bad_input)?;
    }
    *value = value.take().or_else(|| from_file.clone());
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

/// Fills what the command line left unsaid from the config file's shared sections.
fn merge_common(
    args: &mut ScanFlags,
    config: &Config,
    concurrency: Option<usize>,
    max_attempts: Option<u32>,
) -> Result<(), Failure> {
    args.concurrency = args.concurrency.or(concurrency);
    args.max_attempts = args.max_attempts.or(max_attempts);
    let c = &config.checks;
    let s = &mut args.select;
    if s.checks.is_empty() {
        s.checks = c.ids.clone();
    }
    if s.services.is_empty() {
        s.services = c.services.clone();
    }
    s.severity = s.severity.or(c.severity);
    if s.checks_dir.is_none() {
        s.checks_dir = c.dir.as_ref().map(|d| config.path(d));
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
    if o.formats.is_empty() {
        o.formats = config.parsed.formats.clone();
    }
    if o.output.is_none() && o.output_dir.is_none() {
        o.output_dir = out.dir.as_ref().map(|d| config.path(d));
    }
    if o.send_to.is_empty() && !out.send_to.is_empty() {
        config
            .refuse_implicit("output.send_to", "--send-to")
            .map_err(bad_input)?;
        o.send_to = config.parsed.send_to.clone();
    }
    if o.fail_on.is_none() {
        o.fail_on = config.parsed.fail_on.clone();
    }
    if args.database.is_none() {
        args.database = config.history.database.as_ref().map(|d| config.path(d));
    }
    if config.history.enabled == Some(false) {
        args.no_history = true;
    }
    Ok(())
}
