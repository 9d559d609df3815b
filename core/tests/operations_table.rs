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
    operations.extend(["referential", "schemas"]);
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
