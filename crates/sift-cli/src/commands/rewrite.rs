//! Rewriting a file in place for `sift fmt` and `sift check --fix` / `validate --fix`, keeping
//! what the file had: its inode's owner, group and mode, its hard links, the symbolic links
//! that lead to it.
//!
//! The usual way is a sibling temporary file, given the original's owner, group and mode, then
//! renamed over the original: the file is the old text or the new, never half of one. When the
//! file has other hard links (a rename would split them), or its owner cannot be given to the
//! temporary file (formatting another user's group-writable file), the new text is written
//! through the original inode instead, after a safety copy of the old text beside it; a failed
//! write puts the old text back, or leaves the copy and names it.
//!
//! A signal (SIGINT, SIGTERM, SIGHUP) while a temporary file exists removes it before exiting
//! with 128 + the signal number; the steps that change the original finish first.

use std::fs::{File, Metadata};
use std::io::Write;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

use tempfile::NamedTempFile;

/// Why a file is rewritten, for the messages of a file left as it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `sift fmt`.
    Format,
    /// `--fix` of `check` (`.sift` files) or `validate` (JSON documents).
    Fix,
    /// `sift test --update`.
    Update,
}

impl Purpose {
    fn doing(self) -> &'static str {
        match self {
            Purpose::Format => "formatted",
            Purpose::Fix => "fixed",
            Purpose::Update => "updated",
        }
    }

    /// How to get the new text without changing the file.
    fn elsewhere(self, shown: &str) -> String {
        match self {
            Purpose::Format => format!("format a copy with `sift fmt - < {shown}`"),
            Purpose::Fix => String::from("see the fixes with --diff, or fix a copy read from `-`"),
            Purpose::Update => String::from("see the changes with `sift test` (without --update)"),
        }
    }
}

/// Replaces the text of the file at `path` (read as `old`, with `read` its metadata then) by
/// `new`. A file that is read-only, or changed since it was read, is left as it is.
pub fn replace(
    path: &Path,
    read: &Metadata,
    (old, new): (&str, &str),
    purpose: Purpose,
) -> Result<(), String> {
    let shown = crate::input::shown(path);
    let target = std::fs::canonicalize(path).map_err(|e| format!("cannot resolve {shown}: {e}"))?;
    let now = std::fs::metadata(&target).map_err(|e| format!("cannot read {shown}: {e}"))?;
    if (
        now.dev(),
        now.ino(),
        now.len(),
        now.mtime(),
        now.mtime_nsec(),
    ) != (
        read.dev(),
        read.ino(),
        read.len(),
        read.mtime(),
        read.mtime_nsec(),
    ) || !now.is_file()
    {
        return Err(format!(
            "{shown} changed while it was being {}; left as it is",
            purpose.doing()
        ));
    }
    if now.permissions().readonly() {
        return Err(format!(
            "{shown} is read-only; left unchanged (make it writable to change it in place, or \
             {})",
            purpose.elsewhere(&shown.to_string())
        ));
    }
    let original = std::fs::OpenOptions::new()
        .write(true)
        .open(&target)
        .map_err(|e| format!("cannot write {shown} (left unchanged): {e}"))?;
    watch_signals();
    let dir = target.parent().unwrap_or(Path::new("."));
    if now.nlink() > 1 {
        return through_inode(&original, dir, &shown.to_string(), old, new);
    }
    match renamed_over(&target, dir, &now, new) {
        Ok(()) => Ok(()),
        Err(Step::Owner) => through_inode(&original, dir, &shown.to_string(), old, new),
        Err(Step::Failed(e)) => Err(format!("cannot replace {shown} (left unchanged): {e}")),
    }
}

/// Why the temporary-file way did not replace the file.
enum Step {
    /// The temporary file could not be given the original's owner or group.
    Owner,
    Failed(std::io::Error),
}

impl From<std::io::Error> for Step {
    fn from(e: std::io::Error) -> Self {
        Step::Failed(e)
    }
}

/// A sibling temporary file with the new text, the original's owner, group and mode, renamed
/// over the original.
fn renamed_over(target: &Path, dir: &Path, original: &Metadata, new: &str) -> Result<(), Step> {
    let mut pending = Pending::new(dir)?;
    let file = pending.temp.as_file();
    if std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())).is_err() {
        return Err(Step::Owner);
    }
    // After the owner: changing the owner clears set-user-ID and set-group-ID bits.
    file.set_permissions(original.permissions())?;
    pending.temp.write_all(new.as_bytes())?;
    pending.temp.as_file().sync_all()?;
    pending.persist(target)?;
    Ok(())
}

