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

/// Runs `work(i)` for every `i < n` on `threads` workers and hands the results
/// to `write` in order of `i`. Stops at the first error of `write` or of a
/// flush of `out`, and returns it.
pub fn run<T, W>(
    n: usize,
    threads: usize,
    out: &mut W,
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
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, written, advanced, work) = (&next, &stop, &written, &advanced, &work);
            s.spawn(move || loop {
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
        }
        drop(tx);
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
        if result.is_err() {
            halt();
        }
        drop(rx);
        result
    })
}
