//! JSON parsing that reports structural problems with JSON-pointer paths.
//!
//! serde stops at the first error. To list as many problems as possible at
//! once, a failed document is swept: every element of its main arrays (and
//! every value of its main maps) is deserialized on its own, so each broken
//! element gets its own issue.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Issue, IssueCode};

/// Escapes one JSON-pointer token (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends a token to a JSON pointer.
pub fn join(base: &str, token: &str) -> String {
    format!("{base}/{}", escape_token(token))
}

/// Parses JSON text into a value, or one `invalid_json` issue.
pub fn parse_value(json: &str) -> Result<Value, Issue> {
    serde_json::from_str::<Value>(json)
        .map_err(|e| Issue::error(IssueCode::InvalidJson, "", format!("not valid JSON: {e}")))
}

/// Deserializes `value` as `T`; on failure, one issue located under `base`.
pub fn from_value<T: DeserializeOwned>(value: &Value, base: &str) -> Result<T, Issue> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let mut path = base.to_owned();
        for segment in e.path().iter() {
            use serde_path_to_error::Segment;
            match segment {
                Segment::Seq { index } => path = join(&path, &index.to_string()),
                Segment::Map { key } => path = join(&path, key),
                Segment::Enum { .. } | Segment::Unknown => {}
            }
        }
        let message = e.inner().to_string();
        Issue::error(classify(&message), path, message)
    })
}

/// Maps serde's message to a stable code (serde exposes no error kinds).
fn classify(message: &str) -> IssueCode {
    if message.starts_with("missing field") {
        IssueCode::MissingField
    } else if message.starts_with("unknown field") {
        IssueCode::UnknownField
    } else if message.starts_with("unknown variant") {
        IssueCode::UnknownVariant
    } else if message.starts_with("invalid type") {
        IssueCode::InvalidType
    } else {
        IssueCode::InvalidValue
    }
}

/// The top-level key of a JSON pointer (`/level/0` → `level`), unescaped.
fn top_level_field(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let first = rest.split('/').next()?;
    Some(first.replace("~1", "/").replace("~0", "~"))
}

/// How to sweep one field of a failed document.
pub enum Sweep {
    /// An array whose elements deserialize as the given function says.
    Array(&'static str, fn(&Value, &str) -> Option<Issue>),
    /// An object whose values deserialize as the given function says.
    Map(&'static str, fn(&Value, &str) -> Option<Issue>),
    /// A nested object checked on its own.
    Object(&'static str, fn(&Value, &str) -> Option<Issue>),
}

/// Checks one element: `Some(issue)` when it does not deserialize as `T`.
pub fn check<T: DeserializeOwned>(value: &Value, path: &str) -> Option<Issue> {
    from_value::<T>(value, path).err()
}

/// Deserializes a whole document from JSON text: straight into `T` when it
/// is valid (the fast path), else through [`document`] to collect every
/// problem.
pub fn document_str<T: DeserializeOwned>(json: &str, sweeps: &[Sweep]) -> Result<T, Vec<Issue>> {
    if let Ok(doc) = serde_json::from_str::<T>(json) {
        return Ok(doc);
    }
    let value = parse_value(json).map_err(|i| vec![i])?;
    document(&value, sweeps)
}

/// Deserializes a whole document; on failure sweeps it to collect every
/// structural problem of its elements.
pub fn document<T: DeserializeOwned>(value: &Value, sweeps: &[Sweep]) -> Result<T, Vec<Issue>> {
    let first = match from_value::<T>(value, "") {
        Ok(doc) => return Ok(doc),
        Err(issue) => issue,
    };
    let Value::Object(map) = value else {
        return Err(vec![first]);
    };
    let mut issues = Vec::new();
    let mut shell = map.clone();
    let mut removed: Vec<&str> = Vec::new();
    for sweep in sweeps {
        match sweep {
            Sweep::Array(field, f) => {
                if let Some(Value::Array(items)) = map.get(*field) {
                    for (i, item) in items.iter().enumerate() {
                        issues.extend(f(item, &format!("/{field}/{i}")));
                    }
                    shell.insert((*field).to_owned(), Value::Array(Vec::new()));
                }
            }
            Sweep::Map(field, f) => {
                if let Some(Value::Object(items)) = map.get(*field) {
                    for (key, item) in items {
                        issues.extend(f(item, &join(&format!("/{field}"), key)));
                    }
                    shell.insert((*field).to_owned(), Value::Object(Default::default()));
                }
            }
            Sweep::Object(field, f) => {
                if let Some(item @ Value::Object(_)) = map.get(*field) {
                    if let Some(issue) = f(item, &format!("/{field}")) {
                        issues.push(issue);
                        shell.remove(*field);
                        removed.push(*field);
                    }
                }
            }
        }
    }
    // The shell (main collections emptied, broken objects removed) reveals
    // problems at the top level, e.g. a missing id. A field removed above
    // shows up as "missing": it is already reported.
    // Each problem found in a top-level field removes that field, so that
    // the next attempt reveals the following one (bounded by the fields).
    let mut dropped: Vec<String> = Vec::new();
    for _ in 0..=map.len() {
        let Err(issue) = from_value::<T>(&Value::Object(shell.clone()), "") else {
            break;
        };
        let missing_removed = issue.code == IssueCode::MissingField
            && removed
                .iter()
                .map(|f| (*f).to_owned())
                .chain(dropped.iter().cloned())
                .any(|f| issue.message.contains(&format!("`{f}`")));
        if missing_removed {
            break;
        }
        let field = top_level_field(&issue.path);
        issues.push(issue);
        match field {
            Some(f) if shell.remove(&f).is_some() => dropped.push(f),
            _ => break,
        }
    }
    if issues.is_empty() {
        issues.push(first);
    }
    Err(issues)
}
