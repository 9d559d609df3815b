//! `sobriete batch`: many assessments (JSON Lines) scored in chunks, one
//! output row each, written as soon as a chunk is done: memory stays
//! bounded by the chunk, whatever the number of lines.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use sobriete::api::ScoreSummary;
use sobriete::model::error::{DocumentKind, Issue, IssueCode};
use sobriete::{api, Referential};

use crate::io::{emit, fail, load_referential, Failure};

#[derive(Args)]
pub struct BatchArgs {
    /// JSON Lines file(s), or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Output format: CSV (a header, then one row per item) or JSON
    /// Lines (per item `{"item", "summary"}` or `{"item", "error"}`).
    #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
    format: BatchFormat,
}

/// Output of `batch`.
#[derive(Clone, Copy, ValueEnum)]
enum BatchFormat {
    /// CSV: a header, then one row per line (see `sobriete::api::summaries_csv`).
    Csv,
    /// JSON Lines: one object per line.
    Jsonl,
}

/// Lines scored together (shared among the cores).
const CHUNK: usize = 4096;

/// Longest line read; a longer one is reported as an error and skipped.
const MAX_LINE: usize = 16 * 1024 * 1024;

type Scored = Result<ScoreSummary, sobriete::Error>;

/// Runs `sobriete batch`: exit 1 when some line could not be scored.
pub fn run(args: BatchArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    score_all(&r, &args.inputs, args.format)
}

fn score_all(r: &Referential, inputs: &[String], format: BatchFormat) -> Result<ExitCode, Failure> {
    let mut batch = Batch {
        r,
        format,
        item: 0,
        failed: 0,
        scored: 0,
        header: true,
        lines: Vec::with_capacity(CHUNK),
    };
    for input in inputs {
        let source: Box<dyn Read> = if input == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(
                std::fs::File::open(input)
                    .map_err(|e| fail(format!("cannot read {input}: {e}")))?,
            )
        };
        batch.read(BufReader::with_capacity(1 << 16, source), input)?;
    }
    batch.flush()?;
    if batch.header {
        // No line at all: still a well-formed (empty) table.
        batch.write(&[])?;
    }
    eprintln!(
        "{} assessments: {} scored, {} failed",
        batch.scored + batch.failed,
        batch.scored,
        batch.failed
    );
    Ok(if batch.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

enum Line {
    Text(String),
    Failed(sobriete::Error),
}

struct Batch<'r> {
    r: &'r Referential,
    format: BatchFormat,
    /// Number of the last line read, across the inputs.
    item: usize,
    failed: usize,
    scored: usize,
    header: bool,
    lines: Vec<(usize, Line)>,
}

fn line_error(message: String) -> sobriete::Error {
    sobriete::Error::Invalid {
        document: DocumentKind::Assessment,
        issues: vec![Issue::error(IssueCode::InvalidJson, "", message)],
    }
}

impl Batch<'_> {
    fn read(&mut self, mut reader: impl BufRead, name: &str) -> Result<(), Failure> {
        let mut buf: Vec<u8> = Vec::new();
        loop {
            buf.clear();
            let n = (&mut reader)
                .take(MAX_LINE as u64 + 1)
                .read_until(b'\n', &mut buf)
                .map_err(|e| fail(format!("cannot read {name}: {e}")))?;
            if n == 0 {
                return Ok(());
            }
            self.item += 1;
            if buf.len() > MAX_LINE && !buf.ends_with(b"\n") {
                // Skip the rest of the line without keeping it.
                let mut sink = Vec::new();
                loop {
                    sink.clear();
                    let m = (&mut reader)
                        .take(1 << 20)
                        .read_until(b'\n', &mut sink)
                        .map_err(|e| fail(format!("cannot read {name}: {e}")))?;
                    if m == 0 || sink.ends_with(b"\n") {
                        break;
                    }
                }
                let message = format!("line longer than {MAX_LINE} bytes");
                self.push(Line::Failed(line_error(message)))?;
                continue;
            }
            let text = match std::str::from_utf8(&buf) {
                Ok(t) => t.trim_end_matches(['\n', '\r']),
                Err(e) => {
                    let message = format!("not valid UTF-8: {e}");
                    self.push(Line::Failed(line_error(message)))?;
                    continue;
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            self.push(Line::Text(text.to_owned()))?;
        }
    }

    fn push(&mut self, line: Line) -> Result<(), Failure> {
        self.lines.push((self.item, line));
        if self.lines.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Failure> {
        if self.lines.is_empty() {
            return Ok(());
        }
        let lines = std::mem::take(&mut self.lines);
        let texts: Vec<&str> = lines
            .iter()
            .map(|(_, l)| match l {
                Line::Text(t) => t.as_str(),
                Line::Failed(_) => "",
            })
            .collect();
        let scored = api::score_summaries(self.r, &texts)?;
        let mut rows: Vec<(usize, Scored)> = Vec::with_capacity(lines.len());
        for ((item, line), result) in lines.into_iter().zip(scored) {
            let result = match line {
                Line::Failed(e) => Err(e),
                Line::Text(_) => result,
            };
            if result.is_ok() {
                self.scored += 1;
            } else {
                self.failed += 1;
            }
            rows.push((item, result));
        }
        self.write(&rows)?;
        self.lines = Vec::with_capacity(CHUNK);
        Ok(())
    }

    fn write(&mut self, rows: &[(usize, Scored)]) -> Result<(), Failure> {
        match self.format {
            BatchFormat::Csv => {
                let refs: Vec<(usize, &Scored)> = rows.iter().map(|(i, r)| (*i, r)).collect();
                emit(&sobriete::api::summaries_csv(self.r, &refs, self.header));
            }
            BatchFormat::Jsonl => {
                let mut out = String::new();
                for (item, result) in rows {
                    let value = match result {
                        Ok(s) => serde_json::json!({ "item": item, "summary": s }),
                        Err(e) => serde_json::json!({
                            "item": item,
                            "error": {
                                "code": e.code(),
                                "message": e.to_string(),
                                "issues": e.issues(),
                            }
                        }),
                    };
                    out.push_str(&value.to_string());
                    out.push('\n');
                }
                emit(&out);
            }
        }
        self.header = false;
        Ok(())
    }
}
