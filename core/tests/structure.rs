//! The structure of the code, checked. The core is built in layers, each using only the layers below it: a
//! change to a report cannot reach the scoring, and the engine knows
//! nothing of plans. This test reads the sources and fails on any `crate::`
//! path that points to the same rank or upward (doc comments and unit-test
//! modules excepted: they may name anything).

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Bottom to top; layers of one rank may not use each other.
const LAYERS: &[&[&str]] = &[
    &["model"],
    &["input"],
    &["engine"],
    &["check"],
    &["planning", "follow_up", "import"],
    &["report"],
    &["api"],
];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|rank| rank.contains(&layer))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The `crate::` paths a source file uses outside comments and unit tests.
fn used_layers(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut used = BTreeSet::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            used.insert(name);
        }
    }
    used
}

#[test]
fn every_layer_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let Some(layer) = relative
            .parent()
            .and_then(|p| p.iter().next())
            .and_then(|l| l.to_str())
        else {
            continue; // lib.rs: the crate root declares and re-exports the layers
        };
        let Some(own) = rank(layer) else {
            wrong.push(format!(
                "{}: layer {layer} is not in LAYERS",
                relative.display()
            ));
            continue;
        };
        seen.insert(layer.to_owned());
        for used in used_layers(&fs::read_to_string(file).unwrap()) {
            if used == layer {
                continue;
            }
            match rank(&used) {
                Some(r) if r < own => {}
                Some(_) => wrong.push(format!("{}: uses {used}", relative.display())),
                None => wrong.push(format!(
                    "{}: uses crate::{used}, which is no layer (name the layer's path)",
                    relative.display()
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that do not go down:\n{}",
        wrong.join("\n")
    );
    // The test reads the real tree: every layer was found.
    let all: BTreeSet<String> = LAYERS
        .iter()
        .flat_map(|r| r.iter().map(|l| (*l).to_owned()))
        .collect();
    assert_eq!(seen, all);
}

/// Longest function accepted, in lines (signature to closing brace).
const MAX_FUNCTION_LINES: usize = 120;

/// A line with its string and character literals emptied, so that braces
/// inside them are not counted.
fn without_literals(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == '"' {
                        break;
                    }
                }
                out.push('"');
            }
            '\'' => {
                // A character literal ('{', '\n'); a lifetime has no closing quote.
                let rest: String = chars.clone().take(3).collect();
                let close = if rest.starts_with('\\') { 2 } else { 1 };
                if rest.chars().nth(close) == Some('\'') {
                    for _ in 0..=close {
                        chars.next();
                    }
                    out.push_str("''");
                } else {
                    out.push('\'');
                }
            }
            '/' if chars.peek() == Some(&'/') => break,
            _ => out.push(c),
        }
    }
    out
}

/// `(length, name, first line)` of every function of a source file.
fn function_lengths(text: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<String> = text.lines().map(without_literals).collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(at) = line.find("fn ") else { continue };
        let before = line[..at].trim();
        let is_item = before.is_empty()
            || before.split_whitespace().all(|w| {
                [
                    "pub",
                    "pub(crate)",
                    "pub(super)",
                    "const",
                    "async",
                    "unsafe",
                ]
                .contains(&w)
            });
        if !is_item {
            continue;
        }
        let name: String = line[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i64;
        let mut opened = false;
        for (end, l) in lines.iter().enumerate().skip(start) {
            if !opened && l.contains(';') && !l.contains('{') {
                break; // a declaration without a body
            }
            depth += l.matches('{').count() as i64 - l.matches('}').count() as i64;
            opened |= l.contains('{');
            if opened && depth <= 0 {
                found.push((end - start + 1, name.clone(), start + 1));
                break;
            }
        }
    }
    found
}

#[test]
fn no_function_is_longer_than_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [
        "core/src",
        "cli/src",
        "bindings-python/src",
        "bindings-wasm/src",
        "bindings-uniffi/src",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 30, "the sources were not found");
    let mut long = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        for (n, name, line) in function_lengths(&text) {
            if n > MAX_FUNCTION_LINES {
                let path = file.strip_prefix(&root).unwrap_or(file);
                long.push(format!("{}:{line} {name}: {n} lines", path.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines (split them along their stages):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_function_scanner_measures_what_it_should() {
    let text = "fn a() {\n    let s = \"{{\";\n    let c = '{';\n}\nfn b<'x>(v: &'x str) -> &'x str {\n    v\n}\n";
    assert_eq!(
        function_lengths(text),
        vec![(4, "a".to_owned(), 1), (3, "b".to_owned(), 5)]
    );
}
