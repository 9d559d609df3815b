//! What every command shares: reading documents (files or standard
//! input), loading them through `sobriete::api`, writing the output, and
//! the failure that `main` turns into a message and an exit status.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use sobriete::model::crosswalk::Crosswalk;
use sobriete::model::peers::PeerSet;
use sobriete::model::plan::Plan;
use sobriete::{api, Assessment, Referential};

/// Writes to standard output; a closed pipe (`… | head`) ends quietly.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// `println!` through [`emit`].
macro_rules! outln {
    () => {
        $crate::io::emit("\n")
    };
    ($($arg:tt)*) => {
        $crate::io::emit(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` through [`emit`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::io::emit(&format!($($arg)*))
    };
}

/// Prints a document, ending it with a newline when it has none.
pub fn print(out: &str) {
    out!("{out}");
    if !out.ends_with('\n') {
        outln!();
    }
}

/// A value as pretty-printed JSON.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Today's local date (YYYY-MM-DD), the default of the date options.
pub fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// A failure: the message to print, already formatted; `usage` when the
/// arguments are at fault (exit 2) rather than the documents (exit 1).
pub struct Failure {
    pub message: String,
    pub usage: bool,
}

/// A failure of the documents (exit 1).
pub fn fail(message: String) -> Failure {
    Failure {
        message,
        usage: false,
    }
}

/// A failure of the arguments (exit 2).
pub fn usage(message: String) -> Failure {
    Failure {
        message,
        usage: true,
    }
}

impl From<sobriete::Error> for Failure {
    fn from(e: sobriete::Error) -> Failure {
        // A request is built from the command's flags: its problems are usage errors.
        let is_usage = matches!(
            e,
            sobriete::Error::InvalidArgument { .. }
                | sobriete::Error::Invalid {
                    document: sobriete::DocumentKind::Request,
                    ..
                }
        );
        let mut message = match (&e, e.issues()) {
            (sobriete::Error::Invalid { document, .. }, [_, ..]) => {
                format!(
                    "invalid {}: {} problem(s)",
                    document.as_str(),
                    e.issues().len()
                )
            }
            _ => format!("{e}"),
        };
        for issue in e.issues() {
            message.push_str(&format!("\n  {issue}"));
        }
        Failure {
            message,
            usage: is_usage,
        }
    }
}

/// Reads a file, or standard input for `-`.
pub fn read_input(source: &str) -> Result<String, Failure> {
    if source == "-" {
        read_text(std::io::stdin(), "standard input")
    } else {
        read_file(Path::new(source))
    }
}

/// Reads a file (see [`read_text`]).
pub fn read_file(path: &Path) -> Result<String, Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
    read_text(file, &path.display().to_string())
}

/// Reads a document's text: at most one byte over the largest document
/// (the core then reports `too_large` without the rest being read), and
/// UTF-8 checked by the core (`invalid_json`).
fn read_text(source: impl Read, name: &str) -> Result<String, Failure> {
    let limit = sobriete::api::limits::MAX_DOCUMENT_BYTES;
    let mut bytes = Vec::new();
    source
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read {name}: {e}")))?;
    match sobriete::api::text_from_utf8(&bytes, sobriete::DocumentKind::Unknown) {
        Ok(text) => Ok(text.to_owned()),
        Err(issue) => Err(fail(format!("{name}: {issue}"))),
    }
}

/// The referential of `--referential` (or the like), else the embedded one.
pub fn load_referential(path: &Option<PathBuf>) -> Result<Cow<'static, Referential>, Failure> {
    match path {
        Some(p) => {
            let text = read_file(p)?;
            api::parse_referential(&text)
                .map(Cow::Owned)
                .map_err(|e| fail(format!("{}: {}", p.display(), Failure::from(e).message)))
        }
        None => Ok(Cow::Borrowed(api::default_referential()?)),
    }
}

/// An assessment (file or `-`), checked against `r`.
pub fn load_assessment(source: &str, r: &Referential) -> Result<Assessment, Failure> {
    let text = read_input(source)?;
    api::parse_assessment(&text, r)
        .map_err(|e| fail(format!("{source}: {}", Failure::from(e).message)))
}

/// An action plan (file or `-`), checked against `r`.
pub fn load_plan(source: &str, r: &Referential) -> Result<Plan, Failure> {
    api::parse_plan(&read_input(source)?, r)
        .map_err(|e| fail(format!("{source}: {}", Failure::from(e).message)))
}

/// A crosswalk between two versions of a referential.
pub fn load_crosswalk(path: &Path) -> Result<Crosswalk, Failure> {
    api::parse_crosswalk(&read_file(path)?)
        .map_err(|e| fail(format!("{}: {}", path.display(), Failure::from(e).message)))
}

/// Peers' results (file or `-`).
pub fn load_peers(source: &str) -> Result<PeerSet, Failure> {
    api::parse_peers(&read_input(source)?)
        .map_err(|e| fail(format!("{source}: {}", Failure::from(e).message)))
}
