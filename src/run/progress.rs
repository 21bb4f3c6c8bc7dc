//! A progress bar on standard error, drawn only when it is a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::collect::Progress;

pub struct BarProgress(ProgressBar);

impl BarProgress {
    pub fn new(enabled: bool) -> Self {
        let target = if enabled && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} [{elapsed}] {bar:30} {pos}/{len} {msg}")
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        BarProgress(bar)
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for BarProgress {
    fn stage(&self, message: &str) {
        self.0.set_message(message.to_string());
    }
    fn add_work(&self, n: u64) {
        self.0.inc_length(n);
    }
    fn done_work(&self, n: u64) {
        self.0.inc(n);
    }
}
