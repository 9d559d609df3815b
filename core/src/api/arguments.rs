//! Arguments as the bindings receive them (optional strings), read in one
//! place so that every language has the same defaults and the same errors:
//! `lang` is French when absent, `format` is text; a wrong value is an
//! `InvalidArgument` naming the argument.

use crate::model::error::Error;
use crate::model::text::Lang;
use crate::report::text::ReportFormat;

/// The `lang` argument: `fr` (the default) or `en`.
pub fn lang_argument(value: Option<&str>) -> Result<Lang, Error> {
    match value {
        None => Ok(Lang::default()),
        Some(s) => Lang::parse(s).ok_or_else(|| Error::InvalidArgument {
            name: "lang".to_owned(),
            message: format!("language must be \"fr\" or \"en\", got {s:?}"),
        }),
    }
}

/// The `format` argument of a report: `text` (the default), `json`,
/// `markdown` or `html`.
pub fn format_argument(value: Option<&str>) -> Result<ReportFormat, Error> {
    match value {
        None => Ok(ReportFormat::default()),
        Some(s) => ReportFormat::parse(s).ok_or_else(|| Error::InvalidArgument {
            name: "format".to_owned(),
            message: format!(
                "format must be \"text\", \"json\", \"markdown\" or \"html\", got {s:?}"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_refusals() {
        assert_eq!(lang_argument(None).ok(), Some(Lang::Fr));
        assert_eq!(lang_argument(Some("EN")).ok(), Some(Lang::En));
        assert_eq!(format_argument(None).ok(), Some(ReportFormat::Text));
        assert_eq!(
            format_argument(Some("md")).ok(),
            Some(ReportFormat::Markdown)
        );
        for e in [
            lang_argument(Some("de")).err(),
            format_argument(Some("pdf")).err(),
        ] {
            assert!(matches!(e, Some(Error::InvalidArgument { .. })), "{e:?}");
        }
        assert_eq!(
            format_argument(Some("pdf")).err().map(|e| e.to_string()),
            Some("invalid argument `format`: format must be \"text\", \"json\", \"markdown\" or \"html\", got \"pdf\"".to_owned())
        );
    }
}
