//! The progress bar of long runs: on stderr, only when stderr is a terminal,
//! never with `--quiet`, and only for runs of at least [`MIN_FILES`] files.
//! Piped or redirected runs (CI, scripts) get no bar and no escape codes.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal};

/// Fewer files than this finish before a bar would help.
pub const MIN_FILES: usize = 20;

/// A bar that may be hidden; every method is a no-op when it is.
pub struct Progress {
    bar: ProgressBar,
    shown: bool,
}

impl Progress {
    /// A bar over `total` files, shown only where it should be.
    pub fn new(total: usize, quiet: bool) -> Self {
        Progress::with_terminal(total, quiet, io::stderr().is_terminal())
    }

    fn with_terminal(total: usize, quiet: bool, stderr_is_terminal: bool) -> Self {
        let shown = stderr_is_terminal && !quiet && total >= MIN_FILES;
        let bar = if shown {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            // The template is a constant; it parses.
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed} {wide_msg}") {
                bar.set_style(style);
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar, shown }
    }

    pub fn is_shown(&self) -> bool {
        self.shown
    }

    /// Run `f` (which writes to the terminal) with the bar out of the way.
    /// `f` must not call back into the bar: it holds the bar's lock.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// One more file done; `name` is shown beside the bar.
    pub fn file_done(&self, name: &str) {
        self.bar.set_message(name.to_string());
        self.bar.inc(1);
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_only_on_a_terminal_without_quiet_for_many_files() {
        assert!(Progress::with_terminal(MIN_FILES, false, true).is_shown());
        assert!(!Progress::with_terminal(MIN_FILES, true, true).is_shown());
        assert!(!Progress::with_terminal(MIN_FILES, false, false).is_shown());
        assert!(!Progress::with_terminal(MIN_FILES - 1, false, true).is_shown());
    }
}
