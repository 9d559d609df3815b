//! The JSON Schemas of the facade's results that `schema/` does not hold
//! (the full report's data, the progress series), generated from the Rust
//! types like the core's; `types/documents.d.ts` is generated from them and
//! from `schema/` (where the score summary's schema is).
//! Regenerate with `SOBRIETE_BLESS=1 cargo test -p sobriete-wasm --test schemas`.

#![allow(clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use serde_json::Value;

fn generate<T: schemars::JsonSchema>(title: &str) -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Value::Object(map) = &mut value {
        map.insert("title".to_owned(), Value::String(title.to_owned()));
    }
    sobriete::api::schema::to_text(&value)
}

#[test]
fn extra_schemas_up_to_date() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("types/schema");
    let bless = std::env::var_os("SOBRIETE_BLESS").is_some();
    let all = [
        (
            "full-report.schema.json",
            generate::<sobriete::api::FullReport>("sobriete full report"),
        ),
        (
            "progress-point.schema.json",
            generate::<sobriete::api::ProgressPoint>("sobriete progress point"),
        ),
    ];
    for (name, text) in all {
        let path = dir.join(name);
        if bless {
            std::fs::write(&path, &text).expect("writable schema");
        } else {
            let current = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                current == text,
                "{} is out of date: run SOBRIETE_BLESS=1 cargo test -p sobriete-wasm --test schemas, then npm run types in bindings-wasm/",
                path.display()
            );
        }
    }
}
