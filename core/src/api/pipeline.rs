//! Batch scoring with the conversion of the items overlapped with the
//! scoring, for a binding whose conversions need a lock.
//!
//! Converting a binding's objects (a Python `str` to UTF-8, a dict to an
//! assessment) and building its results need that language's lock (the
//! GIL), so they run on the calling thread only; scoring does not. Done one
//! after the other, the locked part left the other cores idle for a third
//! of a batch. Here the calling thread converts the items chunk by chunk
//! while worker threads score the chunks already converted; then it hands
//! on the results of the chunks done, in order, and scores with the lock
//! released when nothing else is left to do.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Items per chunk: large enough that locking is rare, small enough that
/// the workers start early and the last chunk is short.
const CHUNK: usize = 256;

/// What the threads share: the chunks to score and the chunks scored.
struct Shared<I, R> {
    todo: VecDeque<(usize, Vec<I>)>,
    done: BTreeMap<usize, Vec<R>>,
    /// No more chunks will be added (all converted, or the call failed).
    closed: bool,
}

type State<I, R> = Mutex<Shared<I, R>>;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing panics while holding the lock, but a poisoned lock would
    // still hold consistent data.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Scores the next chunk waiting, if any; true when there was one.
fn score_one<I, R>(state: &State<I, R>, score: &(impl Fn(I) -> R + Sync)) -> bool {
    let job = lock(state).todo.pop_front();
    let Some((c, items)) = job else { return false };
    let results: Vec<R> = items.into_iter().map(score).collect();
    lock(state).done.insert(c, results);
    true
}

/// Converts `items` on the calling thread (at most `n` of them: small
/// batches are not worth the threads), scores them with `score` on
/// `threads` threads including this one, and hands each result to `emit`
/// on the calling thread, in input order. `unlocked` runs the work this
/// thread does meanwhile (scoring, waiting) with the binding's lock
/// released (`|work| work()` when there is none). The first error of
/// `items` or `emit` stops the batch and is returned.
pub fn pipelined<I: Send, R: Send, E>(
    n: usize,
    threads: usize,
    mut items: impl Iterator<Item = Result<I, E>>,
    score: impl Fn(I) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<(), E>,
    unlocked: impl Fn(&mut (dyn FnMut() + Send)),
) -> Result<(), E> {
    if threads < 2 || n < 2 * CHUNK {
        let mut todo = Some(items.collect::<Result<Vec<I>, E>>()?);
        let mut results = Vec::new();
        unlocked(&mut || {
            results = todo
                .take()
                .unwrap_or_default()
                .into_iter()
                .map(&score)
                .collect()
        });
        return results.into_iter().try_for_each(emit);
    }
    let state = Mutex::new(Shared {
        todo: VecDeque::new(),
        done: BTreeMap::new(),
        closed: false,
    });
    let ready = Condvar::new();
    let (state, ready, score) = (&state, &ready, &score);
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(move || work(state, ready, score));
        }
        let outcome = (|| {
            let mut emit_ready = |next: &mut usize| -> Result<(), E> {
                while let Some(results) = lock(state).done.remove(next) {
                    results.into_iter().try_for_each(&mut emit)?;
                    *next += 1;
                }
                Ok(())
            };
            let (mut next, mut chunks) = (0, 0);
            loop {
                let chunk = items.by_ref().take(CHUNK).collect::<Result<Vec<I>, E>>()?;
                if chunk.is_empty() {
                    break;
                }
                lock(state).todo.push_back((chunks, chunk));
                chunks += 1;
                ready.notify_all();
                emit_ready(&mut next)?;
                // Converting runs ahead of scoring: past a few chunks
                // waiting, this thread scores one (unlocked) rather than
                // convert further, so memory stays bounded (a JSON Lines
                // file is not all read at once) and data stays warm.
                while lock(state).todo.len() > threads {
                    unlocked(&mut || {
                        score_one(state, score);
                    });
                    emit_ready(&mut next)?;
                }
            }
            lock(state).closed = true;
            ready.notify_all();
            while next < chunks {
                emit_ready(&mut next)?;
                if next >= chunks {
                    break;
                }
                // Score a chunk here if one is waiting, else wait for the
                // next chunk in order, unlocked either way.
                let waiting_for = next;
                unlocked(&mut || {
                    if !score_one(state, score) {
                        let mut s = lock(state);
                        while !s.done.contains_key(&waiting_for) && s.todo.is_empty() {
                            s = ready.wait(s).unwrap_or_else(PoisonError::into_inner);
                        }
                    }
                });
            }
            Ok(())
        })();
        // On failure the workers still finish the chunks queued, then stop.
        lock(state).closed = true;
        ready.notify_all();
        outcome
    })
}

