//! Progress reporting from collectors, kept abstract so the library never draws to a
//! terminal itself: the CLI shows a bar on a TTY and nothing otherwise.

pub trait Progress: Send + Sync {
    /// A new phase begins (e.g. "s3: reading 42 buckets").
    fn stage(&self, message: &str);
    /// `n` more units of work are now known.
    fn add_work(&self, n: u64);
    /// `n` units of work finished.
    fn done_work(&self, n: u64);
}

pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _: &str) {}
    fn add_work(&self, _: u64) {}
    fn done_work(&self, _: u64) {}
}
