//! Reading a well-formed assessment dict straight into the core's type.
//!
//! Only the plain, well-formed shape is read here — the fields the format
//! allows, with their exact Python types (`str`, `int` but not `bool`,
//! finite `float`, `list` of `str`, `None` where optional). Anything else,
//! however small, returns `None`: the item then takes the JSON way, where
//! the core reports every problem. So this path never accepts what the
//! core would refuse, and builds exactly what the core would read.

use indexmap::IndexMap;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use sobriete::{Answer, Assessment, Profile, ReferentialRef};

/// The fields each part of an assessment may have.
const ANSWER: &[&str] = &[
    "kind",
    "options",
    "value",
    "comment",
    "evidence",
    "justification",
];
const PROFILE: &[&str] = &[
    "name",
    "kind",
    "population",
    "siren",
    "establishment",
    "insee",
    "departement",
    "region",
];
const ASSESSMENT: &[&str] = &[
    "referential",
    "profile",
    "date",
    "level",
    "answers",
    "from_plan",
];

fn string(v: &Bound<'_, PyAny>) -> Option<String> {
    v.cast::<PyString>()
        .ok()?
        .to_cow()
        .ok()
        .map(|c| c.into_owned())
}

fn opt_string(v: Option<Bound<'_, PyAny>>) -> Option<Option<String>> {
    match v {
        None => Some(None),
        Some(v) if v.is_none() => Some(None),
        Some(v) => string(&v).map(Some),
    }
}

fn strings(v: &Bound<'_, PyAny>) -> Option<Vec<String>> {
    let list = v.cast::<PyList>().ok()?;
    list.iter().map(|x| string(&x)).collect()
}

fn int(v: &Bound<'_, PyAny>) -> Option<i64> {
    if v.cast::<PyBool>().is_ok() {
        return None;
    }
    v.cast::<PyInt>().ok()?.extract::<i64>().ok()
}

fn number(v: &Bound<'_, PyAny>) -> Option<f64> {
    if let Some(i) = int(v) {
        // Beyond 2^53 an integer is not read as JSON reads it.
        return (i.unsigned_abs() <= 1 << 53).then_some(i as f64);
    }
    let f = v.cast::<PyFloat>().ok()?.value();
    f.is_finite().then_some(f)
}

/// The dict's entries, if every key is a `str` among `allowed` (each
/// key given as its `allowed` entry: read in place, never copied).
fn fields<'py>(
    d: &Bound<'py, PyDict>,
    allowed: &[&'static str],
) -> Option<Vec<(&'static str, Bound<'py, PyAny>)>> {
    let mut out = Vec::with_capacity(d.len());
    for (k, v) in d.iter() {
        let k = k.cast::<PyString>().ok()?.to_str().ok()?;
        out.push((*allowed.iter().find(|&&a| a == k)?, v));
    }
    Some(out)
}

fn get<'py>(f: &[(&str, Bound<'py, PyAny>)], key: &str) -> Option<Bound<'py, PyAny>> {
    f.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())
}

fn answer(v: &Bound<'_, PyAny>) -> Option<Answer> {
    let d = v.cast::<PyDict>().ok()?;
    let f = fields(d, ANSWER)?;
    let kind = get(&f, "kind")?;
    let kind = kind.cast::<PyString>().ok()?.to_str().ok()?;
    let comment = opt_string(get(&f, "comment"))?;
    let evidence = match get(&f, "evidence") {
        None => Vec::new(),
        Some(e) => strings(&e)?,
    };
    let only = |allowed: &[&str]| f.iter().all(|(k, _)| allowed.contains(k));
    const PLAIN: &[&str] = &["kind", "comment", "evidence"];
    Some(match kind {
        "yes" if only(PLAIN) => Answer::Yes { comment, evidence },
        "no" if only(PLAIN) => Answer::No { comment, evidence },
        "dont_know" if only(PLAIN) => Answer::DontKnow { comment, evidence },
        "unanswered" if only(PLAIN) => Answer::Unanswered { comment, evidence },
        "choice" if only(&["kind", "comment", "evidence", "options"]) => Answer::Choice {
            options: strings(&get(&f, "options")?)?,
            comment,
            evidence,
        },
        "number" if only(&["kind", "comment", "evidence", "value"]) => Answer::Number {
            value: number(&get(&f, "value")?)?,
            comment,
            evidence,
        },
        "not_applicable" if only(&["kind", "comment", "evidence", "justification"]) => {
            Answer::NotApplicable {
                justification: opt_string(get(&f, "justification"))?,
                comment,
                evidence,
            }
        }
        _ => return None,
    })
}

fn profile(v: &Bound<'_, PyAny>) -> Option<Profile> {
    let d = v.cast::<PyDict>().ok()?;
    let f = fields(d, PROFILE)?;
    let kind =
        serde_json::from_value(serde_json::Value::String(string(&get(&f, "kind")?)?)).ok()?;
    Some(Profile {
        name: string(&get(&f, "name")?)?,
        kind,
        population: u32::try_from(int(&get(&f, "population")?)?).ok()?,
        siren: opt_string(get(&f, "siren"))?,
        establishment: opt_string(get(&f, "establishment"))?,
        insee: opt_string(get(&f, "insee"))?,
        departement: opt_string(get(&f, "departement"))?,
        region: opt_string(get(&f, "region"))?,
    })
}

/// The assessment, when the dict is exactly a well-formed one.
pub(crate) fn assessment(d: &Bound<'_, PyDict>) -> Option<Assessment> {
    let f = fields(d, ASSESSMENT)?;
    let reference = get(&f, "referential")?;
    let rf = fields(reference.cast::<PyDict>().ok()?, &["id", "version"])?;
    let referential = ReferentialRef {
        id: string(&get(&rf, "id")?)?,
        version: string(&get(&rf, "version")?)?,
    };
    let mut answers = IndexMap::new();
    if let Some(list) = get(&f, "answers") {
        for (k, v) in list.cast::<PyDict>().ok()?.iter() {
            answers.insert(string(&k)?, answer(&v)?);
        }
    }
    let mut from_plan = IndexMap::new();
    if let Some(marks) = get(&f, "from_plan") {
        for (k, v) in marks.cast::<PyDict>().ok()?.iter() {
            from_plan.insert(string(&k)?, string(&v)?);
        }
    }
    Some(Assessment {
        referential,
        profile: profile(&get(&f, "profile")?)?,
        date: string(&get(&f, "date")?)?,
        level: u8::try_from(int(&get(&f, "level")?)?).ok()?,
        answers,
        from_plan,
        migrations: Vec::new(),
    })
}
