//! Where a report goes: stdout, or the file of `--output FILE`.
//!
//! A file is written under a temporary name in its own folder and renamed
//! into place only when the report is complete, so an interrupted run never
//! leaves a partial report under FILE: a write error or a panic drops the
//! temporary file, and Ctrl-C (SIGINT, and SIGTERM) runs a handler that
//! removes it before the process exits with 130. Without `--output` no
//! handler is installed and Ctrl-C ends the process as usual.

use super::Message;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};
use tempfile::NamedTempFile;

/// The exit code of a run ended by Ctrl-C (128 + SIGINT), as shells report it.
const INTERRUPTED: i32 = 130;

/// Temporary files not yet renamed into place; the Ctrl-C handler removes them.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A report's destination.
pub enum Output {
    Stdout(BufWriter<StdoutLock<'static>>),
    File {
        writer: BufWriter<NamedTempFile>,
        path: PathBuf,
        /// Keeps the temporary file on the Ctrl-C handler's list while it exists.
        _pending: Pending,
    },
}

/// A temporary file on the [`PENDING`] list, taken off it when dropped
/// (NamedTempFile's own drop deletes an unfinished file).
pub struct Pending(PathBuf);

impl Drop for Pending {
    fn drop(&mut self) {
        lock_pending().retain(|p| *p != self.0);
    }
}

impl Output {
    /// stdout, or a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> Result<Output, Message> {
        let Some(path) = path else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout().lock())));
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let file_name = path
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy());
        install_interrupt_handler();
        // Registered under the lock, so Ctrl-C between creating and
        // registering cannot leave the file behind.
        let mut pending = lock_pending();
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{file_name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Message::new(format!("cannot write {}: {e}", path.display())))?;
        pending.push(temp.path().to_path_buf());
        Ok(Output::File {
            _pending: Pending(temp.path().to_path_buf()),
            writer: BufWriter::new(temp),
            path: path.to_path_buf(),
        })
    }

    /// Flush, and for a file, rename it into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::File { writer, path, .. } => {
                let temp = writer.into_inner().map_err(io::IntoInnerError::into_error)?;
                // Under the lock, so Ctrl-C cannot delete the file mid-rename.
                let _pending = lock_pending();
                temp.persist(&path).map(drop).map_err(|e| e.error)
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File { writer, .. } => writer.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File { writer, .. } => writer.flush(),
        }
    }
}

fn lock_pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the lock was held leaves the list as it was: still usable.
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn install_interrupt_handler() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Failing to install (another handler exists) only loses the cleanup.
        let _ = ctrlc::set_handler(|| {
            for path in lock_pending().drain(..) {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(INTERRUPTED);
        });
    });
}
