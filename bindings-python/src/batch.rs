//! Batch scoring into columns, with the Python work overlapped with the
//! scoring.
//!
//! Converting Python objects (a `str` to UTF-8, a dict to an assessment)
//! and building the result columns need the GIL, so they run on the
//! calling thread only; scoring does not. Done one after the other, the
//! GIL-bound part left the other cores idle for a third of a batch. Here
//! the calling thread converts the items chunk by chunk while worker
//! threads score the chunks already converted; then it builds the columns
//! of the chunks done, in order, and scores with the GIL released when
//! nothing else is left to do.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use sobriete::api::{Cell, ScoreSummary, SummaryTable};

use crate::{Fail, Res};

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

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing panics while holding the lock (scoring is guarded per item),
    // but a poisoned lock still holds consistent data.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Converts the items of `items` (at most `n`: small batches are not
/// worth the threads) (GIL held), scores them with `score`
/// (GIL released, on `threads` threads including this one) and hands each
/// result to `emit` in input order (GIL held).
pub(crate) fn pipelined<I: Send, R: Send>(
    py: Python<'_>,
    n: usize,
    threads: usize,
    mut items: impl Iterator<Item = PyResult<I>>,
    score: impl Fn(I) -> R + Sync,
    mut emit: impl FnMut(R) -> PyResult<()>,
) -> PyResult<()> {
    if threads < 2 || n < 2 * CHUNK {
        let items = items.collect::<PyResult<Vec<I>>>()?;
        let results: Vec<R> = py.detach(|| items.into_iter().map(&score).collect());
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
            scope.spawn(move || loop {
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
            });
        }
        let outcome = (|| -> PyResult<()> {
            let (mut next, mut chunks) = (0, 0);
            let mut emit_ready = |next: &mut usize| -> PyResult<()> {
                loop {
                    let Some(results) = lock(state).done.remove(next) else {
                        return Ok(());
                    };
                    results.into_iter().try_for_each(&mut emit)?;
                    *next += 1;
                }
            };
            loop {
                let chunk = items.by_ref().take(CHUNK).collect::<PyResult<Vec<I>>>()?;
                if chunk.is_empty() {
                    break;
                }
                lock(state).todo.push_back((chunks, chunk));
                chunks += 1;
                ready.notify_all();
                emit_ready(&mut next)?;
                // Converting runs ahead of scoring: past a few chunks
                // waiting, this thread scores one (without the GIL) rather
                // than convert further, so memory stays bounded (a JSON
                // Lines file is not all read at once) and data stays warm.
                while lock(state).todo.len() > threads {
                    py.detach(|| {
                        let job = lock(state).todo.pop_front();
                        if let Some((c, items)) = job {
                            let results: Vec<R> = items.into_iter().map(score).collect();
                            lock(state).done.insert(c, results);
                        }
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
                // next chunk in order, without the GIL either way.
                py.detach(|| {
                    let job = lock(state).todo.pop_front();
                    match job {
                        Some((c, items)) => {
                            let results: Vec<R> = items.into_iter().map(score).collect();
                            lock(state).done.insert(c, results);
                        }
                        None => {
                            let mut s = lock(state);
                            while !s.done.contains_key(&next) && s.todo.is_empty() {
                                s = ready.wait(s).unwrap_or_else(PoisonError::into_inner);
                            }
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

/// The columns of [`crate::PyReferential::score_table`] (the core's
/// summaries table), built one result at a time as Python objects (so that
/// building them overlaps scoring).
pub(crate) struct Columns<'py> {
    py: Python<'py>,
    table: SummaryTable<Vec<Bound<'py, PyAny>>>,
    /// Repeated short strings (kinds, grades) made once.
    interned: Vec<(String, Bound<'py, PyString>)>,
}

impl<'py> Columns<'py> {
    /// Empty columns for a referential's themes; `lines` adds a `line`
    /// column (the line number of each item in its JSON Lines file).
    pub(crate) fn new(
        py: Python<'py>,
        r: &sobriete::Referential,
        capacity: usize,
        lines: bool,
    ) -> Self {
        Columns {
            py,
            table: SummaryTable::new(r, lines, || Vec::with_capacity(capacity)),
            interned: Vec::new(),
        }
    }

    /// Appends one row: the summary's figures, or the error's message.
    pub(crate) fn push(&mut self, line: Option<usize>, result: Res<ScoreSummary>) -> PyResult<()> {
        let message = match &result {
            Ok(_) => String::new(),
            Err(Fail::Core(e)) => e.to_string(),
            Err(Fail::Panic(m)) => m.clone(),
            Err(Fail::Py(e)) => e.to_string(),
        };
        let row = result.as_ref().map_err(|_| message.as_str());
        let (py, interned) = (self.py, &mut self.interned);
        self.table.push(line, row, |column, cell| {
            column.push(match cell {
                Cell::Null => py.None().into_bound(py),
                Cell::Text(s) => PyString::new(py, s).into_any(),
                Cell::Short(s) => match interned.iter().find(|(k, _)| k == s) {
                    Some((_, v)) => v.clone().into_any(),
                    None => {
                        let v = PyString::new(py, s);
                        if interned.len() < 64 {
                            interned.push((s.to_owned(), v.clone()));
                        }
                        v.into_any()
                    }
                },
                Cell::Int(n) => n.into_bound_py_any(py)?,
                Cell::Number(x) => x.into_bound_py_any(py)?,
                Cell::Bool(b) => b.into_bound_py_any(py)?,
            });
            Ok(())
        })
    }

    /// The columns as a dict of lists, in the documented order.
    pub(crate) fn into_dict(self) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(self.py);
        for (name, column) in self.table.into_columns() {
            d.set_item(name, PyList::new(self.py, column)?)?;
        }
        Ok(d)
    }
}
