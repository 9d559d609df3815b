//! `sobriete import`: a published referential into our referential format,
//! and Éco-clic's questionnaire and answers.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use sobriete::api;
use sobriete::api::AnswersReport;
use sobriete::api::EcoClicSource;
use sobriete::api::ImportedAnswers;
use sobriete::api::{ImportFormat, ImportReport};

use crate::io::{fail, json, print, read_file, read_input, usage, Failure};

/// The formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// RGESN criteria (Arcep, Arcom, DINUM).
    Rgesn,
    /// The good-practice guide for organisations (DINUM, MiNumEco).
    Minumeco,
    /// W3C Web Sustainability Guidelines.
    Wsg,
    /// Éco-clic's questionnaire (a MySQL dump, or CSV exports).
    Ecoclic,
    /// Éco-clic's answers: one assessment per collectivité.
    EcoclicAnswers,
}

impl Format {
    fn published(self) -> Option<ImportFormat> {
        match self {
            Format::Rgesn => Some(ImportFormat::Rgesn),
            Format::Minumeco => Some(ImportFormat::Minumeco),
            Format::Wsg => Some(ImportFormat::Wsg),
            Format::Ecoclic | Format::EcoclicAnswers => None,
        }
    }
}

/// Arguments of `sobriete import`.
#[derive(Args)]
pub(crate) struct ImportArgs {
    /// Format of the source.
    #[arg(value_enum)]
    format: Format,
    /// The published JSON file, or `-` for standard input. For Éco-clic: a
    /// MySQL dump (`.sql`), a folder of CSV exports named after their
    /// tables (`question.csv`, `answer.csv`, …), or those CSV files.
    #[arg(required = true)]
    files: Vec<String>,
    /// Write the referential (the JSON Lines of the assessments for
    /// `ecoclic-answers`) to this file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Also write the import report (JSON: counts, skipped entries,
    /// dropped fields, warnings; for `ecoclic-answers`, what was not
    /// carried per collectivité) to this file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// `ecoclic-answers`: the referential imported from the same database
    /// (default: imported on the way).
    #[arg(long, value_name = "FILE")]
    referential: Option<PathBuf>,
    /// `ecoclic-answers`: write one assessment per collectivité
    /// (`<id>.json`), `assessments.jsonl` and `import-report.json` into
    /// this folder.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Print nothing on standard error when the import succeeds.
    #[arg(short, long)]
    quiet: bool,
}

fn clean(x: &str) -> String {
    x.chars()
        .map(|ch| if ch.is_control() { '\u{fffd}' } else { ch })
        .collect()
}

/// A short summary of a report, one line per skipped entry and warning.
fn summary(r: &ImportReport) -> String {
    let c = &r.counts;
    let mut s = format!(
        "imported {}{}: {} questions in {} themes, {} actions",
        r.source_format.as_str(),
        r.source_title
            .as_deref()
            .map(|t| format!(" « {t} »"))
            .unwrap_or_default(),
        c.questions,
        c.themes,
        c.actions,
    );
    if c.criteria > 0 {
        s.push_str(&format!(", {} success criteria", c.criteria));
    }
    s.push_str(&format!(
        " (from {} source entries; {} skipped, {} warnings)",
        c.source_entries,
        r.skipped.len(),
        r.warnings.len()
    ));
    list_skipped(&mut s, &r.skipped);
    for w in r.warnings.iter().take(SHOWN) {
        s.push_str(&format!("\n  {w}"));
    }
    if r.warnings.len() > SHOWN {
        s.push_str(&format!(
            "\n  … and {} more warnings (all in --report FILE)",
            r.warnings.len() - SHOWN
        ));
    }
    if !r.dropped_fields.is_empty() {
        let fields: Vec<String> = r.dropped_fields.iter().map(|f| clean(f)).collect();
        s.push_str(&format!("\n  not carried over: {}", fields.join(", ")));
    }
    s
}

/// Skipped entries shown in a summary (the report file has them all).
const SHOWN: usize = 20;

fn list_skipped(s: &mut String, skipped: &[sobriete::api::Skipped]) {
    for k in skipped.iter().take(SHOWN) {
        s.push_str(&format!(
            "\n  skipped {}: {}",
            clean(&k.path),
            clean(&k.reason)
        ));
    }
    if skipped.len() > SHOWN {
        s.push_str(&format!(
            "\n  … and {} more skipped (all in --report FILE)",
            skipped.len() - SHOWN
        ));
    }
}

/// A short summary of an import of answers.
fn answers_summary(r: &AnswersReport) -> String {
    let c = &r.counts;
    let mut s = format!(
        "imported ecoclic-answers: {} assessments of {} collectivités ({} of {} answer rows carried; {} skipped)",
        c.assessments,
        c.collectivites,
        c.carried,
        c.rows,
        r.skipped.len()
    );
    list_skipped(&mut s, &r.skipped);
    for one in &r.collectivites {
        s.push_str(&format!(
            "\n  {} ({}):",
            clean(&one.name),
            clean(&one.collectivite)
        ));
        for n in &one.not_carried {
            s.push_str(&format!(
                "\n    not carried {}: {}",
                clean(&n.path),
                clean(&n.reason)
            ));
        }
        for w in &one.warnings {
            s.push_str(&format!("\n    {w}"));
        }
    }
    s
}

