//! The ABI from Rust, as C calls it: pointers in, strings out, errors as
//! data (the C program of tests/c runs the golden vectors under valgrind).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::ffi::{c_char, CStr, CString};

use super::*;

/// The string `out` received, freed.
fn take(out: *mut c_char) -> String {
    assert!(!out.is_null());
    let s = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
    unsafe { sobriete_string_free(out) };
    s
}

fn example() -> CString {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/commune-rurale-niveau1.json"
    );
    CString::new(std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn scores_the_commune_example_through_both_doors() {
    let a = example();
    let mut out = std::ptr::null_mut();
    let status = unsafe { sobriete_score(std::ptr::null(), a.as_ptr(), &mut out) };
    assert_eq!(status, SOBRIETE_OK);
    let report: serde_json::Value = serde_json::from_str(&take(out)).unwrap();
    assert_eq!(report["index"], 28.82);
    assert!(sobriete_last_error().is_null());
    let args = format!("{{\"assessment\": {}}}", a.to_str().unwrap());
    let (op, args) = (CString::new("score").unwrap(), CString::new(args).unwrap());
    let status = unsafe { sobriete_call(std::ptr::null(), op.as_ptr(), args.as_ptr(), &mut out) };
    assert_eq!(status, SOBRIETE_OK);
    let again: serde_json::Value = serde_json::from_str(&take(out)).unwrap();
    assert_eq!(report, again);
}

#[test]
fn text_results_come_as_text_and_defaults_apply() {
    let a = example();
    let mut out = std::ptr::null_mut();
    let status = unsafe {
        sobriete_render_report(
            std::ptr::null(),
            a.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            &mut out,
        )
    };
    assert_eq!(status, SOBRIETE_OK);
    assert!(take(out).contains("28,82"));
}

#[test]
fn errors_are_data_with_every_issue_and_the_same_in_last_error() {
    let bad = CString::new(r#"{"level": 3, "answers": {"zz": {"kind": "maybe"}}}"#).unwrap();
    let mut out = std::ptr::null_mut();
    let status = unsafe { sobriete_score(std::ptr::null(), bad.as_ptr(), &mut out) };
    assert_eq!(status, SOBRIETE_INVALID_DOCUMENT);
    let error = take(out);
    let value: serde_json::Value = serde_json::from_str(&error).unwrap();
    assert_eq!(value["code"], "invalid_document");
    assert_eq!(value["document"], "assessment");
    assert!(!value["issues"].as_array().unwrap().is_empty());
    assert_eq!(take(sobriete_last_error()), error);
}

#[test]
fn null_pointers_and_invalid_utf8_are_errors() {
    let mut out = std::ptr::null_mut();
    let status = unsafe { sobriete_score(std::ptr::null(), std::ptr::null(), &mut out) };
    assert_eq!(status, SOBRIETE_INVALID_ARGUMENT);
    let value: serde_json::Value = serde_json::from_str(&take(out)).unwrap();
    assert_eq!(value["argument"], "assessment");
    let bytes = CString::new(vec![b'{', 0xff, b'}']).unwrap();
    let status = unsafe { sobriete_score(std::ptr::null(), bytes.as_ptr(), &mut out) };
    assert_eq!(status, SOBRIETE_INVALID_DOCUMENT);
    let value: serde_json::Value = serde_json::from_str(&take(out)).unwrap();
    assert_eq!(value["issues"][0]["code"], "invalid_json");
    let lang = CString::new(vec![0xff]).unwrap();
    let status = unsafe { sobriete_markdown(std::ptr::null(), lang.as_ptr(), &mut out) };
    assert_eq!(status, SOBRIETE_INVALID_ARGUMENT);
    let value: serde_json::Value = serde_json::from_str(&take(out)).unwrap();
    assert_eq!(value["argument"], "lang");
    // No `out`: nothing written, the error still readable.
    let status = unsafe { sobriete_score(std::ptr::null(), bytes.as_ptr(), std::ptr::null_mut()) };
    assert_eq!(status, SOBRIETE_INVALID_ARGUMENT);
    assert!(!sobriete_last_error().is_null());
}

#[test]
fn a_referential_handle_is_checked_once_and_refuses_a_broken_document() {
    let mut r = std::ptr::null_mut();
    assert_eq!(unsafe { sobriete_referential_default(&mut r) }, SOBRIETE_OK);
    let mut out = std::ptr::null_mut();
    assert_eq!(
        unsafe { sobriete_referential_to_json(r, &mut out) },
        SOBRIETE_OK
    );
    let json = CString::new(take(out)).unwrap();
    let mut copy = std::ptr::null_mut();
    assert_eq!(
        unsafe { sobriete_referential_from_json(json.as_ptr(), &mut copy) },
        SOBRIETE_OK
    );
    let a = example();
    assert_eq!(
        unsafe { sobriete_score(copy, a.as_ptr(), &mut out) },
        SOBRIETE_OK
    );
    drop(take(out));
    unsafe { sobriete_referential_free(copy) };
    unsafe { sobriete_referential_free(r) };
    let broken = CString::new(r#"{"id": ""}"#).unwrap();
    let mut none = std::ptr::NonNull::dangling().as_ptr();
    let status = unsafe { sobriete_referential_from_json(broken.as_ptr(), &mut none) };
    assert_eq!(status, SOBRIETE_INVALID_DOCUMENT);
    assert!(none.is_null());
    let error: serde_json::Value = serde_json::from_str(&take(sobriete_last_error())).unwrap();
    assert_eq!(error["document"], "referential");
}

#[test]
fn the_version_and_abi_version_are_readable() {
    let v = unsafe { CStr::from_ptr(sobriete_version()) }
        .to_str()
        .unwrap();
    assert_eq!(v, env!("CARGO_PKG_VERSION"));
    assert_eq!(sobriete_abi_version(), SOBRIETE_ABI_VERSION);
}
