//! Property-based tests of every parser in vouch: of what people write (policy packs,
//! vouch.toml, mutes, attestations, check METADATA blocks, saved inventories) and of
//! what vouch reads from cloud APIs (the IAM credential report, IAM policy documents,
//! Azure Resource Manager and Graph answers through each service's mapping).
//!
//! For every parser: arbitrary input, and valid input mutated (truncated, bytes flipped,
//! tokens of the format inserted or deleted, the type of one field changed), must never
//! panic, and a rejection must name the file (and its line, where the format has lines)
//! or, for an API answer, the operation; valid input, including generated valid input,
//! must still parse to what was written.
//!
//! The run is part of the normal suite, so it is bounded and repeatable: PROPTEST_CASES
//! cases per property (default 256, fewer for the slow Azure mapping), a fixed seed
//! unless PROPTEST_RNG_SEED is set, and no regression files written. To search harder:
//! `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=$RANDOM cargo test --test fuzz`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};
use serde_json::Value;

use vouch::collect::Collected;
use vouch::config::Config;
use vouch::engine::{Catalog, catalog::bundled_sources, metadata};
use vouch::inventory::{Inventory, Listing, Observed, Provider, Resource};
use vouch::policy::{Pack, attest};

fn manifest(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Bounded, deterministic runs; `divisor` scales the case count down for slow targets.
fn cases(divisor: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(20_261_201);
    }
    c.failure_persistence = None;
    c.cases = (c.cases / divisor).max(1);
    c
}

// ---------------------------------------------------------------------------------
// Mutations of valid input

#[derive(Debug, Clone)]
enum Edit {
    Truncate(Index),
    Flip(Index, u8),
    Insert(Index, Index),
    Delete(Index, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            1 => any::<Index>().prop_map(Edit::Truncate),
            3 => (any::<Index>(), 1u8..=255).prop_map(|(i, b)| Edit::Flip(i, b)),
            4 => (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Edit::Insert(i, t)),
            2 => (any::<Index>(), 1usize..24).prop_map(|(i, n)| Edit::Delete(i, n)),
        ],
        1..4,
    )
}

fn apply(text: &[u8], edits: &[Edit], tokens: &[&str]) -> Vec<u8> {
    let mut b = text.to_vec();
    for e in edits {
        match e {
            Edit::Truncate(i) => b.truncate(i.index(b.len() + 1)),
            Edit::Flip(i, x) if !b.is_empty() => {
                let at = i.index(b.len());
                b[at] ^= x;
            }
            Edit::Insert(i, t) => {
                let at = i.index(b.len() + 1);
                let token = tokens[t.index(tokens.len())];
                b.splice(at..at, token.bytes());
            }
            Edit::Delete(i, n) if !b.is_empty() => {
                let at = i.index(b.len());
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
            _ => {}
        }
    }
    b
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const TOML_TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "\n",
    "#",
    "{",
    "}",
    ",",
    "\"\"\"",
    "'''",
    "\\",
    "\\u",
    "\\U0010FFFF",
    "1979-05-27",
    "1979-05-27T07:32:00Z",
    "inf",
    "nan",
    "-",
    "+",
    "0x",
    "1e400",
    "9223372036854775808",
    "true",
    "false",
    "é",
    "\u{0}",
    "\r",
    "\t",
    ".",
    "a.b",
    "[mute]",
    "[[clause]]",
    "[[attestation]]",
    "[aws]",
    "x = 1\n",
    " = ",
    "\u{feff}",
];

const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "null",
    "true",
    "false",
    "1e999",
    "-0",
    "0.5",
    "18446744073709551616",
    "\\u00",
    "\\ud800",
    "\\",
    "\n",
    " ",
    "\u{0}",
    "é",
    "{}",
    "[]",
    "\"state\":",
    "\"value\":",
    "\"observed\"",
    "\"absent\"",
    "\"unreadable\"",
    "\"id\":",
    "\"properties\":",
    "\"nextLink\":",
    "\"x\":1,",
];

const YAML_TOKENS: &[&str] = &[
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!binary ",
    "!!str ",
    "? ",
    "|",
    ">",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\"",
    "\t",
    "#",
    "%YAML 1.2\n",
    "---",
    "...",
    "<<: *a",
    "\n",
    "\n# ",
    "\n#   ",
    "~",
    "null",
    "true",
    "0x1F",
    ".inf",
    "é",
    "\u{0}",
    "\r",
    "@",
    "`",
];

const CSV_TOKENS: &[&str] = &[
    ",",
    "\"",
    "\n",
    "\r\n",
    "\r",
    "true",
    "false",
    "N/A",
    "no_information",
    "not_supported",
    "\"\"",
    "é",
    "\u{0}",
    "user",
    ",,,,",
];

/// Arbitrary text with the format's own tokens mixed in, so that inputs get past the
/// first character of the grammar.
fn soup(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(tokens).prop_map(str::to_string),
            "[a-z_]{1,8}",
            any::<String>(),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// A rejection of a file people write: `file:line: reason`, the line inside the file.
fn assert_names_file_and_line(message: &str, path: &str, text: &str) -> Result<usize, String> {
    let rest = message
        .strip_prefix(path)
        .and_then(|r| r.strip_prefix(':'))
        .ok_or_else(|| format!("{message:?} does not start with {path}:"))?;
    let line: usize = rest
        .split(':')
        .next()
        .and_then(|l| l.parse().ok())
        .ok_or_else(|| format!("{message:?} names no line"))?;
    let lines = text.matches('\n').count() + 1;
    if line == 0 || line > lines {
        return Err(format!("{message:?}: line {line} is not in 1..={lines}"));
    }
    let reason = rest.split_once(": ").map(|(_, r)| r.trim()).unwrap_or("");
    if reason.is_empty() {
        return Err(format!("{message:?} gives no reason"));
    }
    Ok(line)
}

// ---------------------------------------------------------------------------------
// Changing the type of one field of a valid TOML document

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    At(usize),
}

fn toml_paths(v: &toml::Value, here: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match v {
        toml::Value::Table(t) => {
            for (k, child) in t {
                here.push(Seg::Key(k.clone()));
                out.push(here.clone());
                toml_paths(child, here, out);
                here.pop();
            }
        }
        toml::Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(Seg::At(i));
                out.push(here.clone());
                toml_paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn toml_at<'a>(v: &'a mut toml::Value, path: &[Seg]) -> Option<&'a mut toml::Value> {
    let Some((first, rest)) = path.split_first() else {
        return Some(v);
    };
    let child = match (first, v) {
        (Seg::Key(k), toml::Value::Table(t)) => t.get_mut(k)?,
        (Seg::At(i), toml::Value::Array(a)) => a.get_mut(*i)?,
        _ => return None,
    };
    toml_at(child, rest)
}

fn other_toml_values() -> Vec<toml::Value> {
    let mut t = toml::Table::new();
    t.insert("x".into(), toml::Value::Integer(1));
    vec![
        toml::Value::Integer(7),
        toml::Value::Float(1.5),
        toml::Value::Boolean(true),
        toml::Value::String("x".into()),
        toml::Value::Array(vec![toml::Value::Integer(1)]),
        toml::Value::Table(t),
        toml::Value::Datetime("1979-05-27T07:32:00Z".parse().unwrap()),
    ]
}

/// The document with the field at `which` given a value of another type, and the keys
/// on the way to it; None if the document cannot be written back.
fn toml_with_type_changed(
    text: &str,
    which: Index,
    replacement: Index,
) -> Option<(String, Vec<String>)> {
    let mut doc: toml::Value = toml::Value::Table(toml::from_str(text).ok()?);
    let mut paths = Vec::new();
    toml_paths(&doc, &mut Vec::new(), &mut paths);
    let path = paths.get(which.index(paths.len().max(1)))?.clone();
    let slot = toml_at(&mut doc, &path)?;
    let kind = slot.type_str();
    let choices: Vec<toml::Value> = other_toml_values()
        .into_iter()
        .filter(|v| v.type_str() != kind)
        .collect();
    *slot = choices[replacement.index(choices.len())].clone();
    let keys = path
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(k.clone()),
            Seg::At(_) => None,
        })
        .collect();
    Some((toml::to_string(&doc).ok()?, keys))
}

/// The line a rejection names, the `[table]` header it is under, or the reason shows
/// which field is wrong.
fn assert_points_at_field(
    message: &str,
    line: usize,
    text: &str,
    keys: &[String],
) -> Result<(), String> {
    let named = text.lines().nth(line - 1).unwrap_or("");
    let header = text
        .lines()
        .take(line)
        .filter(|l| l.trim_start().starts_with('['))
        .last()
        .unwrap_or("");
    if keys.iter().any(|k| {
        message.contains(k.as_str()) || named.contains(k.as_str()) || header.contains(k.as_str())
    }) {
        Ok(())
    } else {
        Err(format!(
            "{message:?} points at line {line} ({named:?}), which shows none of {keys:?}:\n{text}"
        ))
    }
}

// ---------------------------------------------------------------------------------
// Policy packs

static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::load(bundled_sources()).expect("bundled checks load"));

