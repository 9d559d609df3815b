//! Éco-clic's database to import: the first byte picks the shape (even: a
//! MySQL dump, odd: CSV exports, one per table, split on NUL bytes in the
//! order of `TABLES`), the rest is the text. An import that succeeds must
//! give a valid referential and assessments valid for it, which score.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use sobriete::api;
use sobriete::api::EcoClicSource;

const TABLES: [&str; 6] = [
    "category",
    "question",
    "answer",
    "theme",
    "collectivite",
    "collectivite_answer",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let source = if selector % 2 == 0 {
        EcoClicSource::Sql(text.into_owned())
    } else {
        let tables: BTreeMap<String, String> = TABLES
            .iter()
            .zip(text.split('\0'))
            .map(|(t, csv)| ((*t).to_owned(), csv.to_owned()))
            .collect();
        EcoClicSource::Csv(tables)
    };
    if let Ok(imported) = api::import_ecoclic(&source) {
        let report = api::validate_referential(&imported.referential);
        assert!(
            report.valid,
            "imported referential is invalid: {:?}",
            report.issues
        );
        sobriete_fuzz::exercise_referential(&imported.referential);
    }
    if let Ok(answers) = api::import_ecoclic_answers(&source, None) {
        let r =
            api::import_ecoclic(&source).expect("the questionnaire imports when the answers do");
        for a in answers.assessments.iter().take(8) {
            let report = api::validate_assessment(&a.assessment, &r.referential);
            assert!(
                report.valid,
                "imported assessment is invalid: {:?}",
                report.issues
            );
            assert!(api::score(&r.referential, &a.assessment).is_ok());
        }
    }
});
