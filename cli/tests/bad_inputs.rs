//! A few cases of the hostile-input corpus (`tests/bad-inputs`) through the
//! command line: exit code 1 and a message naming the expected code, never
//! a panic.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-inputs")
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sobriete"))
        .args(args)
        .current_dir(corpus())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The CLI may stop reading early (a document over the limit): a broken
    // pipe is expected then.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

/// Exit code 1 and the code in the message (stderr; stdout for `validate`,
/// whose report is its output).
fn fails_with(out: &Output, code: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains(code) || stdout.contains(code),
        "expected {code} in: {stderr}{stdout}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

#[test]
fn corpus_files_fail_with_their_code() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "report",
                "cases/truncated-assessment.json",
                "--referential",
                "base/referential.json",
            ],
            "invalid_json",
        ),
        (
            &[
                "report",
                "cases/bom.json",
                "--referential",
                "base/referential.json",
            ],
            "invalid_json",
        ),
        (
            &[
                "report",
                "cases/invalid-utf8-byte.bin",
                "--referential",
                "base/referential.json",
            ],
            "invalid_json",
        ),
        (
            &[
                "report",
                "cases/duplicate-answer-key.json",
                "--referential",
                "base/referential.json",
            ],
            "duplicate_key",
        ),
        (
            &[
                "report",
                "cases/level-u8-overflow.json",
                "--referential",
                "base/referential.json",
            ],
            "invalid_value",
        ),
        (
            &[
                "report",
                "base/assessment.json",
                "--referential",
                "cases/condition-cycle.json",
            ],
            "condition_cycle",
        ),
        (
            &[
                "report",
                "base/assessment.json",
                "--referential",
                "cases/case-collision-question-ids.json",
            ],
            "duplicate_id",
        ),
        (
            &["validate", "cases/rtl-override-question-id.json"],
            "invalid_id",
        ),
        (
            &[
                "compare",
                "base/assessment.json",
                "--referential",
                "base/referential.json",
                "--peers",
                "cases/peer-index-string.json",
            ],
            "invalid_type",
        ),
        (
            &[
                "plan",
                "status",
                "cases/plan-depends-cycle.json",
                "--referential",
                "base/referential.json",
                "--as-of",
                "2026-09-01",
            ],
            "dependency_cycle",
        ),
    ];
    for (args, code) in cases {
        let out = run(args, b"");
        fails_with(&out, code);
    }
}

#[test]
fn generated_hostile_documents_on_stdin_fail_with_their_code() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    fails_with(&run(&["validate", "-"], deep.as_bytes()), "too_deep");
    let referential = std::fs::read_to_string(corpus().join("base/referential.json")).unwrap();
    let big = format!("{referential}{}", " ".repeat(17 * 1024 * 1024));
    fails_with(&run(&["validate", "-"], big.as_bytes()), "too_large");
    // Larger than any document: the CLI stops reading at the limit.
    let huge = vec![b' '; 65 * 1024 * 1024];
    fails_with(&run(&["validate", "-"], &huge), "too_large");
}
