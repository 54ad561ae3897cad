//! Work on many files in parallel, written in order as it is done.
//!
//! Workers take items in order, but never more than a window ahead of the
//! writer, so memory stays flat however many items there are. The writer
//! flushes whenever it would wait, so output appears as it is ready and a
//! closed pipe is seen at once. When writing fails, the workers stop: they
//! take no new item (one being checked is finished and dropped).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// The largest `--threads`: four per core, and never more than 256.
pub fn max_threads() -> usize {
    (cores() * 4).clamp(4, 256)
}

/// The cores this process may use.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The number of workers for `--threads` (0 or none: one per core); a number
/// above [`max_threads`] is capped with a message.
pub fn threads(asked: Option<usize>) -> usize {
    match asked {
        None | Some(0) => cores(),
        Some(n) if n > max_threads() => {
            crate::output::warn(&format!(
                "--threads {n} is more than this machine can use; using {} (4 per core, at most 256)",
                max_threads()
            ));
            max_threads()
        }
        Some(n) => n,
    }
}

/// What to do when writing fails.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Stop the workers, wait for the files they are checking, return the error.
    Return,
    /// End the process at once (a closed pipe quietly, status 141; any other
    /// error with a message, status 2), without waiting for a file being checked.
    Exit,
}

/// Runs `work(i)` for every `i < n` on `threads` workers and hands the results
/// to `write` in order of `i`. Stops at the first error of `write` or of a
/// flush of `out`, and returns it (or ends the process, see [`OnError`]).
pub fn run<T, W>(
    n: usize,
    threads: usize,
    out: &mut W,
    on_error: OnError,
    work: impl Fn(usize) -> T + Sync,
    mut write: impl FnMut(&mut W, T) -> std::io::Result<()>,
) -> std::io::Result<()>
where
    T: Send,
    W: Write,
{
    let threads = threads.clamp(1, n.max(1));
    let window = (threads * 4).max(16);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The number of items written so far, which workers wait on.
    let written = Mutex::new(0usize);
    let advanced = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let halt = || {
        stop.store(true, Ordering::SeqCst);
        let _guard = written.lock().unwrap_or_else(PoisonError::into_inner);
        advanced.notify_all();
    };
    std::thread::scope(|s| {
        let mut started = 0usize;
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, written, advanced, work) = (&next, &stop, &written, &advanced, &work);
            // Workers get the stack of a main thread (8 MiB, not the 2 MiB of a
            // spawned one): a margin for deep but bounded input. It is only reserved.
            let spawned = std::thread::Builder::new()
                .name("ogi-worker".to_string())
                .stack_size(8 << 20)
                .spawn_scoped(s, move || loop {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= n {
                        break;
                    }
                    {
                        let mut w = written.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= *w + window && !stop.load(Ordering::SeqCst) {
                            w = advanced.wait(w).unwrap_or_else(PoisonError::into_inner);
                        }
                    }
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if tx.send((i, work(i))).is_err() {
                        break;
                    }
                });
            match spawned {
                Ok(_) => started += 1,
                // Fewer workers than asked still finish the work.
                Err(e) => crate::output::warn(&format!("cannot start a worker thread: {e}")),
            }
        }
        drop(tx);
        if started == 0 {
            // No worker at all: the work is done here, in order.
            drop(rx);
            let result = (0..n).try_for_each(|i| write(out, work(i)));
            return result.and_then(|()| out.flush());
        }
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut done = 0usize;
        let result = (|| {
            while done < n {
                let (i, item) = match rx.try_recv() {
                    Ok(x) => x,
                    Err(_) => {
                        // Nothing ready: show what was written before waiting.
                        out.flush()?;
                        match rx.recv() {
                            Ok(x) => x,
                            Err(_) => break,
                        }
                    }
                };
                pending.insert(i, item);
                while let Some(item) = pending.remove(&done) {
                    write(out, item)?;
                    done += 1;
                    *written.lock().unwrap_or_else(PoisonError::into_inner) = done;
                    advanced.notify_all();
                }
            }
            out.flush()
        })();
        if let Err(e) = &result {
            halt();
            if on_error == OnError::Exit {
                crate::output::exit_after_failed_write(e);
            }
        }
        drop(rx);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn results_come_in_order_whatever_order_they_finish_in() {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        run(
            200,
            4,
            &mut out,
            OnError::Return,
            |i| {
                // Later items finish first now and then.
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                i * 10
            },
            |_, v| {
                seen.push(v);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..200).map(|i| i * 10).collect::<Vec<_>>());
        run(0, 4, &mut out, OnError::Return, |i| i, |_, _| Ok(())).unwrap();
    }

    #[test]
    fn a_failed_write_stops_the_workers() {
        let started = AtomicUsize::new(0);
        let mut out = Vec::new();
        let mut written = 0;
        let r = run(
            10_000,
            2,
            &mut out,
            OnError::Return,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_, _| {
                written += 1;
                if written == 3 {
                    Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r.unwrap_err().kind(), std::io::ErrorKind::BrokenPipe);
        // Never more than the window ahead of what was written.
        assert!(started.load(Ordering::SeqCst) <= 3 + 16 + 2, "{started:?}");
    }

    #[test]
    fn threads_are_capped() {
        assert_eq!(threads(Some(3)), 3);
        assert_eq!(threads(Some(0)), cores());
        assert_eq!(threads(Some(1_000_000)), max_threads());
        assert!(max_threads() <= 256);
    }
}
