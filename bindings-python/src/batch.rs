//! The columns of a batch scored into a table, built as Python objects
//! one result at a time (so that building them overlaps the scoring: see
//! `sobriete::api::pipelined`).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use sobriete::api::{Cell, ScoreSummary, SummaryTable};

use crate::{Fail, Res};

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
