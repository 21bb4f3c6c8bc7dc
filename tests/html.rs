//! The HTML report (`--format html`): what the page shows, that it fetches nothing,
//! that values from the account are escaped, that it is deterministic, and (with
//! Chromium, `scripts/browser-setup.sh`) that it renders and its script runs.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, vouch};
use serde_json::Value;

const INJECTED: &str = "<script>alert(1)</script>";

/// Runs `vouch check` on `inventory` with the S3 pack, writing JSON and HTML to `dir`;
/// returns the page and the JSON report it was rendered from.
fn scan(inventory: &Path, dir: &Path) -> (String, Value) {
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(inventory)
        .args([
            "--policy",
            "s3-data-protection",
            "--format",
            "json,html",
            "--output-dir",
        ])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "failures exit 1: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.join("report.html")).expect("report.html is written");
    let json = serde_json::from_slice(&std::fs::read(dir.join("results.json")).unwrap()).unwrap();
    (html, json)
}

/// Escapes text the way the page's template engine does.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

fn failing(report: &Value) -> Vec<&Value> {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "fail" || r["status"] == "error")
        .collect()
}

/// Every `NAME="..."` attribute in the page: where its tag starts, the tag up to the
/// value, and the value.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<(usize, &'a str, &'a str)> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&needle) {
        let start = from + i + needle.len();
        let end = start + html[start..].find('"').expect("attribute is closed");
        let tag_start = html[..start].rfind('<').expect("attribute is inside a tag");
        out.push((tag_start, &html[tag_start..start], &html[start..end]));
        from = end;
    }
    out
}

#[test]
fn page_shows_summary_scores_clauses_and_every_failing_resource() {
    let dir = tempfile::tempdir().unwrap();
    let (html, report) = scan(&fixture("inventory-s3.json"), dir.path());

    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..200]);
    let summary = &report["summary"];
    for status in ["pass", "fail", "error", "muted"] {
        let n = summary[status].as_u64().unwrap();
        assert!(
            html.contains(&format!("id=\"count-{status}\">{n}<")),
            "{status} count {n} is shown"
        );
    }
    assert!(html.contains("111122223333"), "account");
    assert!(html.contains("eu-west-1, us-east-1"), "regions");
    assert!(html.contains(&format!(
        "vouch {}",
        report["tool"]["version"].as_str().unwrap()
    )));

    let policy = &report["policies"][0];
    assert!(html.contains(&escaped(policy["title"].as_str().unwrap())));
    let score = format!("{:.0}%", policy["score"].as_f64().unwrap());
    let coverage = format!("{:.0}%", policy["coverage"].as_f64().unwrap());
    assert!(
        html.contains(&format!("<span class=\"big\">{score}</span>")),
        "score {score}"
    );
    assert!(
        html.contains(&format!("<span class=\"big\">{coverage}</span>")),
        "coverage {coverage}"
    );
    let counts = &policy["counts"];
    for (key, label) in [
        ("met", "met"),
        ("failed", "failed"),
        ("error", "error"),
        ("manual", "manual"),
        ("attested", "attested"),
        ("not_applicable", "not applicable"),
    ] {
        assert!(
            html.contains(&format!("<b>{}</b> {label}</li>", counts[key])),
            "clause count {key}"
        );
    }
    for clause in policy["clauses"].as_array().unwrap() {
        assert!(html.contains(&format!("<td>{}</td>", clause["id"].as_str().unwrap())));
        assert!(html.contains(&escaped(clause["text"].as_str().unwrap())));
    }
    // A clause's status is written out, not only coloured.
    assert!(html.contains("! Error</span>"));
    assert!(html.contains("? Manual</span>"));

    // Every failing or errored result has a row, with its resource and message.
    let failing = failing(&report);
    assert_eq!(
        html.matches("<tr class=\"fail\" data-status=\"fail\"")
            .count(),
        summary["fail"].as_u64().unwrap() as usize
    );
    assert_eq!(
        html.matches("<tr class=\"error\" data-status=\"error\"")
            .count(),
        summary["error"].as_u64().unwrap() as usize
    );
    for r in &failing {
        let id = escaped(r["resource"]["id"].as_str().unwrap());
        assert!(
            html.contains(&format!("<code>{id}</code>")),
            "{id} is listed"
        );
        assert!(html.contains(&escaped(r["message"].as_str().unwrap())));
    }
    // Remediation and the first reference of each failing check come from the catalogue.
    assert!(html.contains("<b>Remediation:</b> aws s3api put-bucket-versioning"));
    assert!(html.contains(&format!(
        "<b>Reference:</b> <a href=\"{}\" rel=\"noreferrer\">",
        escaped("https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html")
    )));
    // Evidence is pretty-printed JSON in a collapsible block.
    assert!(html.contains("<summary>Evidence</summary>"));
    assert!(html.contains("&quot;Sid&quot;: &quot;PublicRead&quot;"));
    // The filters exist but are hidden until the script shows them.
    assert!(html.contains("<form id=\"filters\""));
    assert!(html.contains(" hidden>"));
    // Charts by severity and by service, as inline SVG.
    assert!(html.contains("<figcaption>By severity</figcaption>"));
    assert!(html.contains("<figcaption>By service</figcaption>"));
    assert!(html.contains("<svg class=\"chart\""));
}

