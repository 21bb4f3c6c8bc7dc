//! Output formats and where they go.

pub mod asff;
pub mod csv;
pub mod html;
pub mod identity;
pub mod json;
pub mod junit;
pub mod ocsf;
pub mod oscal;
pub mod oscal_catalog;
pub mod sink;
pub mod terminal;

/// An output format: the one list of them, with each one's name, file and description.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Terminal,
    Json,
    Ocsf,
    Asff,
    Csv,
    Junit,
    Html,
    Oscal,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Terminal,
        Format::Json,
        Format::Ocsf,
        Format::Asff,
        Format::Csv,
        Format::Junit,
        Format::Html,
        Format::Oscal,
    ];

    /// The name in `--format` and vouch.toml, the file under `--output-dir` (none:
    /// standard output), and what it is.
    fn describe(self) -> (&'static str, Option<&'static str>, &'static str) {
        match self {
            Format::Terminal => ("terminal", None, "The readable summary"),
            Format::Json => (
                "json",
                Some("results.json"),
                "The complete, versioned record (docs/results-format.md)",
            ),
            Format::Ocsf => (
                "ocsf",
                Some("findings.ocsf.jsonl"),
                "OCSF 1.5 Detection and Compliance Findings, one JSON object per line (SIEMs, Security Lake)",
            ),
            Format::Asff => (
                "asff",
                Some("findings.asff.json"),
                "AWS Security Finding Format, a JSON array (Security Hub)",
            ),
            Format::Csv => ("csv", Some("results.csv"), "One row per result"),
            Format::Junit => (
                "junit",
                Some("results.junit.xml"),
                "JUnit XML: a test case per check and resource (CI systems)",
            ),
            Format::Html => (
                "html",
                Some("report.html"),
                "One self-contained HTML page: scores, charts, clause tables, filterable failures",
            ),
            Format::Oscal => (
                "oscal",
                Some("assessment-results.oscal.json"),
                "OSCAL 1.2 assessment results: an observation per result, a finding per clause (GRC tools, FedRAMP)",
            ),
        }
    }

    pub fn name(self) -> &'static str {
        self.describe().0
    }

    /// The file a format is written to under `--output-dir`; the terminal summary
    /// always goes to standard output.
    pub fn file_name(self) -> Option<&'static str> {
        self.describe().1
    }

    pub fn help(self) -> &'static str {
        self.describe().2
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format {s:?} ({})", names.join(", "))
            })
    }
}
