//! The core's results (compact JSON text) as Python objects, in one pass.
//!
//! `json.loads` took longer than the operation itself on a score report
//! (about 200 µs for 45 kB); reading the text here makes the same objects
//! a quarter faster: a string without escapes straight from its slice, each
//! distinct key made once, numbers as Python reads them (`str::parse`
//! rounds a float correctly, as `float()` does), fields in the text's order.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PyString};
use pyo3::IntoPyObjectExt;

/// The Python value of a JSON text.
pub(crate) fn loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let mut reader = Reader {
        py,
        text,
        at: 0,
        keys: HashMap::default(),
    };
    let value = reader.value()?;
    reader.blank();
    match reader.peek() {
        None => Ok(value),
        Some(_) => Err(reader.malformed()),
    }
}

struct Reader<'py, 't> {
    py: Python<'py>,
    text: &'t str,
    at: usize,
    /// The keys made so far (by their quoted text): a report repeats a few
    /// dozen names.
    keys: HashMap<&'t str, Bound<'py, PyString>, BuildHasherDefault<Fnv>>,
}

/// FNV-1a: short keys hash several times faster than with the default.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl<'py, 't> Reader<'py, 't> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn malformed(&self) -> PyErr {
        PyValueError::new_err(format!("malformed JSON result at byte {}", self.at))
    }

    /// Consumes `token` (a literal), after blanks.
    fn expect(&mut self, token: &str) -> PyResult<()> {
        self.blank();
        match self.text.get(self.at..) {
            Some(rest) if rest.starts_with(token) => {
                self.at += token.len();
                Ok(())
            }
            _ => Err(self.malformed()),
        }
    }

    fn value(&mut self) -> PyResult<Bound<'py, PyAny>> {
        self.blank();
        let py = self.py;
        match self.peek() {
            Some(b'{') => {
                let dict = PyDict::new(py);
                self.items(b'}', |r| {
                    let key = r.key()?;
                    r.expect(":")?;
                    dict.set_item(key, r.value()?)
                })?;
                Ok(dict.into_any())
            }
            Some(b'[') => {
                let list = PyList::empty(py);
                self.items(b']', |r| list.append(r.value()?))?;
                Ok(list.into_any())
            }
            Some(b'"') => {
                let (quoted, escaped) = self.quoted()?;
                Ok(self.make(quoted, escaped)?.into_any())
            }
            Some(b't') => self
                .expect("true")
                .and_then(|()| true.into_bound_py_any(py)),
            Some(b'f') => self
                .expect("false")
                .and_then(|()| false.into_bound_py_any(py)),
            Some(b'n') => self.expect("null").map(|()| py.None().into_bound(py)),
            _ => self.number(),
        }
    }

    /// The items of an object or an array (at its opening mark), each read
    /// by `item`, up to `close`.
    fn items(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> PyResult<()>,
    ) -> PyResult<()> {
        self.at += 1;
        self.blank();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.blank();
            item(self)?;
            self.blank();
            let mark = self.peek();
            self.at += 1;
            match mark {
                Some(b',') => {}
                Some(c) if c == close => return Ok(()),
                _ => return Err(self.malformed()),
            }
        }
    }

    /// A key, made once per distinct name.
    fn key(&mut self) -> PyResult<Bound<'py, PyString>> {
        let (quoted, escaped) = self.quoted()?;
        if let Some(key) = self.keys.get(quoted) {
            return Ok(key.clone());
        }
        let key = self.make(quoted, escaped)?;
        self.keys.insert(quoted, key.clone());
        Ok(key)
    }

    /// The next string's text with its quotes, and whether it has escapes.
    fn quoted(&mut self) -> PyResult<(&'t str, bool)> {
        let start = self.at;
        if self.peek() != Some(b'"') {
            return Err(self.malformed());
        }
        let (mut end, mut escaped) = (start + 1, false);
        loop {
            match self.text.as_bytes().get(end) {
                Some(b'"') => break,
                Some(b'\\') => (end, escaped) = (end + 2, true),
                Some(_) => end += 1,
                None => return Err(self.malformed()),
            }
        }
        self.at = end + 1;
        // The quotes are ASCII: the slice falls on character boundaries.
        let quoted = self.text.get(start..=end).ok_or_else(|| self.malformed())?;
        Ok((quoted, escaped))
    }

    fn make(&self, quoted: &str, escaped: bool) -> PyResult<Bound<'py, PyString>> {
        if !escaped {
            let inner = quoted.get(1..quoted.len() - 1).unwrap_or_default();
            return Ok(PyString::new(self.py, inner));
        }
        let s: String = serde_json::from_str(quoted).map_err(|_| self.malformed())?;
        Ok(PyString::new(self.py, &s))
    }

    fn number(&mut self) -> PyResult<Bound<'py, PyAny>> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.at += 1;
        }
        let text = self.text.get(start..self.at).unwrap_or_default();
        let py = self.py;
        if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
            let x: f64 = text.parse().map_err(|_| self.malformed())?;
            return Ok(PyFloat::new(py, x).into_any());
        }
        if let Ok(n) = text.parse::<i64>() {
            return n.into_bound_py_any(py);
        }
        match text.parse::<u64>() {
            Ok(n) => n.into_bound_py_any(py),
            Err(_) if text.is_empty() => Err(self.malformed()),
            // Beyond 64 bits (no result has such numbers): Python's int().
            Err(_) => py.get_type::<PyInt>().call1((text,)),
        }
    }
}