/// A worker thread: scores chunks until no more will come.
fn work<I, R>(state: &State<I, R>, ready: &Condvar, score: &(impl Fn(I) -> R + Sync)) {
    loop {
        let job = {
            let mut s = lock(state);
            loop {
                if let Some(job) = s.todo.pop_front() {
                    break Some(job);
                }
                if s.closed {
                    break None;
                }
                s = ready.wait(s).unwrap_or_else(PoisonError::into_inner);
            }
        };
        let Some((c, items)) = job else { return };
        let results: Vec<R> = items.into_iter().map(score).collect();
        lock(state).done.insert(c, results);
        ready.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Runs a batch of `n` numbers, squared, on `threads` threads; the
    /// item `fail_at` (if any) fails to convert.
    fn run(
        n: usize,
        threads: usize,
        fail_at: Option<usize>,
    ) -> (Result<(), String>, Vec<u64>, usize) {
        let unlocked_calls = Cell::new(0);
        let mut out = Vec::new();
        let items = (0..n).map(|i| match fail_at {
            Some(f) if f == i => Err(format!("item {i}")),
            _ => Ok(i as u64),
        });
        let outcome = pipelined(
            n,
            threads,
            items,
            |x| x * x,
            |r| {
                out.push(r);
                Ok(())
            },
            |work| {
                unlocked_calls.set(unlocked_calls.get() + 1);
                work()
            },
        );
        (outcome, out, unlocked_calls.get())
    }

    #[test]
    fn every_result_comes_back_in_input_order_whatever_the_threads() {
        for (n, threads) in [(0, 1), (10, 1), (10, 4), (5_000, 1), (5_000, 2), (5_000, 4)] {
            let (outcome, out, unlocked_calls) = run(n, threads, None);
            assert_eq!(outcome, Ok(()));
            let want: Vec<u64> = (0..n as u64).map(|x| x * x).collect();
            assert_eq!(out, want, "{n} items on {threads} threads");
            assert!(
                unlocked_calls >= 1,
                "the scoring ran with the lock released"
            );
        }
    }

    #[test]
    fn a_conversion_error_stops_the_batch_and_is_returned() {
        for threads in [1, 4] {
            let (outcome, out, _) = run(5_000, threads, Some(3_000));
            assert_eq!(outcome, Err("item 3000".to_owned()), "{threads} threads");
            // Only whole chunks before the failing one may have been handed on.
            assert!(out.len() <= 3_000);
            assert!(out.iter().enumerate().all(|(i, &r)| r == (i * i) as u64));
        }
    }

    #[test]
    fn an_emit_error_stops_the_batch_and_is_returned() {
        let mut seen = 0;
        let outcome = pipelined(
            5_000,
            3,
            (0..5_000u64).map(Ok::<u64, String>),
            |x| x + 1,
            |r| {
                seen += 1;
                if r == 1_000 {
                    Err("full".to_owned())
                } else {
                    Ok(())
                }
            },
            |work| work(),
        );
        assert_eq!(outcome, Err("full".to_owned()));
        assert_eq!(seen, 1_000);
    }
}
