//! The history of scans: one SQLite file, one transaction per scan, so a run that is
//! killed leaves every earlier scan intact. A lock file keeps two runs from writing
//! the same database at once.

pub mod diff;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use serde::Serialize;

use crate::results::{Counts, ScanReport};

pub use diff::ScanDiff;

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(
        "history database {path} is busy: another vouch run is using it (lock file {lock}). Runs on one database must not overlap"
    )]
    Locked { path: String, lock: String },
    #[error(
        "history database {path} cannot be used: {reason}. It was left untouched; move it aside or set history.database to another file"
    )]
    Unusable { path: String, reason: String },
    #[error("cannot create {path}")]
    Create {
        path: String,
        source: std::io::Error,
    },
    /// SQLite's own lock, held by a run committing its scan (or one that was killed
    /// mid-commit): nothing is wrong with the file, so it must not be called damaged.
    #[error(
        "history database {path} is busy: another vouch run is writing to it ({reason}). Try again when it has finished"
    )]
    Busy { path: String, reason: String },
    #[error("the report scores policy pack {0} twice, with different results; it was not stored")]
    DuplicatePack(String),
    #[error("no scan {0} in the history (see `vouch history`)")]
    NoScan(i64),
    #[error("the history has fewer than two scans of {0}; nothing to compare")]
    NothingToCompare(String),
}

/// Where history lives when neither the config nor `--database` says.
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("VOUCH_DATABASE") {
        return PathBuf::from(p);
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("vouch").join("history.db")
}

/// A scan as listed by `vouch history`.
#[derive(Debug, Clone, Serialize)]
pub struct ScanRow {
    pub id: i64,
    pub target: String,
    pub started_at: String,
    pub finished_at: String,
    pub summary: Counts,
    pub scores: Vec<(String, Option<f64>)>,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Held for as long as the store is open.
    _lock: Option<File>,
    /// A file a writer created but has not yet given its tables: an empty history,
    /// which a read-only reader cannot (and need not) initialise.
    empty: bool,
}

/// How long a statement waits for another connection's SQLite lock before giving up.
/// A writer holds it only while committing one scan, and `vouch history` only while
/// reading, so a few seconds covers any honest overlap.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The target a scan describes, for "the previous scan of the same target".
pub fn target_of(report: &ScanReport) -> String {
    format!("{}:{}", report.scan.provider, report.scan.account)
}

fn unusable(path: &Path, e: impl std::fmt::Display) -> HistoryError {
    HistoryError::Unusable {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// A SQLite error as a history error: contention (or the journal of an interrupted
/// commit, which a read-only reader may not roll back) is "busy", never "damaged".
fn db_error(path: &Path, e: rusqlite::Error) -> HistoryError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        let busy = matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            || f.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK;
        if busy {
            return HistoryError::Busy {
                path: path.display().to_string(),
                reason: e.to_string(),
            };
        }
    }
    unusable(path, e)
}

/// Every statement the store runs, prepared once at open: a table that lacks a
/// column fails here, before any cloud call, not when the scan is saved.
const STATEMENTS: [&str; 2] = [
    "SELECT id, target, started_at, finished_at, summary, report FROM scans LIMIT 0",
    "SELECT scan_id, pack, score, coverage FROM scores LIMIT 0",
];