/// Writes `new` through the original inode, after a synced safety copy of `old` beside it.
fn through_inode(
    original: &File,
    dir: &Path,
    shown: &str,
    old: &str,
    new: &str,
) -> Result<(), String> {
    let mut copy = Pending::new(dir)
        .map_err(|e| format!("cannot create a safety copy beside {shown} (left unchanged): {e}"))?;
    copy.temp
        .write_all(old.as_bytes())
        .and_then(|()| copy.temp.as_file().sync_all())
        .map_err(|e| format!("cannot write a safety copy beside {shown} (left unchanged): {e}"))?;
    // Held while the original is being changed, so that a signal waits until it is whole.
    let _critical = lock(&CRITICAL);
    let write = |text: &str| {
        original
            .write_all_at(text.as_bytes(), 0)
            .and_then(|()| original.set_len(text.len() as u64))
            .and_then(|()| original.sync_all())
    };
    match write(new) {
        Ok(()) => Ok(()),
        Err(e) if write(old).is_ok() => Err(format!("cannot write {shown} (left unchanged): {e}")),
        Err(e) => Err(format!(
            "cannot write {shown}: {e}; its former text is kept in {}",
            copy.keep().display()
        )),
    }
}

/// Taken by a signal before it cleans up, and by the steps that must not be cut half way.
static CRITICAL: Mutex<()> = Mutex::new(());

/// The temporary file that a signal must remove: at most one exists at a time.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes the pending temporary file, if any: what a signal does before exiting. The locks
/// are returned held, so nothing creates, renames or changes a file afterwards.
fn clean_up() -> (
    MutexGuard<'static, ()>,
    MutexGuard<'static, Option<PathBuf>>,
) {
    let critical = lock(&CRITICAL);
    let mut pending = lock(&PENDING);
    if let Some(path) = pending.take() {
        let _ = std::fs::remove_file(path);
    }
    (critical, pending)
}

/// Once per run, before the first temporary file: a thread that waits for SIGINT, SIGTERM or
/// SIGHUP, removes the pending temporary file and exits with 128 + the signal number.
fn watch_signals() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _held = clean_up();
                std::process::exit(128 + signal);
            }
        });
    });
}

/// A temporary file beside the original, registered for removal on a signal from its creation
/// until it is renamed, kept or dropped (which removes it).
struct Pending {
    temp: NamedTempFile,
    registration: Registration,
}

/// Clears the pending slot when dropped, if it still names this file.
struct Registration(PathBuf);

impl Drop for Registration {
    fn drop(&mut self) {
        let mut slot = lock(&PENDING);
        if slot.as_ref() == Some(&self.0) {
            *slot = None;
        }
    }
}

impl Pending {
    fn new(dir: &Path) -> std::io::Result<Self> {
        // Created and registered under the lock, so a signal cannot fall in between.
        let mut slot = lock(&PENDING);
        let temp = tempfile::Builder::new()
            .prefix(".sift-fmt-")
            .tempfile_in(dir)?;
        *slot = Some(temp.path().to_owned());
        let registration = Registration(temp.path().to_owned());
        Ok(Pending { temp, registration })
    }

    /// Renames the file over `target`. A signal after the rename finds no file to remove.
    fn persist(self, target: &Path) -> std::io::Result<()> {
        let Pending { temp, registration } = self;
        let result = temp.persist(target).map(drop).map_err(|e| e.error);
        drop(registration);
        result
    }

    /// Leaves the file on disk, where the user is told to find it.
    fn keep(self) -> PathBuf {
        let Pending { temp, registration } = self;
        drop(registration);
        match temp.keep() {
            Ok((_, path)) => path,
            Err(e) => e.file.path().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cleanup a signal runs removes the pending temporary file (the seam the signal test
    /// of `tests/fmt_in_place.rs` cannot hit on purpose: which step a signal lands in is luck).
    #[test]
    fn cleanup_removes_the_pending_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pending = Pending::new(dir.path()).expect("temp file");
        let path = pending.temp.path().to_owned();
        assert!(path.exists());
        drop(clean_up());
        assert!(!path.exists(), "{} left behind", path.display());
        // Dropping it afterwards is harmless, and the slot is empty again.
        drop(pending);
        assert!(lock(&PENDING).is_none());
    }
}
