//! `vouch.toml`: everything a scheduled audit needs, configured once. Found in the
//! working directory or given with `--config`; command-line flags override it. Unknown
//! keys and bad values are errors naming the line, so a typo never silently falls back
//! to a default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::deliver::Target;
pub use crate::exit::FailOn;
use crate::inventory::Provider;
use crate::report::Format;
use crate::results::Severity;

pub const DEFAULT_FILE: &str = "vouch.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub provider: Option<Provider>,
    /// What makes the exit code non-zero (see [`FailOn`]).
    pub fail_on: Option<String>,
    #[serde(default)]
    pub aws: AwsSection,
    #[serde(default)]
    pub azure: AzureSection,
    #[serde(default)]
    pub checks: ChecksSection,
    #[serde(default)]
    pub policies: PoliciesSection,
    #[serde(default)]
    pub output: OutputSection,
    #[serde(default)]
    pub history: HistorySection,
    /// Where the file was read from; relative paths in it are relative to its directory.
    #[serde(skip)]
    pub base_dir: PathBuf,
    /// Set when the file was picked up from the working directory rather than named
    /// with `--config`. Whoever can write to a checkout (a pull request in CI) can put a
    /// `vouch.toml` there, so such a file may not choose where credentials, tokens
    /// or findings are sent (see [`Config::refuse_implicit`]).
    #[serde(skip)]
    pub found_implicitly: bool,
    /// `fail_on`, `output.formats` and `output.send_to` as what they mean, read once
    /// when the file is (the fields above keep them as written).
    #[serde(skip)]
    pub parsed: Parsed,
}