#[test]
fn page_fetches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (html, _) = scan(&fixture("inventory-s3.json"), dir.path());
    let lower = html.to_ascii_lowercase();
    for forbidden in [
        " src=", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(",
    ] {
        assert!(!lower.contains(forbidden), "the page contains {forbidden}");
    }
    // One script, inline; the policy forbids every fetch and any other script.
    assert_eq!(lower.matches("<script").count(), 1);
    assert!(lower.contains("<script>"));
    assert!(html.contains("content=\"default-src 'none'; style-src 'sha256-"));
    assert!(html.contains("script-src 'sha256-"));
    // Links: in-page anchors, and the references of failing checks as plain links.
    let hrefs = attributes(&html, "href");
    assert!(!hrefs.is_empty());
    for (at, tag, value) in hrefs {
        if value.starts_with('#') {
            continue;
        }
        assert!(
            value.starts_with("https:&#x2f;&#x2f;") || value.starts_with("http:&#x2f;&#x2f;"),
            "{tag}{value}"
        );
        assert!(tag.starts_with("<a "), "only links point out: {tag}{value}");
        assert!(
            html[..at].ends_with("<b>Reference:</b> "),
            "a web link is only a reference: {tag}{value}"
        );
    }
}

/// A copy of the S3 fixture in which the account has written markup into a bucket's
/// id and name and into a policy statement (so into the message and the evidence).
fn injected_inventory(dir: &Path) -> PathBuf {
    let mut inv: Value =
        serde_json::from_slice(&std::fs::read(fixture("inventory-s3.json")).unwrap()).unwrap();
    let bad = inv["resources"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["name"] == "bad-bucket")
        .expect("the fixture has bad-bucket");
    bad["name"] = Value::String(format!("bad-bucket{INJECTED}"));
    bad["id"] = Value::String(format!("arn:aws:s3:::bad-bucket{INJECTED}"));
    let text = serde_json::to_string(&inv)
        .unwrap()
        .replace("\"PublicRead\"", &serde_json::to_string(INJECTED).unwrap());
    let path = dir.join("inventory.json");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn markup_from_the_account_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = injected_inventory(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (html, report) = scan(&inventory, &out);

    assert!(!html.contains(INJECTED), "injected markup appears raw");
    assert_eq!(
        html.to_ascii_lowercase().matches("<script").count(),
        1,
        "only the page's own script"
    );
    let results = report["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["resource"]["name"].as_str().unwrap().contains(INJECTED)),
        "the injected bucket was scanned"
    );
    let safe = escaped(INJECTED);
    assert_eq!(safe, "&lt;script&gt;alert(1)&lt;&#x2f;script&gt;");
    assert!(
        html.contains(&format!("<code>arn:aws:s3:::bad-bucket{safe}</code>")),
        "resource id"
    );
    assert!(
        html.contains(&format!("bad-bucket{safe} · aws_s3_bucket")),
        "name"
    );
    assert!(
        html.contains(&format!("policy statement {safe} allows")),
        "message"
    );
    assert!(
        html.contains(&format!("&quot;Sid&quot;: &quot;{safe}&quot;")),
        "evidence"
    );
}

#[test]
fn the_same_report_renders_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (html, report) = scan(&fixture("inventory-s3.json"), dir.path());
    let report: vouch::results::ScanReport = serde_json::from_value(report).unwrap();
    // The report alone: the check metadata the page prints travels in it.
    let first = vouch::report::html::render(&report).unwrap();
    let second = vouch::report::html::render(&report).unwrap();
    assert_eq!(first, second);
    assert!(
        first == html.as_bytes(),
        "the page rendered from results.json differs from the one the scan wrote"
    );
}

