//! What an interrupted run leaves behind: nothing.
//!
//! While chain writes a file it writes a temporary file beside it first
//! ([`crate::atomic`]), and while it renders an image Graphviz runs beside
//! it. If SIGINT (Ctrl-C) or SIGTERM (a CI job cancelled, `timeout`) ends
//! chain then, a small signal handler removes the temporary file and ends
//! Graphviz, then lets the signal end chain as it would have. The handler
//! only calls `unlink` and `kill`, which are safe in a signal handler, on
//! a path and a process id stored beforehand. It is installed with `libc`,
//! already a dependency, rather than a crate such as `signal-hook` or
//! `ctrlc`: this is all chain needs of signals, and those run handlers on
//! a thread of their own, too late for a process that must end at once.
//!
//! On Linux, Graphviz is also asked to be killed when chain's thread that
//! started it ends (`PR_SET_PDEATHSIG`), which covers SIGKILL too. Other
//! systems get the handler only; Windows neither.

/// Removes `path` if a signal ends chain while the returned guard lives.
pub fn remove_on_signal(path: &std::path::Path) -> Guard {
    imp::remove_on_signal(path)
}

/// Kills the process `pid` if a signal ends chain while the returned
/// guard lives.
pub fn kill_on_signal(pid: u32) -> Guard {
    imp::kill_on_signal(pid)
}

/// Undoes a registration when dropped (unless another has replaced it).
#[derive(Debug)]
#[must_use = "the registration ends when the guard is dropped"]
pub struct Guard {
    what: What,
}

/// What a guard registered: the address of a path, or a process id.
#[derive(Debug)]
enum What {
    Path(usize),
    Child(i32),
}

impl Drop for Guard {
    fn drop(&mut self) {
        imp::forget(&self.what);
    }
}

#[cfg(unix)]
mod imp {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    use std::sync::Once;
    use std::sync::atomic::{AtomicI32, AtomicPtr, Ordering};

    use super::{Guard, What};

    /// The temporary file to remove, as a C string (null: none). Strings
    /// stored here are never freed, so the handler can never read one that
    /// is gone: one small string per file written.
    static TEMP: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());
    /// The process to kill (0: none).
    static CHILD: AtomicI32 = AtomicI32::new(0);
    static INSTALL: Once = Once::new();

    pub(super) fn remove_on_signal(path: &std::path::Path) -> Guard {
        install();
        let c = CString::new(path.as_os_str().as_bytes())
            .map_or(std::ptr::null_mut(), CString::into_raw);
        TEMP.store(c, Ordering::SeqCst);
        Guard {
            what: What::Path(c as usize),
        }
    }

    pub(super) fn kill_on_signal(pid: u32) -> Guard {
        install();
        let pid = i32::try_from(pid).unwrap_or(0);
        CHILD.store(pid, Ordering::SeqCst);
        Guard {
            what: What::Child(pid),
        }
    }

    pub(super) fn forget(what: &What) {
        // Only the guard's own registration is undone; a newer one stays.
        match *what {
            What::Path(c) => {
                let own = c as *mut libc::c_char;
                let none = std::ptr::null_mut();
                let _ = TEMP.compare_exchange(own, none, Ordering::SeqCst, Ordering::SeqCst);
            }
            What::Child(pid) => {
                let _ = CHILD.compare_exchange(pid, 0, Ordering::SeqCst, Ordering::SeqCst);
            }
        }
    }

    /// Installs the handler for SIGINT and SIGTERM, once, unless the
    /// signal is ignored (a job started with `nohup` or in the background
    /// keeps ignoring it).
    fn install() {
        INSTALL.call_once(|| {
            for signal in [libc::SIGINT, libc::SIGTERM] {
                // SAFETY: sigaction with a zeroed struct and a handler that
                // only calls async-signal-safe functions; the previous
                // action is put back if it was to ignore the signal.
                unsafe {
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
                    libc::sigemptyset(&mut action.sa_mask);
                    let mut old: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(signal, &action, &mut old) == 0
                        && old.sa_sigaction == libc::SIG_IGN
                    {
                        libc::sigaction(signal, &old, std::ptr::null_mut());
                    }
                }
            }
        });
    }

    extern "C" fn on_signal(signal: libc::c_int) {
        let temp = TEMP.load(Ordering::SeqCst);
        let child = CHILD.load(Ordering::SeqCst);
        // SAFETY: unlink, kill, signal and raise are async-signal-safe;
        // `temp` is null or a string that is never freed.
        unsafe {
            if !temp.is_null() {
                libc::unlink(temp);
            }
            if child > 0 {
                libc::kill(child, libc::SIGKILL);
            }
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::{Guard, What};

    pub(super) fn remove_on_signal(_: &std::path::Path) -> Guard {
        Guard {
            what: What::Path(0),
        }
    }

    pub(super) fn kill_on_signal(_: u32) -> Guard {
        Guard {
            what: What::Child(0),
        }
    }

    pub(super) fn forget(_: &What) {}
}
