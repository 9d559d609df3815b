//! `sobriete schema`: print, write or check the JSON Schemas of the documents.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use sobriete::api::schema;

use crate::io::{fail, Failure};

#[derive(Args)]
pub struct SchemaArgs {
    /// Write the schemas into this folder.
    #[arg(long, conflicts_with = "check")]
    write: Option<PathBuf>,
    /// Check that this folder holds the current schemas (exit 1 on drift).
    #[arg(long)]
    check: Option<PathBuf>,
}

/// Runs `sobriete schema`.
pub fn run(args: SchemaArgs) -> Result<ExitCode, Failure> {
    if let Some(dir) = args.write {
        write(&dir)
    } else if let Some(dir) = args.check {
        Ok(check(&dir))
    } else {
        for (name, schema) in &schema::all() {
            outln!("// {name}\n{}", schema::to_text(schema));
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn write(dir: &Path) -> Result<ExitCode, Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    for (name, schema) in &schema::all() {
        let path = dir.join(name);
        std::fs::write(&path, schema::to_text(schema))
            .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
        outln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Exit 1 when a schema file differs from the current schema.
fn check(dir: &Path) -> ExitCode {
    let mut drift = false;
    for (name, schema) in &schema::all() {
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != schema::to_text(schema) {
            eprintln!("{} is out of date", path.display());
            drift = true;
        }
    }
    if drift {
        eprintln!("regenerate with: cargo run -p sobriete-cli -- schema --write schema");
        ExitCode::FAILURE
    } else {
        outln!("schemas are up to date");
        ExitCode::SUCCESS
    }
}
