//! The cross-language table (tests/bindings/operations.json) covers the
//! whole facade: every public function of `core/src/api/` is listed there
//! with the operations that reach it, and those are operations of the
//! table, which each binding's tests check it has (Python, JavaScript,
//! Kotlin). A function added to the facade fails here until it is placed.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use serde_json::Value;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn table() -> Value {
    let text = std::fs::read_to_string(root().join("tests/bindings/operations.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The names of the `pub fn`s at the top level of each file of the facade.
fn facade_functions() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("core/src/api")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        names.extend(
            text.lines()
                .filter_map(|l| l.strip_prefix("pub fn "))
                .map(|l| l.split(['(', '<']).next().unwrap().to_owned()),
        );
    }
    names
}

/// The values of `field` in the items of the table's list `list`.
fn names<'a>(table: &'a Value, list: &str, field: &str) -> BTreeSet<&'a str> {
    table[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[field].as_str().unwrap())
        .collect()
}

#[test]
fn every_facade_function_is_reached_by_operations_of_the_table() {
    let table = table();
    let mut operations = names(&table, "operations", "name");
    operations.extend(["referential", "schemas", "call"]);
    let facade = table["facade"].as_object().unwrap();
    let functions = facade_functions();
    assert!(functions.len() > 80, "{functions:?}");
    for name in &functions {
        let Some(reached) = facade.get(name) else {
            panic!(
                "core/src/api: `{name}` is not in the facade map of tests/bindings/operations.json"
            );
        };
        let reached = reached.as_array().unwrap();
        assert!(!reached.is_empty(), "`{name}` is reached by no operation");
        for op in reached {
            let op = op.as_str().unwrap();
            assert!(
                operations.contains(op),
                "`{name}`: `{op}` is not an operation of the table"
            );
        }
    }
    for name in facade.keys() {
        assert!(
            functions.contains(name),
            "the table maps `{name}`, which the facade no longer has"
        );
    }
}

#[test]
fn every_operation_has_a_case_and_every_case_an_operation() {
    let table = table();
    let operations = names(&table, "operations", "name");
    let cases = names(&table, "cases", "operation");
    assert_eq!(operations, cases);
    for op in table["operations"].as_array().unwrap() {
        let params: BTreeSet<&str> = op["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p[0].as_str().unwrap())
            .collect();
        for language in ["js", "kotlin"] {
            if let Some(order) = op[language].as_array() {
                let order: BTreeSet<&str> = order.iter().map(|p| p.as_str().unwrap()).collect();
                assert_eq!(order, params, "{}: the {language} order", op["name"]);
            }
        }
    }
}

/// A table argument as JSON (documents read from their files).
fn resolve(spec: &Value) -> Value {
    match spec {
        Value::Array(items) => Value::Array(items.iter().map(resolve).collect()),
        Value::Object(o) if o.contains_key("$text") => o["$text"].clone(),
        Value::Object(o) if o.contains_key("$files") => Value::Array(
            o["$files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| read_json(f.as_str().unwrap()))
                .collect(),
        ),
        Value::Object(o) if o.contains_key("$file") => {
            let mut value = read_json(o["$file"].as_str().unwrap());
            if let Some(field) = o.get("$field") {
                value = value[field.as_str().unwrap()].clone();
            }
            if o.get("$baseline") == Some(&Value::Bool(true)) {
                value = value["baseline"].clone();
            }
            value
        }
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), resolve(v))).collect()),
        other => other.clone(),
    }
}

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

fn handle(on: &str, field: &str) -> sobriete::api::CheckedReferential {
    if on == "default" {
        return sobriete::api::default_checked().unwrap().clone();
    }
    let value = read_json(on)[field].clone();
    sobriete::api::CheckedReferential::from_value(&value).unwrap()
}

fn pointer<'v>(value: &'v Value, path: &str) -> &'v Value {
    value
        .pointer(path)
        .unwrap_or_else(|| panic!("no {path} in the result"))
}