fn bundled_pack_texts() -> Vec<(String, String)> {
    let dir = manifest("checks/policies");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

static PACKS: LazyLock<Vec<(String, String)>> = LazyLock::new(bundled_pack_texts);

#[test]
fn every_bundled_pack_parses() {
    assert!(PACKS.len() >= 5);
    for (name, text) in PACKS.iter() {
        Pack::parse(name, text, &CATALOG).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn check_ids(provider: Provider) -> Vec<String> {
    CATALOG
        .checks
        .iter()
        .filter(|c| c.meta.custom.provider == provider)
        .map(|c| c.id().to_string())
        .collect()
}

#[derive(Debug, Clone)]
struct GenClause {
    section: String,
    text: String,
    /// Indexes into the provider's checks; empty for a manual clause.
    checks: Vec<Index>,
    manual: String,
}

fn gen_clause() -> impl Strategy<Value = GenClause> {
    (
        any::<String>(),
        any::<String>(),
        prop::collection::vec(any::<Index>(), 0..4),
        any::<String>(),
    )
        .prop_map(|(section, text, checks, manual)| GenClause {
            section,
            text,
            checks,
            manual,
        })
}

fn str_value(s: &str) -> toml::Value {
    toml::Value::String(s.to_string())
}

proptest! {
    #![proptest_config(cases(1))]

    #[test]
    fn pack_arbitrary_text_is_rejected_with_its_line(text in soup(TOML_TOKENS)) {
        if let Err(e) = Pack::parse("p.toml", &text, &CATALOG) {
            assert_names_file_and_line(&e.to_string(), "p.toml", &text).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn pack_mutated_is_rejected_with_its_line(which in any::<Index>(), e in edits()) {
        let (name, text) = &PACKS[which.index(PACKS.len())];
        let mutated = lossy(&apply(text.as_bytes(), &e, TOML_TOKENS));
        if let Err(err) = Pack::parse(name, &mutated, &CATALOG) {
            assert_names_file_and_line(&err.to_string(), name, &mutated).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn pack_field_of_another_type_is_rejected_at_that_field(
        which in any::<Index>(), field in any::<Index>(), to in any::<Index>(),
    ) {
        let (name, text) = &PACKS[which.index(PACKS.len())];
        let Some((changed, keys)) = toml_with_type_changed(text, field, to) else {
            return Err(TestCaseError::reject("not writable as TOML"));
        };
        match Pack::parse(name, &changed, &CATALOG) {
            // A parameter may take another type only where the check allows it.
            Ok(_) => prop_assert!(keys.iter().any(|k| k == "params"), "accepted {keys:?}:\n{changed}"),
            Err(err) => {
                let err = err.to_string();
                let line = assert_names_file_and_line(&err, name, &changed).map_err(TestCaseError::fail)?;
                assert_points_at_field(&err, line, &changed, &keys).map_err(TestCaseError::fail)?;
            }
        }
    }

    #[test]
    fn pack_generated_valid_parses_to_what_was_written(
        aws in any::<bool>(),
        id in "[a-z][a-z0-9-]{0,12}",
        title in any::<String>(),
        clauses in prop::collection::vec(gen_clause(), 1..6),
    ) {
        let provider = if aws { Provider::Aws } else { Provider::Azure };
        let ids = check_ids(provider);
        let mut doc = toml::Table::new();
        for (k, v) in [("id", id.as_str()), ("title", title.as_str()), ("publisher", "P"), ("source", "s"), ("summary", "x")] {
            doc.insert(k.into(), str_value(v));
        }
        doc.insert("provider".into(), str_value(&provider.to_string()));
        let mut written = Vec::new();
        let mut list = Vec::new();
        for (n, c) in clauses.iter().enumerate() {
            let mut t = toml::Table::new();
            let cid = format!("C{n}");
            t.insert("id".into(), str_value(&cid));
            t.insert("section".into(), str_value(&c.section));
            t.insert("text".into(), str_value(&c.text));
            let chosen: Vec<String> = c.checks.iter().map(|i| ids[i.index(ids.len())].clone()).collect();
            if chosen.is_empty() {
                t.insert("manual".into(), str_value(&c.manual));
            } else {
                t.insert("checks".into(), toml::Value::Array(chosen.iter().map(|id| {
                    let mut cc = toml::Table::new();
                    cc.insert("id".into(), str_value(id));
                    toml::Value::Table(cc)
                }).collect()));
            }
            written.push((cid, c.section.clone(), c.text.clone(), chosen));
            list.push(toml::Value::Table(t));
        }
        doc.insert("clause".into(), toml::Value::Array(list));
        let text = toml::to_string(&doc).unwrap();
        let pack = Pack::parse("g.toml", &text, &CATALOG).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(pack.id, id);
        prop_assert_eq!(pack.title, title);
        prop_assert_eq!(pack.provider, provider);
        let got: Vec<_> = pack.clauses.iter().map(|c| (c.id.clone(), c.section.clone(), c.text.clone(), c.checks.iter().map(|k| k.id.clone()).collect::<Vec<_>>())).collect();
        prop_assert_eq!(got, written);
    }
}

// ---------------------------------------------------------------------------------
// vouch.toml

const GOOD_CONFIG: &str = r#"# a scheduled audit
provider = "aws"
fail_on = "severity:high"

[aws]
regions = ["us-east-1", "eu-west-1"]
profile = "audit"
concurrency = 8
max_attempts = 4

[azure]
subscriptions = ["aaaaaaaa-0000-0000-0000-000000000001"]
concurrency = 4
max_attempts = 3

[checks]
ids = ["aws-s3-bucket-versioning"]
services = ["s3", "iam"]
severity = "medium"
dir = "checks"

[policies]
packs = ["atlasdata"]
attestations = ["attest.toml"]
mutes = ["mutes.toml"]

[output]
formats = ["json", "ocsf", "csv"]
dir = "reports"
send_to = ["securityhub"]

[history]
database = "history.db"
enabled = true
"#;

#[test]
fn the_reference_config_parses() {
    let c = Config::parse(Path::new("v.toml"), GOOD_CONFIG).unwrap();
    assert_eq!(c.aws.regions, ["us-east-1", "eu-west-1"]);
    assert_eq!(c.output.formats, ["json", "ocsf", "csv"]);
    assert_eq!(c.history.enabled, Some(true));
}

fn config_err(text: &str) -> Option<String> {
    Config::parse(Path::new("v.toml"), text)
        .err()
        .map(|e| e.to_string())
}

proptest! {
    #![proptest_config(cases(1))]

    #[test]
    fn config_arbitrary_text_is_rejected_with_its_line(text in soup(TOML_TOKENS)) {
        if let Some(e) = config_err(&text) {
            assert_names_file_and_line(&e, "v.toml", &text).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn config_mutated_is_rejected_with_its_line(e in edits()) {
        let mutated = lossy(&apply(GOOD_CONFIG.as_bytes(), &e, TOML_TOKENS));
        if let Some(err) = config_err(&mutated) {
            assert_names_file_and_line(&err, "v.toml", &mutated).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn config_field_of_another_type_is_rejected_at_that_field(field in any::<Index>(), to in any::<Index>()) {
        let Some((changed, keys)) = toml_with_type_changed(GOOD_CONFIG, field, to) else {
            return Err(TestCaseError::reject("not writable as TOML"));
        };
        let err = config_err(&changed).ok_or_else(|| TestCaseError::fail(format!("accepted {keys:?}:\n{changed}")))?;
        let line = assert_names_file_and_line(&err, "v.toml", &changed).map_err(TestCaseError::fail)?;
        assert_points_at_field(&err, line, &changed, &keys).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn config_generated_valid_parses_to_what_was_written(
        regions in prop::collection::vec(any::<String>(), 0..4),
        profile in prop::option::of(any::<String>()),
        concurrency in prop::option::of(1usize..10_000),
        formats in prop::sample::subsequence(vec!["terminal", "json", "ocsf", "asff", "csv", "junit", "html", "oscal"], 0..8),
        fail_on in prop::sample::select(vec!["any", "new", "severity:critical", "severity:informational", "score:0", "score:99.5", "score:100"]),
        packs in prop::collection::vec(any::<String>(), 0..3),
        enabled in prop::option::of(any::<bool>()),
    ) {
        let mut doc = toml::Table::new();
        doc.insert("fail_on".into(), str_value(fail_on));
        let mut aws = toml::Table::new();
        aws.insert("regions".into(), toml::Value::Array(regions.iter().map(|r| str_value(r)).collect()));
        if let Some(p) = &profile { aws.insert("profile".into(), str_value(p)); }
        if let Some(c) = concurrency { aws.insert("concurrency".into(), toml::Value::Integer(c as i64)); }
        doc.insert("aws".into(), toml::Value::Table(aws));
        let mut output = toml::Table::new();
        output.insert("formats".into(), toml::Value::Array(formats.iter().map(|f| str_value(f)).collect()));
        doc.insert("output".into(), toml::Value::Table(output));
        let mut policies = toml::Table::new();
        policies.insert("packs".into(), toml::Value::Array(packs.iter().map(|p| str_value(p)).collect()));
        doc.insert("policies".into(), toml::Value::Table(policies));
        if let Some(e) = enabled {
            let mut h = toml::Table::new();
            h.insert("enabled".into(), toml::Value::Boolean(e));
            doc.insert("history".into(), toml::Value::Table(h));
        }
        let text = toml::to_string(&doc).unwrap();
        let c = Config::parse(Path::new("dir/v.toml"), &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(c.fail_on.as_deref(), Some(fail_on));
        prop_assert_eq!(c.aws.regions, regions);
        prop_assert_eq!(c.aws.profile, profile);
        prop_assert_eq!(c.aws.concurrency, concurrency);
        prop_assert_eq!(c.output.formats, formats.iter().map(|f| f.to_string()).collect::<Vec<_>>());
        prop_assert_eq!(c.policies.packs, packs);
        prop_assert_eq!(c.history.enabled, enabled);
        prop_assert_eq!(c.base_dir, PathBuf::from("dir"));
    }
}

/// Found by `config_bad_value_is_rejected_on_its_own_line`: the line of a bad
/// `fail_on`, format or delivery target was the first place the key's name appeared,
/// a comment or another key's string.
#[test]
fn a_config_value_error_names_its_own_line_not_a_comment() {
    let text = "# fail_on = \"any\" is the default\nfail_on = \"sometimes\"\n";
    assert!(config_err(text).unwrap().starts_with("v.toml:2: fail_on"));
    let text = "[aws]\nprofile = \"send_to = x\"\n[output]\nsend_to = [\"securityhub\",\n  \"carrier-pigeon\"]\n";
    let e = config_err(text).unwrap();
    assert!(
        e.starts_with("v.toml:5:") && e.contains("carrier-pigeon"),
        "{e}"
    );
}

/// Comments and values that mention a key, placed before the key itself.
fn key_noise() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(
        prop::sample::select(vec![
            "",
            "# fail_on = \"any\" is the default\n",
            "# formats = [\"terminal\"] when unset\n",
            "# send_to = [] unless given\n",
            "#fail_on=new\n",
            "\n",
        ]),
        4,
    )
}

proptest! {
    #![proptest_config(cases(1))]

    /// The values toml cannot check (fail_on, formats, send_to) are rejected on the
    /// line that holds them, whatever comments mention the key before it.
    #[test]
    fn config_bad_value_is_rejected_on_its_own_line(
        noise in key_noise(),
        bad in 0usize..3,
        profile in prop::sample::select(vec!["audit", "fail_on = x", "formats = y", "send_to = z"]),
    ) {
        let fail_on = if bad == 0 { "sometimes" } else { "new" };
        let format = if bad == 1 { "pdf" } else { "json" };
        let target = if bad == 2 { "carrier-pigeon" } else { "securityhub" };
        let text = format!(
            "{}provider = \"aws\"\n{}fail_on = \"{fail_on}\"\n[aws]\nprofile = \"{profile}\"\n[output]\n{}formats = [\"csv\", \"{format}\"]\n{}send_to = [\"{target}\"]\n",
            noise[0], noise[1], noise[2], noise[3],
        );
        let err = config_err(&text).ok_or_else(|| TestCaseError::fail(format!("accepted:\n{text}")))?;
        let line = assert_names_file_and_line(&err, "v.toml", &text).map_err(TestCaseError::fail)?;
        let named = text.lines().nth(line - 1).unwrap_or("");
        let value = [fail_on, format, target][bad];
        prop_assert!(named.contains(value), "{err:?} names line {line} ({named:?}):\n{text}");
    }
}

// ---------------------------------------------------------------------------------
// Mutes

const GOOD_MUTES: &str = r#"# accepted failures
[[mute]]
check = "aws-s3-bucket-access-logging"
resource = "arn:aws:s3:::logs-*"
reason = "log buckets do not log themselves"
owner = "platform@example.com"

[[mute]]
resource_regex = "^arn:aws:s3:::tmp-[0-9]+$"
account = "111122223333"
region = "us-east-1"
reason = "scratch"
owner = "dev"
expires = 2026-01-01

[[mute]]
tags = { purpose = "test", team = "data" }
reason = "test fixtures"
owner = "qa"
"#;

#[test]
fn the_reference_mutes_parse() {
    assert_eq!(vouch::mute::parse("m.toml", GOOD_MUTES).unwrap().len(), 3);
}

fn glob_text() -> impl Strategy<Value = String> {
    "[a-z0-9:*/_.-]{1,24}"
}

#[derive(Debug, Clone)]
struct GenMute {
    check: Option<String>,
    resource: Option<String>,
    account: Option<String>,
    tags: BTreeMap<String, String>,
    reason: String,
    owner: String,
    expires: Option<(u16, u8, u8)>,
}

fn non_blank() -> impl Strategy<Value = String> {
    any::<String>().prop_filter("not blank", |s| !s.trim().is_empty())
}

fn gen_mute() -> impl Strategy<Value = GenMute> {
    (
        prop::option::of(glob_text()),
        prop::option::of(glob_text()),
        prop::option::of(any::<String>()),
        prop::collection::btree_map(any::<String>(), any::<String>(), 0..3),
        non_blank(),
        non_blank(),
        prop::option::of((1970u16..2200, 1u8..=12, 1u8..=28)),
    )
        .prop_map(
            |(check, resource, account, tags, reason, owner, expires)| GenMute {
                check,
                resource,
                account,
                tags,
                reason,
                owner,
                expires,
            },
        )
        .prop_filter("names a target", |m| {
            m.check.is_some() || m.resource.is_some() || !m.tags.is_empty()
        })
}

proptest! {
    #![proptest_config(cases(1))]

    #[test]
    fn mutes_arbitrary_text_is_rejected_with_its_line(text in soup(TOML_TOKENS)) {
        if let Err(e) = vouch::mute::parse("m.toml", &text) {
            assert_names_file_and_line(&e.to_string(), "m.toml", &text).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn mutes_mutated_are_rejected_with_their_line(e in edits()) {
        let mutated = apply(GOOD_MUTES.as_bytes(), &e, TOML_TOKENS);
        // Through the file, as `--mutes` reads it: bytes that are not UTF-8 included.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mutes.toml");
        std::fs::write(&path, &mutated).unwrap();
        let shown = path.display().to_string();
        match vouch::mute::load(&path) {
            Ok(_) => {}
            Err(vouch::mute::MuteError::Read { path: p, .. }) => {
                prop_assert_eq!(&p, &shown);
                prop_assert!(std::str::from_utf8(&mutated).is_err());
            }
            Err(err) => {
                assert_names_file_and_line(&err.to_string(), &shown, &lossy(&mutated)).map_err(TestCaseError::fail)?;
            }
        }
    }

    #[test]
    fn mutes_field_of_another_type_is_rejected_at_that_field(field in any::<Index>(), to in any::<Index>()) {
        let Some((changed, keys)) = toml_with_type_changed(GOOD_MUTES, field, to) else {
            return Err(TestCaseError::reject("not writable as TOML"));
        };
        let err = vouch::mute::parse("m.toml", &changed).err()
            .ok_or_else(|| TestCaseError::fail(format!("accepted {keys:?}:\n{changed}")))?
            .to_string();
        let line = assert_names_file_and_line(&err, "m.toml", &changed).map_err(TestCaseError::fail)?;
        assert_points_at_field(&err, line, &changed, &keys).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn mutes_generated_valid_parse_to_what_was_written(mutes in prop::collection::vec(gen_mute(), 0..5)) {
        let mut list = Vec::new();
        for m in &mutes {
            let mut t = toml::Table::new();
            if let Some(c) = &m.check { t.insert("check".into(), str_value(c)); }
            if let Some(r) = &m.resource { t.insert("resource".into(), str_value(r)); }
            if let Some(a) = &m.account { t.insert("account".into(), str_value(a)); }
            if !m.tags.is_empty() {
                t.insert("tags".into(), toml::Value::Table(m.tags.iter().map(|(k, v)| (k.clone(), str_value(v))).collect()));
            }
            t.insert("reason".into(), str_value(&m.reason));
            t.insert("owner".into(), str_value(&m.owner));
            if let Some((y, mo, d)) = m.expires {
                let date = format!("{y:04}-{mo:02}-{d:02}");
                t.insert("expires".into(), toml::Value::Datetime(date.parse().unwrap()));
            }
            list.push(toml::Value::Table(t));
        }
        let mut doc = toml::Table::new();
        doc.insert("mute".into(), toml::Value::Array(list));
        let text = toml::to_string(&doc).unwrap();
        let got = vouch::mute::parse("m.toml", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(got.len(), mutes.len());
        for (g, m) in got.iter().zip(&mutes) {
            prop_assert_eq!(&g.reason, &m.reason);
            prop_assert_eq!(&g.owner, &m.owner);
            prop_assert_eq!(&g.account, &m.account);
            prop_assert_eq!(&g.tags, &m.tags);
            prop_assert_eq!(g.check.as_ref().map(|c| c.glob().glob().to_string()), m.check.clone());
            prop_assert_eq!(g.expires.map(|d| d.to_string()), m.expires.map(|(y, mo, d)| format!("{y:04}-{mo:02}-{d:02}")));
            // The origin a note names is the entry's own `[[mute]]` line.
            let line: usize = g.origin.rsplit(':').next().unwrap().parse().unwrap();
            prop_assert_eq!(text.lines().nth(line - 1), Some("[[mute]]"), "{}\n{}", g.origin, text);
        }
    }
}

/// Found by `mutes_field_of_another_type_is_rejected_at_that_field`: a date where the
/// tag table belongs loaded as a tag no resource has.
#[test]
fn a_mute_whose_tags_are_not_a_table_of_strings_is_rejected_with_its_line() {
    for (tags, says) in [
        ("2026-01-01", "`tags` must be a table"),
        ("1979-05-27T07:32:00Z", "`tags` must be a table"),
        ("{ team = 2026-01-01 }", "tag \"team\" must be a string"),
        ("{ team = 3 }", "tag \"team\" must be a string"),
    ] {
        let text = format!("[[mute]]\nreason = \"r\"\nowner = \"o\"\ntags = {tags}\n");
        let e = vouch::mute::parse("m.toml", &text).unwrap_err().to_string();
        assert!(
            e.starts_with("m.toml:4:") && e.contains(says),
            "{tags}: {e}"
        );
    }
}

// ---------------------------------------------------------------------------------
// Attestations

/// The bundled packs, and (pack id, clause id) of their manual clauses.
struct Bundled(Vec<Pack>, Vec<(String, String)>);

static BUNDLED: LazyLock<Bundled> = LazyLock::new(|| {
    let packs: Vec<Pack> = Pack::bundled_ids()
        .iter()
        .map(|id| Pack::bundled(id, &CATALOG).unwrap())
        .collect();
    let manual = packs
        .iter()
        .flat_map(|p| {
            p.clauses
                .iter()
                .filter(|c| c.is_manual())
                .map(|c| (p.id.clone(), c.id.clone()))
        })
        .collect();
    Bundled(packs, manual)
});

fn good_attestations() -> String {
    let (pack, clause) = &BUNDLED.1[0];
    format!(
        "# who vouches for what\n[[attestation]]\npack = \"{pack}\"\nclause = \"{clause}\"\nby = \"ciso@example.com\"\ndate = 2026-01-15\nexpires = 2027-01-15\nevidence = \"HR onboarding records, sampled\"\n\n[[attestation]]\npack = \"other-pack\"\nclause = \"9.9\"\nby = \"auditor\"\ndate = 2026-02-01\nexpires = 2026-02-01\nevidence = \"signed letter\"\n"
    )
}

fn load_attestations(
    bytes: &[u8],
) -> (
    String,
    Result<Vec<attest::Attestation>, vouch::policy::PackError>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("attest.toml");
    std::fs::write(&path, bytes).unwrap();
    (path.display().to_string(), attest::load(&path, &BUNDLED.0))
}

#[test]
fn the_reference_attestations_load() {
    assert!(!BUNDLED.1.is_empty(), "a bundled pack has a manual clause");
    let (_, got) = load_attestations(good_attestations().as_bytes());
    assert_eq!(got.unwrap().len(), 2);
}

proptest! {
    #![proptest_config(cases(1))]

    #[test]
    fn attestations_arbitrary_text_are_rejected_with_their_line(text in soup(TOML_TOKENS)) {
        let (shown, got) = load_attestations(text.as_bytes());
        if let Err(e) = got {
            assert_names_file_and_line(&e.to_string(), &shown, &text).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn attestations_mutated_are_rejected_with_their_line(e in edits()) {
        let mutated = apply(good_attestations().as_bytes(), &e, TOML_TOKENS);
        let (shown, got) = load_attestations(&mutated);
        match got {
            Ok(_) => {}
            Err(vouch::policy::PackError::Read { path, .. }) => {
                prop_assert_eq!(path, shown);
                prop_assert!(std::str::from_utf8(&mutated).is_err());
            }
            Err(err) => {
                assert_names_file_and_line(&err.to_string(), &shown, &lossy(&mutated)).map_err(TestCaseError::fail)?;
            }
        }
    }

    #[test]
    fn attestations_field_of_another_type_is_rejected_at_that_field(field in any::<Index>(), to in any::<Index>()) {
        let Some((changed, keys)) = toml_with_type_changed(&good_attestations(), field, to) else {
            return Err(TestCaseError::reject("not writable as TOML"));
        };
        let (shown, got) = load_attestations(changed.as_bytes());
        let err = got.err().ok_or_else(|| TestCaseError::fail(format!("accepted {keys:?}:\n{changed}")))?.to_string();
        let line = assert_names_file_and_line(&err, &shown, &changed).map_err(TestCaseError::fail)?;
        assert_points_at_field(&err, line, &changed, &keys).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn attestations_generated_valid_load_as_written(
        entries in prop::collection::vec((any::<Index>(), non_blank(), non_blank(), 0i64..3000, 0i64..3000), 0..5),
    ) {
        let base = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let mut list = Vec::new();
        let mut want = Vec::new();
        for (which, by, evidence, from, days) in &entries {
            let (pack, clause) = &BUNDLED.1[which.index(BUNDLED.1.len())];
            let date = base + chrono::Duration::days(*from);
            let expires = date + chrono::Duration::days(*days);
            let mut t = toml::Table::new();
            t.insert("pack".into(), str_value(pack));
            t.insert("clause".into(), str_value(clause));
            t.insert("by".into(), str_value(by));
            t.insert("evidence".into(), str_value(evidence));
            t.insert("date".into(), toml::Value::Datetime(date.to_string().parse().unwrap()));
            t.insert("expires".into(), toml::Value::Datetime(expires.to_string().parse().unwrap()));
            list.push(toml::Value::Table(t));
            want.push(attest::Attestation { pack: pack.clone(), clause: clause.clone(), by: by.clone(), date, expires, evidence: evidence.clone() });
        }
        let mut doc = toml::Table::new();
        doc.insert("attestation".into(), toml::Value::Array(list));
        let text = toml::to_string(&doc).unwrap();
        let (_, got) = load_attestations(text.as_bytes());
        let got = got.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(got, want);
    }
}

// ---------------------------------------------------------------------------------
// Check METADATA blocks

static CHECK_SOURCES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    bundled_sources()
        .into_iter()
        .filter(|s| s.text.contains("# METADATA"))
        .map(|s| (s.path, s.text))
        .collect()
});

#[test]
fn every_bundled_metadata_block_parses() {
    assert!(CHECK_SOURCES.len() > 20);
    for (path, text) in CHECK_SOURCES.iter() {
        metadata::parse(path, text).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn metadata_err(path: &str, text: &str) -> Option<String> {
    metadata::parse(path, text).err().map(|e| e.to_string())
}

/// A printable line of text (people write METADATA by hand; no control characters).
fn prose() -> impl Strategy<Value = String> {
    "[^\\p{C}]{0,30}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn gen_meta() -> impl Strategy<Value = metadata::CheckMeta> {
    (
        (prose(), prose(), prop::collection::vec((prose(), prop::option::of(prose())), 1..3)),
        (
            "[a-z0-9-]{1,30}",
            prop::sample::select(vec!["critical", "high", "medium", "low", "informational"]),
            any::<bool>(),
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<prop::sample::Index>(), 1..4),
            prose(),
            prose(),
        ),
        prop::collection::btree_map("[a-z_]{1,10}", prop_oneof![
            any::<i32>().prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
            prose().prop_map(Value::from),
            prop::collection::vec(prose(), 0..3).prop_map(Value::from),
        ], 0..3),
    )
        .prop_map(|((title, description, refs), (id, severity, aws, _, type_at, attrs_at, rationale, remediation), params)| {
            // Valid metadata names a type, its service and attributes the registry knows.
            let provider = if aws { vouch::inventory::Provider::Aws } else { vouch::inventory::Provider::Azure };
            let registry = vouch::registry::of(provider);
            let types: Vec<_> = registry.types().collect();
            let t = types[type_at.index(types.len())];
            let names: Vec<&str> = registry.attributes(t).iter().map(|a| a.name.as_str()).collect();
            let mut requires: Vec<&str> = attrs_at.iter().map(|i| names[i.index(names.len())]).collect();
            requires.dedup();
            let (service, resource_type) = (t.service.as_str(), t.name.as_str());
            let value = serde_json::json!({
                "title": title,
                "description": description,
                "related_resources": refs.iter().map(|(r, d)| match d {
                    Some(d) => serde_json::json!({"ref": r, "description": d}),
                    None => serde_json::json!({"ref": r}),
                }).collect::<Vec<_>>(),
                "custom": {
                    "id": id, "severity": severity, "provider": if aws { "aws" } else { "azure" },
                    "service": service, "resource_type": resource_type, "requires": requires,
                    "rationale": rationale, "remediation": remediation, "params": params,
                },
            });
            serde_json::from_value(value).unwrap()
        })
}

/// Found by `metadata_arbitrary_text_is_rejected_with_its_line`: an error at the end of
/// a block that ends the file named the line after the last one.
#[test]
fn a_metadata_error_at_the_end_of_the_file_names_a_line_of_the_file() {
    let e = metadata::parse("x.rego", "# METADATA\n# title: 'open")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.rego:2: check metadata:"), "{e}");
    let e = metadata::parse(
        "x.rego",
        "package a\n# METADATA\n# title: x\n# custom:\n#   id: [",
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("x.rego:5: check metadata:"), "{e}");
}

proptest! {
    #![proptest_config(cases(1))]

    #[test]
    fn metadata_arbitrary_text_is_rejected_with_its_line(text in soup(YAML_TOKENS)) {
        let text = format!("# METADATA\n# {}", text.replace('\n', "\n# "));
        if let Some(e) = metadata_err("x.rego", &text) {
            assert_names_file_and_line(&e, "x.rego", &text).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn metadata_mutated_is_rejected_with_its_line(which in any::<Index>(), e in edits()) {
        let (path, text) = &CHECK_SOURCES[which.index(CHECK_SOURCES.len())];
        // Only the block and the package line: mutations of the Rego body do not reach
        // this parser.
        let end = text.find("\npackage ").map(|i| i + 1).unwrap_or(text.len());
        let head = &text[..end];
        let mutated = lossy(&apply(head.as_bytes(), &e, YAML_TOKENS));
        if let Some(err) = metadata_err(path, &mutated) {
            assert_names_file_and_line(&err, path, &mutated).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn metadata_field_of_another_type_is_rejected_at_that_field(
        which in any::<Index>(), field in any::<Index>(), to in any::<Index>(),
    ) {
        let (path, text) = &CHECK_SOURCES[which.index(CHECK_SOURCES.len())];
        let block: String = text
            .lines()
            .skip_while(|l| l.trim() != "# METADATA")
            .skip(1)
            .map_while(|l| l.strip_prefix('#'))
            .map(|l| format!("{}\n", l.strip_prefix(' ').unwrap_or(l)))
            .collect();
        let doc: Value = yaml_serde::from_str(&block).unwrap();
        let Some((changed, at, old, new)) = json_with_type_changed(&doc, field, to) else {
            return Err(TestCaseError::reject("no field"));
        };
        let keys: Vec<String> = at.iter().filter_map(|s| match s {
            Seg::Key(k) => Some(k.clone()),
            Seg::At(_) => None,
        }).collect();
        let yaml = yaml_serde::to_string(&changed).unwrap();
        let text: String = format!(
            "# METADATA\n{}package vouch.x\n",
            yaml.lines().map(|l| format!("# {l}\n")).collect::<String>()
        );
        match metadata::parse(path, &text) {
            // Parameters are free-form; to YAML a plain scalar where a string belongs is
            // that string (`title: 7` is the title "7"), and null an absent description.
            Ok(_) => prop_assert!(
                keys.iter().any(|k| k == "params")
                    || (old.is_string() && !new.is_array() && !new.is_object())
                    || (keys.last().is_some_and(|k| k == "description") && new.is_null() && keys.len() == 2),
                "accepted {keys:?}:\n{text}"
            ),
            Err(e) => {
                let e = e.to_string();
                let line = assert_names_file_and_line(&e, path, &text).map_err(TestCaseError::fail)?;
                assert_points_at_field(&e, line, &text, &keys).map_err(TestCaseError::fail)?;
            }
        }
    }

    #[test]
    fn metadata_generated_valid_parses_to_what_was_written(meta in gen_meta(), lead in "(package a\n)?(\n)?") {
        let yaml = yaml_serde::to_string(&meta).unwrap();
        let block: String = yaml.lines().map(|l| format!("# {l}\n")).collect();
        let text = format!("{lead}# METADATA\n{block}package vouch.x\n");
        let got = metadata::parse("g.rego", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(got, meta);
    }
}

// ---------------------------------------------------------------------------------
// A check file as a whole (`--checks-dir`): Rego, then its METADATA block

const REGO_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "`",
    ":=",
    "=",
    "==",
    " if ",
    " contains ",
    " some ",
    " in ",
    " every ",
    " not ",
    "import ",
    "package ",
    "deny",
    "\n",
    "#",
    ".",
    ",",
    ";",
    "|",
    "input",
    "data",
    "default ",
    "with ",
    " as ",
    "else",
    "é",
    "\u{0}",
    "\t",
    "1e309",
    "-",
];

proptest! {
    #![proptest_config(cases(2))]

    #[test]
    fn check_file_mutated_is_rejected_naming_the_file(which in any::<Index>(), e in edits()) {
        let (path, text) = &CHECK_SOURCES[which.index(CHECK_SOURCES.len())];
        let mutated = lossy(&apply(text.as_bytes(), &e, REGO_TOKENS));
        let src = vouch::engine::SourceFile { path: path.clone(), text: mutated, library: false, bundled: false };
        if let Err(err) = Catalog::load(vec![src]) {
            let err = err.to_string();
            prop_assert!(err.contains(path.as_str()), "{err:?} does not name {path}");
        }
    }

    #[test]
    fn check_file_arbitrary_text_is_rejected_naming_the_file(text in soup(REGO_TOKENS)) {
        let src = vouch::engine::SourceFile { path: "custom/x.rego".into(), text, library: false, bundled: false };
        if let Err(err) = Catalog::load(vec![src]) {
            let err = err.to_string();
            prop_assert!(err.contains("custom/x.rego"), "{err:?} does not name the file");
        }
    }
}

// ---------------------------------------------------------------------------------
// Saved inventories

fn small_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter)
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        // Whole numbers only: serde_json's float parsing is not exact in the last digit.
        any::<i32>().prop_map(|i| Value::from(f64::from(i) + 0.5)),
        small_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(small_text(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn observed() -> impl Strategy<Value = Observed<Value>> {
    prop_oneof![
        json_value().prop_map(Observed::Value),
        Just(Observed::Absent),
        small_text().prop_map(Observed::Unreadable),
    ]
}

fn gen_resource() -> impl Strategy<Value = Resource> {
    (
        small_text(),
        small_text(),
        small_text(),
        small_text(),
        small_text(),
        prop::collection::btree_map(
            small_text().prop_filter("not reserved", |k| {
                !vouch::inventory::RESERVED_FIELDS.contains(&k.as_str())
            }),
            observed(),
            0..4,
        ),
    )
        .prop_map(
            |(id, resource_type, name, account, region, attributes)| Resource {
                id,
                resource_type,
                name,
                account,
                region,
                attributes,
            },
        )
}

fn gen_listing() -> impl Strategy<Value = Listing> {
    (
        small_text(),
        small_text(),
        small_text(),
        prop::option::of(small_text()),
        prop::option::of(small_text()),
    )
        .prop_map(|(resource_type, account, region, error, scope)| Listing {
            resource_type,
            account,
            region,
            error,
            scope,
        })
}

fn gen_inventory() -> impl Strategy<Value = Inventory> {
    (
        any::<bool>(),
        small_text(),
        prop::collection::vec(small_text(), 0..3),
        0i64..4_000_000_000,
        prop::collection::vec(gen_listing(), 0..3),
        prop::collection::vec(gen_resource(), 0..4),
    )
        .prop_map(
            |(aws, account, regions, secs, listings, resources)| Inventory {
                format: vouch::inventory::INVENTORY_FORMAT.into(),
                provider: if aws { Provider::Aws } else { Provider::Azure },
                account,
                regions,
                collected_at: chrono::DateTime::from_timestamp(secs, 0).unwrap(),
                listings,
                resources,
            },
        )
}

fn load_inventory(bytes: &[u8]) -> (String, Result<Inventory, vouch::inventory::InventoryError>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, bytes).unwrap();
    (path.display().to_string(), Inventory::load(&path))
}

static INVENTORY_FIXTURES: LazyLock<Vec<String>> = LazyLock::new(|| {
    ["inventory-s3.json", "inventory-s3-list-denied.json"]
        .iter()
        .map(|f| std::fs::read_to_string(manifest("tests/fixtures").join(f)).unwrap())
        .collect()
});

/// A rejected inventory names its file, and for a JSON error the line and column.
fn assert_inventory_error(
    e: &vouch::inventory::InventoryError,
    shown: &str,
) -> Result<(), TestCaseError> {
    use vouch::inventory::InventoryError as E;
    let text = e.to_string();
    prop_assert!(text.contains(shown), "{text} does not name {shown}");
    if let E::Parse { reason, .. } = e {
        prop_assert!(
            reason.line() >= 1 && text.contains(" line "),
            "{text} names no line"
        );
    }
    Ok(())
}

fn json_paths(v: &Value, here: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(Seg::Key(k.clone()));
                out.push(here.clone());
                json_paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(Seg::At(i));
                out.push(here.clone());
                json_paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn json_at<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let Some((first, rest)) = path.split_first() else {
        return Some(v);
    };
    let child = match (first, v) {
        (Seg::Key(k), Value::Object(m)) => m.get_mut(k)?,
        (Seg::At(i), Value::Array(a)) => a.get_mut(*i)?,
        _ => return None,
    };
    json_at(child, rest)
}

fn json_kind(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// The JSON document with one field given a value of another type: the document, the
/// path to the field, its old and its new value.
fn json_with_type_changed(
    doc: &Value,
    which: Index,
    replacement: Index,
) -> Option<(Value, Vec<Seg>, Value, Value)> {
    let mut doc = doc.clone();
    let mut paths = Vec::new();
    json_paths(&doc, &mut Vec::new(), &mut paths);
    let path = paths.get(which.index(paths.len().max(1)))?.clone();
    let slot = json_at(&mut doc, &path)?;
    let choices: Vec<Value> = [
        Value::Null,
        Value::Bool(true),
        Value::from(7),
        Value::from("x"),
        serde_json::json!([1]),
        serde_json::json!({"x": 1}),
    ]
    .into_iter()
    .filter(|v| json_kind(v) != json_kind(slot))
    .collect();
    let new = choices[replacement.index(choices.len())].clone();
    let old = std::mem::replace(slot, new.clone());
    Some((doc, path, old, new))
}

proptest! {
    #![proptest_config(cases(1))]

    #[test]
    fn inventory_arbitrary_text_is_rejected_naming_the_file(text in soup(JSON_TOKENS)) {
        let (shown, got) = load_inventory(text.as_bytes());
        if let Err(e) = got {
            assert_inventory_error(&e, &shown)?;
        }
    }

    #[test]
    fn inventory_mutated_is_rejected_naming_the_file(which in any::<Index>(), e in edits()) {
        let fixture = &INVENTORY_FIXTURES[which.index(INVENTORY_FIXTURES.len())];
        let mutated = apply(fixture.as_bytes(), &e, JSON_TOKENS);
        let (shown, got) = load_inventory(&mutated);
        if let Err(e) = got {
            assert_inventory_error(&e, &shown)?;
        }
    }

    #[test]
    fn inventory_field_of_another_type_is_rejected_naming_the_file(which in any::<Index>(), field in any::<Index>(), to in any::<Index>()) {
        let fixture: Value = serde_json::from_str(&INVENTORY_FIXTURES[which.index(INVENTORY_FIXTURES.len())]).unwrap();
        let Some((changed, path, _, _)) = json_with_type_changed(&fixture, field, to) else {
            return Err(TestCaseError::reject("no field"));
        };
        let (shown, got) = load_inventory(serde_json::to_string_pretty(&changed).unwrap().as_bytes());
        match got {
            // Only an attribute's observed value is free-form.
            // Only an attribute's observed value is free-form, and an optional field
            // may be null.
            Ok(_) => prop_assert!(
                path.iter().any(|s| *s == Seg::Key("value".into()))
                    || matches!(path.last(), Some(Seg::Key(k)) if k == "error" || k == "scope"),
                "accepted a changed {path:?}"
            ),
            Err(e) => assert_inventory_error(&e, &shown)?,
        }
    }

    #[test]
    fn inventory_generated_valid_loads_as_saved(inv in gen_inventory()) {
        let (_, got) = load_inventory(serde_json::to_string_pretty(&inv).unwrap().as_bytes());
        let got = got.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(serde_json::to_value(&got).unwrap(), serde_json::to_value(&inv).unwrap());
    }
}

// ---------------------------------------------------------------------------------
// IAM credential report (CSV)

use vouch::collect::aws::iam::{AccessKey, Credentials, parse_credential_report};

const REPORT_HEADER: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

const GOOD_REPORT: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,no_information,2024-01-01T00:00:00+00:00,N/A,false,true,2024-01-02T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
";

fn report_time() -> impl Strategy<Value = Option<String>> {
    prop::option::of((0i64..4_000_000_000).prop_map(|s| {
        chrono::DateTime::from_timestamp(s, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%S+00:00")
            .to_string()
    }))
}

fn gen_key() -> impl Strategy<Value = AccessKey> {
    (any::<bool>(), report_time(), report_time()).prop_map(|(active, last_rotated, last_used)| {
        AccessKey {
            active,
            last_rotated,
            last_used,
        }
    })
}

fn gen_credentials() -> impl Strategy<Value = Credentials> {
    (
        any::<bool>(),
        report_time(),
        report_time(),
        any::<bool>(),
        gen_key(),
        gen_key(),
    )
        .prop_map(
            |(password_enabled, used, changed, mfa_active, k1, k2)| Credentials {
                // Only root's row may say `not_supported` (None); these are users.
                password_enabled: Some(password_enabled),
                password_last_used: used,
                password_last_changed: changed,
                mfa_active,
                access_keys: vec![k1, k2],
            },
        )
}

/// The report AWS would write for `rows`, `without` one column.
fn report_csv(rows: &BTreeMap<String, Credentials>, without: Option<&str>) -> Vec<u8> {
    let na = |t: &Option<String>| t.clone().unwrap_or_else(|| "N/A".into());
    let header: Vec<&str> = REPORT_HEADER.split(',').collect();
    let keep = |i: usize| Some(header[i]) != without;
    let mut w = csv::Writer::from_writer(Vec::new());
    let row = |cells: Vec<String>| -> Vec<String> {
        cells
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| c)
            .collect()
    };
    w.write_record(row(header.iter().map(|h| h.to_string()).collect()))
        .unwrap();
    for (user, c) in rows {
        let mut rec = vec![
            user.clone(),
            format!("arn:aws:iam::1:user/{user}"),
            "2020-01-01T00:00:00+00:00".into(),
            c.password_enabled
                .map_or_else(|| "not_supported".into(), |p| p.to_string()),
            na(&c.password_last_used),
            na(&c.password_last_changed),
            "N/A".into(),
            c.mfa_active.to_string(),
        ];
        for k in &c.access_keys {
            rec.extend([
                k.active.to_string(),
                na(&k.last_rotated),
                na(&k.last_used),
                "N/A".into(),
                "N/A".into(),
            ]);
        }
        rec.extend(["false", "N/A", "false", "N/A"].map(String::from));
        w.write_record(row(rec)).unwrap();
    }
    w.into_inner().unwrap()
}

/// The columns the parser reads: one missing must not read as "false" or "never".
const REPORT_COLUMNS_READ: [&str; 11] = [
    "user",
    "password_enabled",
    "password_last_used",
    "password_last_changed",
    "mfa_active",
    "access_key_1_active",
    "access_key_1_last_rotated",
    "access_key_1_last_used_date",
    "access_key_2_active",
    "access_key_2_last_rotated",
    "access_key_2_last_used_date",
];

proptest! {
    #![proptest_config(cases(1))]

    #[test]
    fn credential_report_arbitrary_bytes_never_panic(text in soup(CSV_TOKENS), header in any::<bool>()) {
        let text = if header { format!("{REPORT_HEADER}\n{text}") } else { text };
        let _ = parse_credential_report(text.as_bytes());
    }

    #[test]
    fn credential_report_mutated_never_panics(e in edits()) {
        let mutated = apply(GOOD_REPORT.as_bytes(), &e, CSV_TOKENS);
        if let Err(why) = parse_credential_report(&mutated) {
            prop_assert!(!why.trim().is_empty());
        }
    }

    #[test]
    fn credential_report_generated_valid_parses_as_written(
        rows in prop::collection::btree_map("[A-Za-z0-9+=,.@_-]{1,64}", gen_credentials(), 0..6),
    ) {
        let csv_bytes = report_csv(&rows, None);
        let got = parse_credential_report(&csv_bytes).map_err(TestCaseError::fail)?;
        // A key that was never active nor rotated does not exist; the report still has
        // its columns.
        let want: BTreeMap<String, Observed<Credentials>> = rows.into_iter().map(|(u, mut c)| {
            c.access_keys.retain(|k| k.active || k.last_rotated.is_some());
            (u, Observed::Value(c))
        }).collect();
        prop_assert_eq!(got, want);
    }
}

proptest! {
    #![proptest_config(cases(4))]

    /// Issue 11 defect 5: a missing column must not read as "" and then false (a
    /// report without `mfa_active` would say nobody has MFA).
    #[test]
    fn credential_report_without_a_column_it_reads_is_an_error_naming_it(
        rows in prop::collection::btree_map("[a-z]{1,8}", gen_credentials(), 1..4),
        column in prop::sample::select(REPORT_COLUMNS_READ.to_vec()),
    ) {
        let got = parse_credential_report(&report_csv(&rows, Some(column)));
        prop_assert!(
            matches!(&got, Err(why) if why.contains(column)),
            "without {column}: {got:?}"
        );
    }
}

// ---------------------------------------------------------------------------------
// IAM policy documents (URL-encoded JSON from IAM; plain JSON from some emulators)

use vouch::collect::aws::iam::parse_policy_document;

/// Strings with percent signs and escapes, where decoding can go wrong.
fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            small_text(),
            prop::sample::select(vec![
                "%41", "%2A", "%2F", "%25", "%", "%7B", "%22", "+", "\\", "\"", " ", "*"
            ])
            .prop_map(str::to_string),
        ],
        0..6,
    )
    .prop_map(|p| p.concat())
}

fn policy_document() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        tricky_text().prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::from),
        Just(Value::Null),
    ];
    let value = leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(tricky_text(), inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop::collection::btree_map(tricky_text(), value, 0..4)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

/// Found by `policy_document_reads_what_was_written_encoded_or_not`: a plain document
/// (as emulators answer) was percent-decoded first, so `%2A` in it read as `*`.
#[test]
fn a_plain_policy_document_is_read_as_written() {
    let plain = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"%2A"},"Condition":{"StringLike":{"s3:prefix":"home%2F"}}}]}"#;
    assert_eq!(
        parse_policy_document("iam:GetRolePolicy", plain),
        Observed::Value(serde_json::from_str(plain).unwrap())
    );
    let encoded = percent_encoding::utf8_percent_encode(plain, percent_encoding::NON_ALPHANUMERIC)
        .to_string();
    assert_eq!(
        parse_policy_document("iam:GetRolePolicy", &encoded),
        Observed::Value(serde_json::from_str(plain).unwrap())
    );
}

proptest! {
    #![proptest_config(cases(1))]

    #[test]
    fn policy_document_arbitrary_text_is_a_value_or_unreadable_naming_the_operation(text in soup(JSON_TOKENS)) {
        match parse_policy_document("iam:GetRolePolicy", &text) {
            Observed::Value(_) => {}
            Observed::Unreadable(why) => prop_assert!(why.starts_with("iam:GetRolePolicy: "), "{why}"),
            Observed::Absent => prop_assert!(false, "a document is never absent"),
        }
    }

    #[test]
    fn policy_document_reads_what_was_written_encoded_or_not(doc in policy_document(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&doc).unwrap() } else { serde_json::to_string(&doc).unwrap() };
        let encoded = percent_encoding::utf8_percent_encode(&text, percent_encoding::NON_ALPHANUMERIC).to_string();
        prop_assert_eq!(parse_policy_document("op", &encoded), Observed::Value(doc.clone()), "encoded {}", encoded);
        prop_assert_eq!(parse_policy_document("op", &text), Observed::Value(doc), "plain {}", text);
    }

    #[test]
    fn policy_document_mutated_is_a_value_or_unreadable(doc in policy_document(), e in edits()) {
        let text = serde_json::to_string(&doc).unwrap();
        let mutated = lossy(&apply(text.as_bytes(), &e, JSON_TOKENS));
        if let Observed::Unreadable(why) = parse_policy_document("op", &mutated) {
            prop_assert!(why.starts_with("op: the policy document is not valid JSON ("), "{why}");
        }
    }
}

// ---------------------------------------------------------------------------------
// Hostile nesting: a stack overflow aborts the whole process, so each parser must
// refuse deep nesting rather than recurse without bound.

#[test]
fn deeply_nested_input_is_rejected_not_a_crash() {
    // Far past every parser's own limit (serde_json and YAML stop at 128, TOML sooner),
    // and deep enough to overflow a test thread's stack if one recursed without bound.
    let depth = 10_000;
    let arrays = format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let tables = format!("x = {}{}\n", "{a = ".repeat(depth), "}".repeat(depth));
    for text in [&arrays, &tables] {
        assert!(Pack::parse("p.toml", text, &CATALOG).is_err());
        assert!(Config::parse(Path::new("v.toml"), text).is_err());
        assert!(vouch::mute::parse("m.toml", text).is_err());
    }
    let yaml = format!(
        "# METADATA\n# title: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(metadata::parse("x.rego", &yaml).is_err());
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let (_, got) = load_inventory(json.as_bytes());
    assert!(got.is_err());
    assert!(
        parse_policy_document("op", &json)
            .unreadable_reason()
            .is_some()
    );
}

// ---------------------------------------------------------------------------------
// Azure answers, through each service's mapping, from an in-process ARM and Graph that
// serve the fake Azure's fixtures (tests/fake_azure/fixtures/routes.json).

mod azure {
    use super::*;
    use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
    use azure_core::http::headers::Headers;
    use azure_core::http::{AsyncRawResponse, HttpClient, Request, Url};
    use vouch::collect::azure::api::{Api, ApiSettings};
    use vouch::collect::azure::{AzureContext, Subscription};

    pub const ARM: &str = "https://arm.fuzz.test";
    pub const GRAPH: &str = "https://graph.fuzz.test";
    pub const SUBSCRIPTION: &str = "aaaaaaaa-0000-0000-0000-000000000001";

    /// Answers by lower-case path (ARM paths match in any case); a list's n-th page by
    /// `$skipToken=page-n`.
    pub type Routes = HashMap<String, Vec<Vec<u8>>>;

    pub static ROUTES: LazyLock<Routes> = LazyLock::new(|| {
        let dir = manifest("tests/fake_azure/fixtures");
        let table: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("routes.json")).unwrap())
                .unwrap();
        let read = |f: &Value| {
            std::fs::read_to_string(dir.join(f.as_str().unwrap()))
                .unwrap()
                .replace("{origin}", ARM)
                .into_bytes()
        };
        let mut routes = Routes::new();
        for (path, route) in table["routes"].as_object().unwrap() {
            if route.get("status").is_some() {
                continue;
            }
            let pages = match (route.get("file"), route.get("pages")) {
                (Some(f), _) => vec![read(f)],
                (None, Some(p)) => p.as_array().unwrap().iter().map(read).collect(),
                _ => continue,
            };
            routes.insert(path.to_lowercase(), pages);
        }
        routes
    });

    #[derive(Debug)]
    struct FakeApi(Arc<Routes>, Arc<std::sync::Mutex<Vec<String>>>);

    #[async_trait::async_trait]
    impl HttpClient for FakeApi {
        async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
            let url = request.url();
            self.1.lock().unwrap().push(url.to_string());
            let page = url
                .query_pairs()
                .find(|(k, _)| k == "$skipToken")
                .and_then(|(_, v)| {
                    v.strip_prefix("page-")
                        .and_then(|n| n.parse::<usize>().ok())
                })
                .unwrap_or(1);
            let (status, body) = match self
                .0
                .get(&url.path().to_lowercase())
                .and_then(|p| p.get(page - 1))
            {
                Some(body) => (200u16, body.clone()),
                None => (
                    404,
                    br#"{"error":{"code":"ResourceNotFound","message":"not in the fixtures"}}"#
                        .to_vec(),
                ),
            };
            Ok(AsyncRawResponse::from_bytes(
                status.into(),
                Headers::new(),
                body,
            ))
        }
    }

    #[derive(Debug)]
    struct FakeToken;

    #[async_trait::async_trait]
    impl TokenCredential for FakeToken {
        async fn get_token(
            &self,
            _scopes: &[&str],
            _options: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<AccessToken> {
            Ok(AccessToken::new(
                "fake",
                azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1),
            ))
        }
    }

    /// The collectors, by the name [`collect`] takes.
    pub const SERVICES: [&str; 10] = [
        "storage",
        "sql",
        "postgresql",
        "mysql",
        "network",
        "keyvault",
        "subscription",
        "backup",
        "entra",
        "pim",
    ];

    /// Collects one service against `routes`.
    pub fn collect(service: &str, routes: Routes) -> Collected {
        collect_logged(service, routes).0
    }

    /// Collects one service against `routes`, with the URL of every request it sent.
    pub fn collect_logged(service: &str, routes: Routes) -> (Collected, Vec<String>) {
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let transport: Arc<dyn HttpClient> = Arc::new(FakeApi(Arc::new(routes), log.clone()));
        let settings = ApiSettings {
            max_attempts: 1,
            concurrency: 4,
            limits: Default::default(),
        };
        let api = |base: &str| {
            Api::new(
                Url::parse(base).unwrap(),
                format!("{base}/.default"),
                Arc::new(FakeToken),
                transport.clone(),
                &settings,
            )
        };
        let sub = Subscription {
            id: SUBSCRIPTION.into(),
            name: "vouch-main".into(),
        };
        let ctx = AzureContext {
            arm: api(ARM),
            graph: api(GRAPH),
            tenant: Some("11111111-1111-1111-1111-111111111111".into()),
            subscriptions: vec![sub.clone()],
            progress: Arc::new(vouch::collect::NoProgress),
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        use vouch::collect::azure as az;
        let got = rt.block_on(async {
            match service {
                "storage" => az::storage::collect(&ctx, &sub).await,
                "sql" => az::sql::collect(&ctx, &sub).await,
                "postgresql" => az::database::collect(&ctx, &sub, &az::database::POSTGRESQL).await,
                "mysql" => az::database::collect(&ctx, &sub, &az::database::MYSQL).await,
                "network" => az::network::collect(&ctx, &sub).await,
                "keyvault" => az::keyvault::collect(&ctx, &sub).await,
                "subscription" => az::subscription::collect(&ctx, &sub, true, true, true).await,
                "backup" => az::backup::collect(&ctx, &sub).await,
                "entra" => az::entra::collect(&ctx).await,
                "pim" => az::pim::collect(&ctx, &sub).await,
                other => panic!("no service {other}"),
            }
        });
        let sent = log.lock().unwrap().clone();
        (got, sent)
    }

    /// Every reason vouch gives for an Azure read names the operation that failed.
    pub fn names_an_operation(reason: &str) -> bool {
        reason.contains("/read") || reason.contains("GET /v1.0/")
    }

    pub fn reasons(c: &Collected) -> Vec<String> {
        let mut out: Vec<String> = c.listings.iter().filter_map(|l| l.error.clone()).collect();
        for r in &c.resources {
            out.extend(
                r.attributes
                    .values()
                    .filter_map(|a| a.unreadable_reason().map(str::to_string)),
            );
        }
        out
    }

    /// The routes of the main subscription and Graph, the ones the collectors read.
    pub fn fuzzable_routes() -> Vec<String> {
        let mut paths: Vec<String> = ROUTES
            .keys()
            .filter(|p| {
                (p.contains(SUBSCRIPTION) && p.len() > "/subscriptions/".len() + SUBSCRIPTION.len())
                    || p.starts_with("/v1.0/")
            })
            .cloned()
            .collect();
        paths.sort();
        paths
    }
}

#[test]
fn azure_fixtures_map_to_resources_without_errors() {
    for service in azure::SERVICES {
        let got = azure::collect(service, azure::ROUTES.clone());
        assert!(!got.listings.is_empty(), "{service}: nothing listed");
        assert!(!got.resources.is_empty(), "{service}: no resources");
        let errors: Vec<_> = got
            .listings
            .iter()
            .filter_map(|l| l.error.as_ref())
            .collect();
        assert!(errors.is_empty(), "{service}: {errors:?}");
    }
}

/// Which service reads a path, so a case collects only that one.
fn service_of(path: &str) -> &'static str {
    let p = path.to_lowercase();
    [
        ("microsoft.storage/storageaccounts", "storage"),
        ("microsoft.sql/", "sql"),
        ("microsoft.dbforpostgresql", "postgresql"),
        ("microsoft.dbformysql", "mysql"),
        ("microsoft.network", "network"),
        ("microsoft.keyvault", "keyvault"),
        ("microsoft.recoveryservices", "backup"),
        ("microsoft.authorization", "pim"),
        ("/v1.0/", "entra"),
    ]
    .iter()
    .find(|(needle, _)| p.contains(needle))
    .map(|(_, s)| *s)
    .unwrap_or("subscription")
}

static AZURE_PATHS: LazyLock<Vec<String>> = LazyLock::new(azure::fuzzable_routes);

/// What each collector reads from the unchanged fixtures.
static AZURE_BASELINE: LazyLock<HashMap<&'static str, Collected>> = LazyLock::new(|| {
    azure::SERVICES
        .iter()
        .map(|s| (*s, azure::collect(s, azure::ROUTES.clone())))
        .collect()
});

/// Collects with the answer at `path` replaced. Every reason names an operation; with
/// `no_loss`, a resource the fixtures yield is still there unless a listing says why.
fn azure_case(path: &str, page: Index, body: Vec<u8>, no_loss: bool) -> Result<(), TestCaseError> {
    let mut routes = azure::ROUTES.clone();
    let pages = routes.get_mut(path).unwrap();
    let n = page.index(pages.len());
    pages[n] = body;
    let service = service_of(path);
    // A storage account's subscription settings read its lifecycle policy too.
    for s in [service, "subscription"] {
        let got = azure::collect(s, routes.clone());
        for why in azure::reasons(&got) {
            prop_assert!(
                azure::names_an_operation(&why),
                "{s}: {path}: reason {why:?} names no operation"
            );
        }
        if no_loss && got.listings.iter().all(|l| l.error.is_none()) {
            let ids: Vec<&str> = got.resources.iter().map(|r| r.id.as_str()).collect();
            for r in &AZURE_BASELINE[s].resources {
                prop_assert!(
                    ids.contains(&r.id.as_str()),
                    "{s}: {path}: {} is gone and no listing failed",
                    r.id
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(4))]

    #[test]
    fn azure_mutated_answers_never_panic_and_errors_name_the_operation(
        which in any::<Index>(), page in any::<Index>(), e in edits(),
    ) {
        let path = &AZURE_PATHS[which.index(AZURE_PATHS.len())];
        let original = &azure::ROUTES[path];
        let body = apply(&original[page.index(original.len())], &e, JSON_TOKENS);
        azure_case(path, page, body, false)?;
    }

    #[test]
    fn azure_answers_with_a_field_of_another_type_never_panic_nor_lose_resources(
        which in any::<Index>(), page in any::<Index>(), field in any::<Index>(), to in any::<Index>(),
    ) {
        let path = &AZURE_PATHS[which.index(AZURE_PATHS.len())];
        let original = &azure::ROUTES[path];
        let doc: Value = serde_json::from_slice(&original[page.index(original.len())]).unwrap();
        let Some((changed, at, _, new)) = json_with_type_changed(&doc, field, to) else {
            return Err(TestCaseError::reject("no field"));
        };
        // A null nextLink is how ARM marks the last page.
        let last_page = new.is_null() && at.last() == Some(&Seg::Key("nextLink".into()));
        azure_case(path, page, serde_json::to_vec(&changed).unwrap(), !last_page)?;
    }

    #[test]
    fn azure_arbitrary_answers_never_panic(which in any::<Index>(), page in any::<Index>(), text in soup(JSON_TOKENS)) {
        let path = &AZURE_PATHS[which.index(AZURE_PATHS.len())];
        azure_case(path, page, text.into_bytes(), false)?;
    }
}

/// The list answers of the fixtures: (path, page index).
fn azure_list_pages() -> Vec<(String, usize)> {
    AZURE_PATHS
        .iter()
        .flat_map(|p| {
            azure::ROUTES[p]
                .iter()
                .enumerate()
                .filter_map(move |(n, body)| {
                    let doc: Value = serde_json::from_slice(body).ok()?;
                    doc.get("value")?.as_array()?;
                    Some((p.clone(), n))
                })
        })
        .collect()
}

proptest! {
    #![proptest_config(cases(16))]

    /// Issue 11 defect 6: a 2xx page without `value` must not read as an empty list,
    /// which would make every resource of the listing vanish with no error.
    #[test]
    fn azure_list_page_without_value_is_an_error_not_an_empty_list(
        which in any::<Index>(),
        renamed in prop::sample::select(vec!["valuе", "Value", "values", ""]),
    ) {
        let pages = azure_list_pages();
        let (path, n) = &pages[which.index(pages.len())];
        let mut doc: Value = serde_json::from_slice(&azure::ROUTES[path][*n]).unwrap();
        let items = doc.as_object_mut().unwrap().remove("value").unwrap();
        if !renamed.is_empty() {
            doc[renamed] = items;
        }
        let mut routes = azure::ROUTES.clone();
        routes.get_mut(path).unwrap()[*n] = serde_json::to_vec(&doc).unwrap();
        let s = service_of(path);
        let got = azure::collect(s, routes);
        let baseline = &AZURE_BASELINE[s];
        let lost = baseline.resources.iter().filter(|r| !got.resources.iter().any(|g| g.id == r.id)).count();
        // A listing's error, or (for a list read per resource) a new unreadable value.
        let known = azure::reasons(baseline);
        let failed = azure::reasons(&got).iter().any(|w| !known.contains(w));
        prop_assert!(lost == 0 || failed, "{s}: {path} without `value`: {lost} resources gone, no error");
        prop_assert!(failed, "{s}: {path} without `value` read as an empty list");
    }
}

proptest! {
    #![proptest_config(cases(8))]

    /// Issue 11 defect 28: an id from an answer becomes the path of the next request,
    /// which carries the bearer token, so `@other.host/...` or `:1/...` must never move
    /// that request to another origin, and an id that makes no URL must give a reason
    /// naming the operation.
    #[test]
    fn azure_ids_from_answers_never_send_a_request_elsewhere(
        which in any::<Index>(),
        item in any::<Index>(),
        id in prop::sample::select(vec![
            "@evil.test/x", ":1/x", ":x", "//evil.test/x", ".evil.test/x", "\\evil.test/x",
        ]),
    ) {
        let pages = azure_list_pages();
        let (path, n) = &pages[which.index(pages.len())];
        let mut doc: Value = serde_json::from_slice(&azure::ROUTES[path][*n]).unwrap();
        let items = doc["value"].as_array_mut().unwrap();
        if items.is_empty() {
            return Err(TestCaseError::reject("an empty page"));
        }
        let at = item.index(items.len());
        items[at]["id"] = Value::from(id);
        let mut routes = azure::ROUTES.clone();
        routes.get_mut(path).unwrap()[*n] = serde_json::to_vec(&doc).unwrap();
        let s = service_of(path);
        let (got, sent) = azure::collect_logged(s, routes);
        for url in &sent {
            prop_assert!(
                url.starts_with(&format!("{}/", azure::ARM)) || url.starts_with(&format!("{}/", azure::GRAPH)),
                "{s}: id {id:?} in {path} sent a request to {url}"
            );
        }
        for why in azure::reasons(&got) {
            prop_assert!(azure::names_an_operation(&why), "{s}: reason {why:?} names no operation");
        }
    }
}