/// Reads a file whole, up to one byte over the Éco-clic limit (the core
/// then reports `too_large`).
fn read_big(path: &Path) -> Result<String, Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    file.take(sobriete::api::limits::MAX_ECOCLIC_SOURCE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "{}: not UTF-8 text (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// An Éco-clic source from the command line: a dump (or `-`), a folder of
/// CSV exports, or CSV files.
fn ecoclic_source(files: &[String]) -> Result<EcoClicSource, Failure> {
    let csv_name = |p: &Path| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            .then(|| {
                p.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
    };
    if let [one] = files {
        let path = Path::new(one);
        if one == "-" {
            return Ok(EcoClicSource::Sql(read_input(one)?));
        }
        if path.is_dir() {
            let mut tables = BTreeMap::new();
            let entries = std::fs::read_dir(path)
                .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
            for entry in entries {
                let p = entry
                    .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?
                    .path();
                if let Some(table) = csv_name(&p) {
                    tables.insert(table, read_big(&p)?);
                }
            }
            if tables.is_empty() {
                return Err(fail(format!(
                    "{}: no CSV export (`<table>.csv`) in this folder",
                    path.display()
                )));
            }
            return Ok(EcoClicSource::Csv(tables));
        }
        if csv_name(path).is_none() {
            return Ok(EcoClicSource::Sql(read_big(path)?));
        }
    }
    let mut tables = BTreeMap::new();
    for f in files {
        let path = Path::new(f);
        let Some(table) = csv_name(path) else {
            return Err(usage(format!(
                "{f}: give one MySQL dump, one folder of CSV exports, or CSV files named after their tables"
            )));
        };
        tables.insert(table, read_big(path)?);
    }
    Ok(EcoClicSource::Csv(tables))
}

fn write(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text).map_err(|e| fail(format!("cannot write {}: {e}", path.display())))
}

/// A file name for a collectivité id (unique among `used`).
fn file_name(id: &str, used: &mut std::collections::BTreeSet<String>) -> String {
    let base: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let base = if base.is_empty() {
        "collectivite".to_owned()
    } else {
        base
    };
    let mut name = format!("{base}.json");
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{base}-{n}.json");
        n += 1;
    }
    name
}

fn jsonl(imported: &ImportedAnswers) -> String {
    let mut out = String::new();
    for a in &imported.assessments {
        out.push_str(&serde_json::to_string(&a.assessment).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Runs `sobriete import`.
pub(crate) fn run(args: ImportArgs) -> Result<ExitCode, Failure> {
    if args.format != Format::EcoclicAnswers
        && (args.out_dir.is_some() || args.referential.is_some())
    {
        return Err(usage(
            "--out-dir and --referential are for `import ecoclic-answers`".to_owned(),
        ));
    }
    if args.format == Format::EcoclicAnswers {
        return run_answers(&args);
    }
    let imported = match args.format.published() {
        Some(format) => {
            let [file] = args.files.as_slice() else {
                return Err(usage("give one published JSON file".to_owned()));
            };
            let source = read_input(file)?;
            api::import_referential(format, &source)
                .map_err(|e| fail(format!("{file}: {}", Failure::from(e).message)))?
        }
        None => {
            let source = ecoclic_source(&args.files)?;
            api::import_ecoclic(&source).map_err(|e| {
                fail(format!(
                    "{}: {}",
                    args.files.join(", "),
                    Failure::from(e).message
                ))
            })?
        }
    };
    let mut referential = api::referential_to_json(&imported.referential);
    referential.push('\n');
    match &args.output {
        Some(path) => write(path, &referential)?,
        None => print(&referential),
    }
    if let Some(path) = &args.report {
        let mut text = json(&imported.report);
        text.push('\n');
        write(path, &text)?;
    }
    if !args.quiet {
        eprintln!("{}", summary(&imported.report));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_answers(args: &ImportArgs) -> Result<ExitCode, Failure> {
    let source = ecoclic_source(&args.files)?;
    let referential = match &args.referential {
        Some(p) => {
            let text = read_file(p)?;
            Some(
                api::parse_referential(&text)
                    .map_err(|e| fail(format!("{}: {}", p.display(), Failure::from(e).message)))?,
            )
        }
        None => None,
    };
    let imported = api::import_ecoclic_answers(&source, referential.as_ref()).map_err(|e| {
        fail(format!(
            "{}: {}",
            args.files.join(", "),
            Failure::from(e).message
        ))
    })?;
    let lines = jsonl(&imported);
    let mut report = json(&imported.report);
    report.push('\n');
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
        let mut used = std::collections::BTreeSet::new();
        used.insert("import-report.json".to_owned());
        for a in &imported.assessments {
            let mut text = json(&a.assessment);
            text.push('\n');
            write(&dir.join(file_name(&a.collectivite, &mut used)), &text)?;
        }
        write(&dir.join("assessments.jsonl"), &lines)?;
        write(&dir.join("import-report.json"), &report)?;
    }
    match &args.output {
        Some(path) => write(path, &lines)?,
        None if args.out_dir.is_none() => sobriete_print(&lines),
        None => {}
    }
    if let Some(path) = &args.report {
        write(path, &report)?;
    }
    if !args.quiet {
        eprintln!("{}", answers_summary(&imported.report));
    }
    Ok(ExitCode::SUCCESS)
}

/// JSON Lines as they are (possibly empty: no line at all).
fn sobriete_print(lines: &str) {
    if !lines.is_empty() {
        print(lines);
    }
}