/// Every case of the table through `api::call`, the form of the facade the
/// C ABI exposes: the same outcome as in every language.
#[test]
fn every_case_gives_its_outcome_through_call() {
    use sobriete::api::{call, error_value, Arg, Args, Output};
    let table = table();
    for case in table["cases"].as_array().unwrap() {
        let label = format!("{}: {}", case["operation"], case["description"]);
        let on = handle(case["on"].as_str().unwrap_or("default"), "referential");
        let mut handles = Vec::new();
        let mut texts = Vec::new();
        for (name, spec) in case["args"].as_object().unwrap() {
            if let Some(path) = spec.get("$referential") {
                let field = spec
                    .get("$field")
                    .and_then(Value::as_str)
                    .unwrap_or("referential");
                handles.push((name.clone(), handle(path.as_str().unwrap(), field)));
            } else {
                texts.push((name.clone(), resolve(spec)));
            }
        }
        let mut args = Args::new();
        for (name, value) in &texts {
            match value {
                Value::String(s) => args.push(name.as_str(), Arg::Str(s.into())),
                other => args.push(name.as_str(), Arg::Json(other.to_string().into())),
            };
        }
        for (name, r) in &handles {
            args.push(name.as_str(), Arg::Referential(r));
        }
        let outcome = call(case["operation"].as_str().unwrap(), &on, &args);
        let expect = &case["expect"];
        if let Some(want) = expect.get("error") {
            let e = error_value(&outcome.expect_err(&label));
            for field in ["code", "document", "argument"] {
                assert_eq!(e[field], want[field], "{label}: {field}");
            }
            let issues = e["issues"].as_array().unwrap();
            for (key, field) in [("paths", "path"), ("codes", "code")] {
                if let Some(want) = want.get(key) {
                    let got: Vec<&Value> = issues.iter().map(|i| &i[field]).collect();
                    assert_eq!(
                        Value::from(got.into_iter().cloned().collect::<Vec<_>>()),
                        *want,
                        "{label}"
                    );
                }
            }
            continue;
        }
        let result = match outcome.unwrap_or_else(|e| panic!("{label}: {e}")) {
            Output::Data(data) => serde_json::from_str(&data.to_json()).unwrap(),
            Output::Text(t) => Value::String(t),
        };
        let kind_ok = match expect["returns"].as_str().unwrap() {
            "data" => result.is_object(),
            "list" => result.is_array(),
            _ => result.is_string(),
        };
        assert!(kind_ok, "{label}: {}", expect["returns"]);
        if let Some(n) = expect.get("length") {
            assert_eq!(
                result.as_array().unwrap().len() as u64,
                n.as_u64().unwrap(),
                "{label}"
            );
        }
        if let Some(start) = expect.get("starts_with") {
            let text = result.as_str().unwrap();
            assert!(
                text.starts_with(start.as_str().unwrap()),
                "{label}: {}",
                &text[..80.min(text.len())]
            );
        }
        for (path, value) in expect
            .get("values")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let got = pointer(&result, path);
            // Numbers compare as numbers (60 and 60.0 are the same figure).
            let same = match (got.as_f64(), value.as_f64()) {
                (Some(a), Some(b)) => a == b,
                _ => got == value,
            };
            assert!(same, "{label}: {path}: {got} != {value}");
        }
        for path in expect
            .get("present")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            assert!(
                !pointer(&result, path.as_str().unwrap()).is_null(),
                "{label}: {path}"
            );
        }
    }
}

/// `api::call` knows every operation of the table with its parameters, in
/// the table's order, and nothing else.
#[test]
fn call_has_the_tables_operations_and_parameters() {
    let table = table();
    let from_table: Vec<(String, Vec<String>)> = table["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|op| {
            let params = op["params"].as_array().unwrap();
            let names = params.iter().map(|p| p[0].as_str().unwrap().to_owned());
            (op["name"].as_str().unwrap().to_owned(), names.collect())
        })
        .collect();
    let from_call: Vec<(String, Vec<String>)> = sobriete::api::OPERATIONS
        .iter()
        .map(|(name, params)| {
            (
                (*name).to_owned(),
                params.iter().map(|p| (*p).to_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(from_call, from_table);
}