/// The values of a config file that toml cannot check by type, parsed.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub fail_on: Option<FailOn>,
    pub formats: Vec<Format>,
    pub send_to: Vec<Target>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwsSection {
    #[serde(default)]
    pub regions: Vec<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    pub concurrency: Option<usize>,
    pub max_attempts: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AzureSection {
    #[serde(default)]
    pub subscriptions: Vec<String>,
    pub auth: Option<crate::collect::azure::credential::AuthMethod>,
    pub cloud: Option<crate::collect::azure::cloud::CloudName>,
    pub authority_host: Option<String>,
    pub arm_endpoint: Option<String>,
    pub graph_endpoint: Option<String>,
    pub concurrency: Option<usize>,
    pub max_attempts: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksSection {
    #[serde(default)]
    pub ids: Vec<String>,
    #[serde(default)]
    pub services: Vec<String>,
    pub severity: Option<Severity>,
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoliciesSection {
    #[serde(default)]
    pub packs: Vec<String>,
    #[serde(default)]
    pub attestations: Vec<PathBuf>,
    #[serde(default)]
    pub mutes: Vec<PathBuf>,
    /// `regions = "auto" | "all" | ["us-east-1", ...]`: where the company runs, for
    /// every pack's region-wide clauses (overrides the packs' own `regions`).
    pub regions: Option<PolicyRegions>,
}

/// `[policies] regions`, checked when the file is read.
#[derive(Debug, Clone)]
pub struct PolicyRegions {
    pub scope: crate::policy::RegionScope,
}

impl<'de> Deserialize<'de> for PolicyRegions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = crate::policy::pack::RawRegionScope::deserialize(d)?;
        raw.resolve()
            .map(|scope| PolicyRegions { scope })
            .map_err(|why| serde::de::Error::custom(format!("[policies] {why}")))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSection {
    #[serde(default)]
    pub formats: Vec<String>,
    pub dir: Option<PathBuf>,
    #[serde(default)]
    pub send_to: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistorySection {
    pub database: Option<PathBuf>,
    /// Store scans at all (default true).
    pub enabled: Option<bool>,
}

/// Where the values [`Config::parse`] checks itself are written.
#[derive(Default, Deserialize)]
struct ValueSpans {
    fail_on: Option<toml::Spanned<String>>,
    #[serde(default)]
    output: OutputSpans,
}

#[derive(Default, Deserialize)]
struct OutputSpans {
    #[serde(default)]
    formats: Vec<toml::Spanned<String>>,
    #[serde(default)]
    send_to: Vec<toml::Spanned<String>>,
}

crate::toml_file::file_error! {
    pub enum ConfigError("config") {
        #[error(
            "{path} sets {key}, but it was found in the working directory, not named with --config: \
             endpoints and delivery targets are taken only from a file named with --config \
             (pass --config {path} if you trust it) or from {flag}"
        )]
        ImplicitEndpoint {
            path: String,
            key: String,
            flag: String,
        },
    }
}

impl Config {
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let file = crate::toml_file::File { path: &shown, text };
        let invalid =
            |offset: usize, reason: String| ConfigError::from(file.invalid(offset, reason));
        let mut config: Config = file.parse()?;
        // Values whose meaning toml cannot check: name their line too, from where toml
        // read them (a search for the key would find it in a comment or a string).
        let spans: ValueSpans = toml::from_str(text).unwrap_or_default();
        if let Some(f) = &spans.fail_on {
            config.parsed.fail_on = Some(
                f.get_ref()
                    .parse::<FailOn>()
                    .map_err(|e| invalid(f.span().start, format!("fail_on {e}")))?,
            );
        }
        for f in &spans.output.formats {
            let format = f
                .get_ref()
                .parse()
                .map_err(|e| invalid(f.span().start, e))?;
            config.parsed.formats.push(format);
        }
        for t in &spans.output.send_to {
            let target = t
                .get_ref()
                .parse::<Target>()
                .map_err(|e| invalid(t.span().start, e.to_string()))?;
            config.parsed.send_to.push(target);
        }
        config.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = ConfigError::read(path)?;
        Config::parse(path, &text)
    }

    /// The config named with `--config`, else `vouch.toml` in the working directory if
    /// there is one, else none.
    pub fn discover(explicit: Option<&Path>) -> Result<Option<Config>, ConfigError> {
        match explicit {
            Some(p) => Config::load(p).map(Some),
            None => {
                let p = Path::new(DEFAULT_FILE);
                if p.exists() {
                    let mut config = Config::load(p)?;
                    config.found_implicitly = true;
                    Ok(Some(config))
                } else {
                    Ok(None)
                }
            }
        }
    }

    /// Refuses `key` (an endpoint or a delivery target, which receives secrets or
    /// findings) when it would be taken from a file found implicitly; the caller passes
    /// only keys that are set and not overridden by their flag.
    pub fn refuse_implicit(&self, key: &str, flag: &str) -> Result<(), ConfigError> {
        if !self.found_implicitly {
            return Ok(());
        }
        Err(ConfigError::ImplicitEndpoint {
            path: self.base_dir.join(DEFAULT_FILE).display().to_string(),
            key: key.to_string(),
            flag: flag.to_string(),
        })
    }

    /// A path from the file, taken relative to the file's directory.
    pub fn path(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base_dir.join(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"provider = "aws"
fail_on = "new"

[aws]
regions = ["us-east-1"]

[policies]
packs = ["atlasdata"]
mutes = ["mutes.toml"]

[output]
formats = ["json", "ocsf"]
dir = "reports"

[history]
database = "history.db"
"#;

    #[test]
    fn parses_and_resolves_paths_against_the_file() {
        let c = Config::parse(Path::new("/etc/vouch/vouch.toml"), GOOD).unwrap();
        assert_eq!(c.aws.regions, vec!["us-east-1"]);
        assert_eq!(
            c.path(c.history.database.as_deref().unwrap()),
            PathBuf::from("/etc/vouch/history.db")
        );
        assert_eq!(c.fail_on.unwrap().parse::<FailOn>().unwrap(), FailOn::New);
    }

    #[test]
    fn a_typo_names_the_key_and_its_line() {
        let e = Config::parse(Path::new("v.toml"), &GOOD.replace("regions =", "regoins ="))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("v.toml:5:") && e.contains("regoins"), "{e}");
        let e = Config::parse(
            Path::new("v.toml"),
            &GOOD.replace("\"new\"", "\"sometimes\""),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("v.toml:2:") && e.contains("sometimes"), "{e}");
        let e = Config::parse(Path::new("v.toml"), &GOOD.replace("\"ocsf\"", "\"pdf\""))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("v.toml:12:") && e.contains("pdf"), "{e}");
    }

    #[test]
    fn policy_regions_parse_and_a_bad_value_names_its_line() {
        let c = Config::parse(Path::new("v.toml"), "[policies]\nregions = \"auto\"\n").unwrap();
        assert_eq!(
            c.policies.regions.map(|r| r.scope),
            Some(crate::policy::RegionScope::Auto)
        );
        let c = Config::parse(
            Path::new("v.toml"),
            "[policies]\nregions = [\"eu-west-1\"]\n",
        )
        .unwrap();
        assert_eq!(
            c.policies.regions.map(|r| r.scope),
            Some(crate::policy::RegionScope::List(vec!["eu-west-1".into()]))
        );
        let e = Config::parse(Path::new("v.toml"), "[policies]\nregions = \"some\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("v.toml:2:"), "{e}");
        assert!(e.contains("auto"), "{e}");
    }

    #[test]
    fn fail_on_rules_parse() {
        assert_eq!("any".parse::<FailOn>().unwrap(), FailOn::Any);
        assert_eq!(
            "severity:high".parse::<FailOn>().unwrap(),
            FailOn::Severity(Severity::High)
        );
        assert_eq!("score:80".parse::<FailOn>().unwrap(), FailOn::Score(80.0));
        assert!("score:120".parse::<FailOn>().is_err());
        assert!("severity:dire".parse::<FailOn>().is_err());
    }
}