#[test]
fn an_empty_scan_and_an_unjudged_policy_render() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut report) = scan(&fixture("inventory-s3.json"), dir.path());
    let render = |report: &Value| -> String {
        let report: vouch::results::ScanReport = serde_json::from_value(report.clone()).unwrap();
        String::from_utf8(vouch::report::html::render(&report).unwrap()).unwrap()
    };

    // A policy of which no clause could be judged has no score, only coverage.
    report["policies"][0]["score"] = Value::Null;
    report["notes"] = serde_json::json!(["the mute of <b>x</b> expired on 2026-11-01"]);
    let html = render(&report);
    assert!(html.contains(&format!("<span class=\"big\">{}</span>", escaped("n/a"))));
    assert!(html.contains("<li>the mute of &lt;b&gt;x&lt;&#x2f;b&gt; expired on 2026-11-01</li>"));

    report["results"] = serde_json::json!([]);
    report["policies"] = serde_json::json!([]);
    report["notes"] = serde_json::json!([]);
    report["summary"] =
        serde_json::json!({"pass": 0, "fail": 0, "error": 0, "manual": 0, "muted": 0});
    let html = render(&report);
    assert!(html.contains("No policy pack was scored"));
    assert!(html.contains("No resources matched the selected checks."));
    assert!(html.contains("No resource fails and every value could be read."));
    assert!(!html.contains("id=\"notes\""));
}

// ---------------------------------------------------------------------------------
// In a browser.

fn chromium() -> String {
    std::env::var("VOUCH_CHROMIUM")
        .expect("VOUCH_CHROMIUM: the path of a Chromium binary (scripts/browser-setup.sh)")
}

/// Runs headless Chromium on `url` with `args`, with its own profile and no network
/// services; returns what it printed. Fails after a minute.
fn headless(url: &str, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let stdout = tempfile::NamedTempFile::new().unwrap();
    let stderr = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(stdout.reopen().unwrap())
        .stderr(stderr.reopen().unwrap())
        .spawn()
        .expect("Chromium starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium did not finish within a minute on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let err = std::fs::read_to_string(stderr.path()).unwrap_or_default();
    assert!(
        status.success(),
        "Chromium failed on {url}: {status}\n{err}"
    );
    std::fs::read_to_string(stdout.path()).unwrap()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

#[test]
#[ignore = "needs Chromium: run scripts/test.sh"]
fn browser_renders_the_summary_and_runs_the_script() {
    let dir = tempfile::tempdir().unwrap();
    let (_, report) = scan(&fixture("inventory-s3.json"), dir.path());
    let page = dir.path().join("report.html");
    let url = file_url(&page);

    let dom = headless(&url, &["--dump-dom"]);
    // The script ran to its end (the Content-Security-Policy let it run, and it threw
    // nothing): it marks the page and counts the rows it shows.
    assert!(dom.contains("data-js=\"ready\""), "the inline script ran");
    let failing = failing(&report);
    let total = failing.len();
    assert!(
        dom.contains(&format!(
            "Showing {total} of {total} failing or errored results."
        )),
        "the filter counted the rows"
    );
    assert!(
        !dom.contains("<form id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filter failing resources\" hidden"),
        "the script shows the filters"
    );
    let summary = &report["summary"];
    for status in ["pass", "fail", "error", "muted"] {
        let n = summary[status].as_u64().unwrap();
        assert!(
            dom.contains(&format!("id=\"count-{status}\">{n}<")),
            "{status}"
        );
    }
    let title = report["policies"][0]["title"].as_str().unwrap();
    assert!(dom.contains(title), "{title}");

    // Filters given in the address apply on load.
    let high_errors = failing
        .iter()
        .filter(|r| r["status"] == "error" && r["severity"] == "high")
        .count();
    assert!(high_errors > 0 && high_errors < total);
    let dom = headless(
        &format!("{url}?status=error&severity=high"),
        &["--dump-dom"],
    );
    assert!(
        dom.contains(&format!(
            "Showing {high_errors} of {total} failing or errored results."
        )),
        "filtered to high-severity errors"
    );
    assert_eq!(
        dom.matches(" hidden=\"\"></tr>").count()
            + dom.matches("data-service=\"s3\" hidden=\"\">").count(),
        total - high_errors,
        "the other rows are hidden"
    );

    // And it draws something: a screenshot of a page with charts is not blank.
    let shot = dir.path().join("report.png");
    headless(
        &url,
        &[
            "--window-size=1280,2400",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot is written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(png.len() > 50_000, "screenshot is {} bytes", png.len());
}