/// The schema a new database is given. Version 1 also had a `findings` table that
/// nothing read (every report is stored whole in `scans`); version 2 stops creating
/// it. A version 1 file keeps its table, unwritten, and opens as before; a version 2
/// file is refused by a vouch that still expects the table, as from a newer vouch.
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS scans (
    id INTEGER PRIMARY KEY,
    target TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    summary TEXT NOT NULL,
    report TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS scores (
    scan_id INTEGER NOT NULL REFERENCES scans(id),
    pack TEXT NOT NULL,
    score REAL,
    coverage REAL NOT NULL,
    PRIMARY KEY (scan_id, pack)
);
CREATE INDEX IF NOT EXISTS scans_by_target ON scans(target, id);
";

/// Sets the busy timeout and checks that the file is a vouch history; `whole` also
/// reads every page, so a scan finds damage when the store opens (before any cloud
/// call), not when it saves. A reader skips that: its own reads find damage, and
/// `vouch history` stays quick on a large file. Returns the schema version (0: a new,
/// empty file).
fn check(conn: &Connection, path: &Path, whole: bool) -> Result<i64, HistoryError> {
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| db_error(path, e))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| db_error(path, e))?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| db_error(path, e))?;
    if version == 0 && tables > 0 {
        return Err(unusable(
            path,
            "it is a SQLite database, but not one vouch wrote",
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(unusable(
            path,
            format!("it was written by a newer vouch (schema {version})"),
        ));
    }
    if !whole {
        return Ok(version);
    }
    let damaged = |e: rusqlite::Error| match db_error(path, e) {
        HistoryError::Unusable { reason, .. } => {
            unusable(path, format!("it is damaged ({reason})"))
        }
        other => other,
    };
    let mut stmt = conn.prepare("PRAGMA quick_check").map_err(damaged)?;
    let problems = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(damaged)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(damaged)?;
    if problems != ["ok"] {
        return Err(unusable(
            path,
            format!("it is damaged ({})", problems.join("; ")),
        ));
    }
    Ok(version)
}

fn check_statements(conn: &Connection, path: &Path) -> Result<(), HistoryError> {
    for sql in STATEMENTS {
        conn.prepare(sql).map_err(|e| db_error(path, e))?;
    }
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the database for writing, taking its lock. Fails,
    /// without touching the file, if it is locked or not a vouch history database.
    pub fn open_for_writing(path: &Path) -> Result<Store, HistoryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| HistoryError::Create {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let lock_path = PathBuf::from(format!("{}.lock", path.display()));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|source| HistoryError::Create {
                path: lock_path.display().to_string(),
                source,
            })?;
        if lock.try_lock().is_err() {
            return Err(HistoryError::Locked {
                path: path.display().to_string(),
                lock: lock_path.display().to_string(),
            });
        }
        let conn = Connection::open(path).map_err(|e| db_error(path, e))?;
        let version = check(&conn, path, true)?;
        // Each write happens only when needed: a header rewrite on every open would
        // take SQLite's write lock and collide with readers for nothing.
        // One transaction, so a run killed here leaves no tables without the version
        // that says vouch wrote them.
        if version == 0 {
            conn.execute_batch(&format!(
                "BEGIN;{SCHEMA}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;"
            ))
            .map_err(|e| db_error(path, e))?;
        }
        check_statements(&conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            _lock: Some(lock),
            empty: false,
        })
    }

    /// Opens an existing database to read it, read-only: `vouch history` and `vouch
    /// diff` never write, so they cannot collide with a scan that does.
    pub fn open(path: &Path) -> Result<Store, HistoryError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| db_error(path, e))?;
        let version = check(&conn, path, false)?;
        let empty = version == 0;
        if !empty {
            check_statements(&conn, path)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            _lock: None,
            empty,
        })
    }

    /// Stores a scan in one transaction; returns its id. A pack scored twice (a pack
    /// named twice) is stored once, so it cannot break the scores' primary key.
    pub fn save(&mut self, report: &ScanReport) -> Result<i64, HistoryError> {
        let mut scores: BTreeMap<&str, (Option<f64>, f64)> = BTreeMap::new();
        for p in &report.policies {
            match scores.insert(&p.id, (p.score, p.coverage)) {
                Some(earlier) if earlier != (p.score, p.coverage) => {
                    return Err(HistoryError::DuplicatePack(p.id.clone()));
                }
                _ => {}
            }
        }
        let path = self.path.clone();
        let err = |e: rusqlite::Error| db_error(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "INSERT INTO scans (target, started_at, finished_at, summary, report) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                target_of(report),
                report.scan.started_at.to_rfc3339(),
                report.scan.finished_at.to_rfc3339(),
                serde_json::to_string(&report.summary).unwrap_or_default(),
                serde_json::to_string(report).unwrap_or_default(),
            ],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        {
            let mut sc = tx
                .prepare(
                    "INSERT INTO scores (scan_id, pack, score, coverage) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for (pack, (score, coverage)) in &scores {
                sc.execute(params![id, pack, score, coverage])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(id)
    }

    /// The latest scan of every target with its report: what the next scan of each
    /// will be compared with. Read when the store opens, so an unreadable report
    /// stops the run before any cloud call rather than after the scan.
    pub fn latest_reports(&self) -> Result<BTreeMap<String, (i64, ScanReport)>, HistoryError> {
        if self.empty {
            return Ok(BTreeMap::new());
        }
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare("SELECT max(id), target FROM scans GROUP BY target")
            .map_err(err)?;
        let latest = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        let mut out = BTreeMap::new();
        for (id, target) in latest {
            out.insert(target, (id, self.report(id)?));
        }
        Ok(out)
    }

    pub fn list(&self, limit: usize) -> Result<Vec<ScanRow>, HistoryError> {
        if self.empty {
            return Ok(Vec::new());
        }
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare("SELECT id, target, started_at, finished_at, summary FROM scans ORDER BY id DESC LIMIT ?1")
            .map_err(err)?;
        let rows = stmt
            .query_map(params![limit as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        let mut out = Vec::new();
        for (id, target, started_at, finished_at, summary) in rows {
            let mut s = self
                .conn
                .prepare("SELECT pack, score FROM scores WHERE scan_id = ?1 ORDER BY pack")
                .map_err(err)?;
            let scores = s
                .query_map(params![id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<f64>>(1)?))
                })
                .map_err(err)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(err)?;
            out.push(ScanRow {
                id,
                target,
                started_at,
                finished_at,
                summary: serde_json::from_str(&summary).unwrap_or_default(),
                scores,
            });
        }
        Ok(out)
    }

    pub fn report(&self, id: i64) -> Result<ScanReport, HistoryError> {
        if self.empty {
            return Err(HistoryError::NoScan(id));
        }
        let text: Option<String> = self
            .conn
            .query_row("SELECT report FROM scans WHERE id = ?1", params![id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| db_error(&self.path, e))?;
        let text = text.ok_or(HistoryError::NoScan(id))?;
        serde_json::from_str(&text)
            .map_err(|e| unusable(&self.path, format!("scan {id} is unreadable: {e}")))
    }

    /// The latest scan of `target` before scan `before` (or the latest of all if none).
    pub fn previous(&self, target: &str, before: Option<i64>) -> Result<Option<i64>, HistoryError> {
        if self.empty {
            return Ok(None);
        }
        self.conn
            .query_row(
                "SELECT id FROM scans WHERE target = ?1 AND id < ?2 ORDER BY id DESC LIMIT 1",
                params![target, before.unwrap_or(i64::MAX)],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_error(&self.path, e))
    }

    /// The id of the latest scan of all.
    pub fn latest(&self) -> Result<Option<(i64, String)>, HistoryError> {
        if self.empty {
            return Ok(None);
        }
        self.conn
            .query_row(
                "SELECT id, target FROM scans ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| db_error(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(scores: &[(&str, f64)]) -> ScanReport {
        let policies: Vec<serde_json::Value> = scores
            .iter()
            .map(|(id, score)| {
                serde_json::json!({
                    "id": id, "title": id, "source": "s", "clauses_total": 1,
                    "counts": {"met": 1, "failed": 0, "error": 0, "manual": 0, "attested": 0, "not_applicable": 0},
                    "score": score, "coverage": 100.0, "clauses": []
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "format": "vouch-results/1",
            "tool": {"name": "vouch", "version": "0"},
            "scan": {"provider": "aws", "account": "1", "regions": [],
                     "started_at": "2026-12-01T00:00:00Z", "finished_at": "2026-12-01T00:00:00Z"},
            "summary": {"pass": 0, "fail": 0, "error": 0, "manual": 0, "muted": 0},
            "results": [],
            "policies": policies
        }))
        .unwrap()
    }

    #[test]
    fn a_pack_scored_twice_is_stored_once_and_a_conflict_is_not_called_damage() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_for_writing(&dir.path().join("h.db")).unwrap();
        let id = store.save(&report(&[("p", 50.0), ("p", 50.0)])).unwrap();
        assert_eq!(store.list(10).unwrap()[0].scores.len(), 1);
        assert_eq!(store.latest().unwrap().map(|l| l.0), Some(id));
        let e = store
            .save(&report(&[("p", 50.0), ("p", 75.0)]))
            .unwrap_err();
        assert!(
            matches!(e, HistoryError::DuplicatePack(ref p) if p == "p"),
            "{e}"
        );
        assert_eq!(store.list(10).unwrap().len(), 1, "nothing half-stored");
    }
}
