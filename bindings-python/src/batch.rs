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
use sobriete::api::ScoreSummary;

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

/// The columns of [`crate::PyReferential::score_table`], built one result
/// at a time as Python objects (so that building them overlaps scoring).
pub(crate) struct Columns<'py> {
    py: Python<'py>,
    fixed: Vec<(&'static str, Vec<Bound<'py, PyAny>>)>,
    themes: Vec<(String, Vec<Bound<'py, PyAny>>)>,
    error: Vec<Bound<'py, PyAny>>,
    line: Option<Vec<Bound<'py, PyAny>>>,
    /// Repeated short strings (kinds, grades) made once.
    interned: Vec<(String, Bound<'py, PyString>)>,
    none: Bound<'py, PyAny>,
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
            fixed: sobriete::api::TABLE_COLUMNS
                .iter()
                .map(|&name| (name, Vec::with_capacity(capacity)))
                .collect(),
            themes: r
                .themes
                .iter()
                .map(|t| (format!("theme:{}", t.id), Vec::with_capacity(capacity)))
                .collect(),
            error: Vec::with_capacity(capacity),
            line: lines.then(|| Vec::with_capacity(capacity)),
            interned: Vec::new(),
            none: py.None().into_bound(py),
        }
    }

    fn short(&mut self, s: &str) -> Bound<'py, PyAny> {
        if let Some((_, v)) = self.interned.iter().find(|(k, _)| k == s) {
            return v.clone().into_any();
        }
        let v = PyString::new(self.py, s);
        if self.interned.len() < 64 {
            self.interned.push((s.to_owned(), v.clone()));
        }
        v.into_any()
    }

    fn opt<T: IntoPyObject<'py>>(&self, v: Option<T>) -> PyResult<Bound<'py, PyAny>> {
        match v {
            None => Ok(self.none.clone()),
            Some(v) => Ok(v.into_bound_py_any(self.py)?),
        }
    }

    /// Appends one row: the summary's figures, or the error's message.
    pub(crate) fn push(&mut self, line: Option<usize>, result: Res<ScoreSummary>) -> PyResult<()> {
        let py = self.py;
        if let (Some(column), Some(l)) = (self.line.as_mut(), line) {
            column.push(l.into_bound_py_any(py)?);
        }
        match result {
            Ok(s) => {
                let kind = self.short(s.profile.kind.as_str());
                let grade = match &s.grade {
                    Some(g) => self.short(g),
                    None => self.none.clone(),
                };
                let row = [
                    s.profile.name.into_bound_py_any(py)?,
                    kind,
                    s.profile.population.into_bound_py_any(py)?,
                    self.opt(s.profile.insee)?,
                    s.date.into_bound_py_any(py)?,
                    s.level.into_bound_py_any(py)?,
                    self.opt(s.index)?,
                    grade,
                    s.complete.into_bound_py_any(py)?,
                    s.completeness.into_bound_py_any(py)?,
                    s.dont_know_share.into_bound_py_any(py)?,
                    self.opt(s.eco_clic)?,
                    self.opt(s.conformity)?,
                ];
                for ((_, column), v) in self.fixed.iter_mut().zip(row) {
                    column.push(v);
                }
                self.error.push(self.none.clone());
                // Summaries list the themes in referential order.
                let mut scores = s.themes.into_iter();
                for (_, column) in &mut self.themes {
                    let score = scores.next().and_then(|t| t.score);
                    column.push(match score {
                        Some(v) => v.into_bound_py_any(py)?,
                        None => self.none.clone(),
                    });
                }
            }
            Err(f) => {
                for (_, column) in &mut self.fixed {
                    column.push(self.none.clone());
                }
                for (_, column) in &mut self.themes {
                    column.push(self.none.clone());
                }
                let message = match f {
                    Fail::Core(e) => e.to_string(),
                    Fail::Panic(m) => m,
                    Fail::Py(e) => e.to_string(),
                };
                self.error.push(message.into_bound_py_any(py)?);
            }
        }
        Ok(())
    }

    /// The columns as a dict of lists, in the documented order.
    pub(crate) fn into_dict(self) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(self.py);
        if let Some(line) = self.line {
            d.set_item("line", PyList::new(self.py, line)?)?;
        }
        for (name, column) in self.fixed {
            d.set_item(name, PyList::new(self.py, column)?)?;
        }
        for (name, column) in self.themes {
            d.set_item(name, PyList::new(self.py, column)?)?;
        }
        d.set_item("error", PyList::new(self.py, self.error)?)?;
        Ok(d)
    }
}
