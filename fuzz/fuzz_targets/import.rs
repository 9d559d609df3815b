//! A published referential to import: the first byte picks the format
//! (RGESN, the good-practice guide, the W3C WSG), the rest is the JSON text.
//! An import that succeeds must give a valid referential, usable at once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api;
use sobriete::api::ImportFormat;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let format = match selector % 3 {
        0 => ImportFormat::Rgesn,
        1 => ImportFormat::Minumeco,
        _ => ImportFormat::Wsg,
    };
    let json = String::from_utf8_lossy(rest);
    let Ok(imported) = api::import_referential(format, &json) else {
        return;
    };
    let report = api::validate_referential(&imported.referential);
    assert!(
        report.valid,
        "imported referential is invalid: {:?}",
        report.issues
    );
    sobriete_fuzz::exercise_referential(&imported.referential);
});
