//! The batch scoring fast path: an assessment's JSON text read straight
//! into answers by question position, checked, and summarised.
//!
//! It only accepts what it is sure of: a document with exactly the fields
//! a plain assessment has (no plan marks, no migration history), each
//! once, every answer to a known question, and no validation error. For
//! anything else it answers `None` and the caller takes the full path
//! (which reports every problem). What it accepts, it scores with the same
//! functions as the full path, so the figures are the same: the tests
//! compare both paths on the golden vectors, the examples and thousands of
//! generated and mutated assessments.

use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserializer;

use crate::check::validate;
use crate::engine::scoring::{self, Facts, Given, ScoreSummary, Scored};
use crate::model::assessment::{Assessment, ReferentialRef};
use crate::model::error::Issue;
use crate::model::profile::Profile;
use crate::model::referential::{Condition, Question, Response};

/// The summary of an assessment given as JSON text, when the fast path
/// can read it and it is valid; `None` means "take the full path".
pub(crate) fn summary(facts: &Facts<'_>, json: &str) -> Option<ScoreSummary> {
    let r = facts.r;
    let mut de = serde_json::Deserializer::from_str(json);
    let (header, answers) = Document { facts }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    let mut issues: Vec<Issue> = Vec::new();
    validate::validate_assessment_header(&header, r, &mut issues);
    if issues.iter().any(Issue::is_error) {
        return None;
    }
    let at = |i: usize| answers.get(i).and_then(Option::as_ref);
    let Assessment {
        referential,
        profile,
        date,
        level,
        ..
    } = header;
    Some(scoring::summary_of(
        facts,
        referential,
        profile,
        date,
        level,
        &at,
    ))
}

/// Refusal: the full path takes the document.
fn refuse<E: serde::de::Error>() -> E {
    E::custom("not for the fast path")
}

/// An answer as scoring needs it: chosen options as positions in their
/// question (a bit each: questions with more than 64 options take the full
/// path). Only answers valid for their question are built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Compact {
    Yes,
    No,
    /// Chosen options (bits) and the first one chosen.
    Choice {
        chosen: u64,
        first: u8,
    },
    Number(f64),
    DontKnow,
    NotApplicable,
    Unanswered,
}

fn options_of(q: &Question) -> &[crate::model::referential::AnswerOption] {
    match &q.response {
        Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => options,
        _ => &[],
    }
}

impl Scored for Compact {
    fn given(&self) -> Given {
        match self {
            Compact::DontKnow => Given::DontKnow,
            Compact::NotApplicable => Given::NotApplicable,
            Compact::Unanswered => Given::Unanswered,
            _ => Given::Answer,
        }
    }

    // The same points as `scoring::answer_points` gives the equivalent
    // `Answer` (compared in the tests).
    fn points(&self, q: &Question, max: i64) -> Option<i64> {
        let option_points = |i: u32| options_of(q).get(i as usize).map_or(0, |o| o.points.max(0));
        match (self, &q.response) {
            (Compact::NotApplicable | Compact::Unanswered, _) => None,
            (Compact::DontKnow, _) => Some(0),
            (Compact::Yes, Response::YesNo { yes_points, .. }) => Some((*yes_points).max(0)),
            (Compact::No, Response::YesNo { no_points, .. }) => Some((*no_points).max(0)),
            (Compact::Choice { first, .. }, Response::SingleChoice { .. }) => {
                Some(option_points(u32::from(*first)))
            }
            (Compact::Choice { chosen, .. }, Response::MultipleChoice { .. }) => {
                let mut sum = 0i64;
                let mut bits = *chosen;
                while bits != 0 {
                    sum = sum.saturating_add(option_points(bits.trailing_zeros()));
                    bits &= bits - 1;
                }
                Some(sum.min(max))
            }
            (Compact::Number(v), Response::Numeric { bands, .. }) => Some(if v.is_finite() {
                bands
                    .iter()
                    .take_while(|b| b.from <= *v)
                    .last()
                    .map_or(0, |b| b.points.max(0))
            } else {
                0
            }),
            _ => Some(0),
        }
    }

    fn satisfies(&self, c: &Condition, q: &Question) -> bool {
        match (c, self) {
            (Condition::IsYes { .. }, Compact::Yes) => true,
            (Condition::IsNo { .. }, Compact::No) => true,
            (Condition::AnyOf { options, .. }, Compact::Choice { chosen, .. }) => options_of(q)
                .iter()
                .take(64)
                .enumerate()
                .any(|(i, o)| chosen & (1 << i) != 0 && options.contains(&o.id)),
            (Condition::AtLeast { value, .. }, Compact::Number(v)) => v >= value,
            (Condition::LessThan { value, .. }, Compact::Number(v)) => v < value,
            _ => false,
        }
    }
}

type Read = (Assessment, Vec<Option<Compact>>);

/// A string handed to a function where it is read (borrowed from the text
/// or unescaped in the reader's buffer), never copied nor kept: keys and
/// values that are only compared. It accepts exactly what `Str` accepts.
struct Peek<F>(F);

impl<'de, T, F: FnOnce(&str) -> T> DeserializeSeed<'de> for Peek<F> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, T, F: FnOnce(&str) -> T> Visitor<'de> for Peek<F> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        Ok((self.0)(v))
    }
}

/// `null` or what `S` reads: what `Option<_>` accepts.
struct Nullable<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("null or a value")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// A list of strings, checked and dropped: what `Vec<Str>` accepts.
struct Strings;

impl<'de> DeserializeSeed<'de> for Strings {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Strings {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of strings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Peek(|_: &str| ()))?.is_some() {}
        Ok(())
    }
}

/// The fields of a document.
enum Top {
    Referential,
    Profile,
    Date,
    Level,
    Answers,
    Other,
}

/// The whole document: the header as an assessment without answers, and
/// the answers by question position.
struct Document<'f, 'r> {
    facts: &'f Facts<'r>,
}

impl<'de> DeserializeSeed<'de> for Document<'_, '_> {
    type Value = Read;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_, '_> {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an assessment")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        let mut referential: Option<ReferentialRef> = None;
        let mut profile: Option<Profile> = None;
        let mut date: Option<String> = None;
        let mut level: Option<u8> = None;
        let mut answers: Option<Vec<Option<Compact>>> = None;
        // Any surprise (a repeated, unknown or unusual field) hands the
        // document to the full path, which decides and explains.
        while let Some(key) = map.next_key_seed(Peek(|k: &str| match k {
            "referential" => Top::Referential,
            "profile" => Top::Profile,
            "date" => Top::Date,
            "level" => Top::Level,
            "answers" => Top::Answers,
            _ => Top::Other,
        }))? {
            match key {
                Top::Referential if referential.is_none() => referential = Some(map.next_value()?),
                Top::Profile if profile.is_none() => profile = Some(map.next_value()?),
                Top::Date if date.is_none() => date = Some(map.next_value()?),
                Top::Level if level.is_none() => level = Some(map.next_value()?),
                Top::Answers if answers.is_none() => {
                    answers = Some(map.next_value_seed(Answers { facts: self.facts })?)
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    return Err(refuse());
                }
            }
        }
        let (Some(referential), Some(profile), Some(date), Some(level)) =
            (referential, profile, date, level)
        else {
            return Err(refuse());
        };
        let answers = answers.unwrap_or_else(|| vec![None; self.facts.r.questions.len()]);
        let header = Assessment {
            referential,
            profile,
            date,
            level,
            answers: Default::default(),
            from_plan: Default::default(),
            migrations: Vec::new(),
        };
        Ok((header, answers))
    }
}

/// The answers, each checked against its question and put at its position.
struct Answers<'f, 'r> {
    facts: &'f Facts<'r>,
}

impl<'de> DeserializeSeed<'de> for Answers<'_, '_> {
    type Value = Vec<Option<Compact>>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Answers<'_, '_> {
    type Value = Vec<Option<Compact>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("answers by question id")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let r = self.facts.r;
        let mut slots: Vec<Option<Compact>> = vec![None; r.questions.len()];
        let mut next = 0;
        // Answers usually follow the referential's order (templates list
        // them so): the question after the last one is tried before the
        // table. An unknown question or one answered twice: the full path
        // says so.
        let facts = self.facts;
        while let Some(i) = map.next_key_seed(Peek(|k: &str| match r.questions.get(next) {
            Some(q) if q.id == k => Some(next),
            _ => facts.question_index(k),
        }))? {
            let i = i.ok_or_else(refuse)?;
            next = i + 1;
            let (Some(slot @ None), Some(q)) = (slots.get_mut(i), r.questions.get(i)) else {
                return Err(refuse());
            };
            *slot = Some(map.next_value_seed(OneAnswer { q })?);
        }
        Ok(slots)
    }
}

/// One answer, read and checked against its question with the rules of
/// `validate::validate_answer` (anything it would report is refused).
struct OneAnswer<'q> {
    q: &'q Question,
}

impl<'de> DeserializeSeed<'de> for OneAnswer<'_> {
    type Value = Compact;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Compact, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// The fields of an answer.
enum Field {
    Kind,
    Options,
    Value,
    Comment,
    Evidence,
    Justification,
    Other,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Yes,
    No,
    Choice,
    Number,
    DontKnow,
    NotApplicable,
    Unanswered,
}

impl<'de> Visitor<'de> for OneAnswer<'_> {
    type Value = Compact;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Compact, A::Error> {
        let q = self.q;
        let mut kind: Option<Kind> = None;
        let mut chosen: Option<(u64, u8, usize)> = None;
        let mut value: Option<f64> = None;
        let (mut comment, mut evidence) = (false, false);
        let mut justification: Option<bool> = None;
        while let Some(key) = map.next_key_seed(Peek(|k: &str| match k {
            "kind" => Field::Kind,
            "options" => Field::Options,
            "value" => Field::Value,
            "comment" => Field::Comment,
            "evidence" => Field::Evidence,
            "justification" => Field::Justification,
            _ => Field::Other,
        }))? {
            match key {
                Field::Kind if kind.is_none() => {
                    let k = map.next_value_seed(Peek(|k: &str| match k {
                        "yes" => Some(Kind::Yes),
                        "no" => Some(Kind::No),
                        "choice" => Some(Kind::Choice),
                        "number" => Some(Kind::Number),
                        "dont_know" => Some(Kind::DontKnow),
                        "not_applicable" => Some(Kind::NotApplicable),
                        "unanswered" => Some(Kind::Unanswered),
                        _ => None,
                    }))?;
                    kind = Some(k.ok_or_else(refuse)?);
                }
                Field::Options if chosen.is_none() => {
                    chosen = Some(map.next_value_seed(Chosen { q })?);
                }
                Field::Value if value.is_none() => value = Some(map.next_value()?),
                Field::Comment if !comment => {
                    comment = true;
                    map.next_value_seed(Nullable(Peek(|_: &str| ())))?;
                }
                Field::Evidence if !evidence => {
                    evidence = true;
                    map.next_value_seed(Strings)?;
                }
                Field::Justification if justification.is_none() => {
                    let j = map.next_value_seed(Nullable(Peek(|j: &str| !j.trim().is_empty())))?;
                    justification = Some(j == Some(true));
                }
                _ => return Err(refuse()),
            }
        }
        let kind = kind.ok_or_else(refuse)?;
        // Fields of another kind of answer are errors of the full path.
        if (chosen.is_some() && kind != Kind::Choice)
            || (value.is_some() && kind != Kind::Number)
            || (justification.is_some() && kind != Kind::NotApplicable)
        {
            return Err(refuse());
        }
        let accepted = match (kind, &q.response) {
            (Kind::Yes, Response::YesNo { .. }) => Some(Compact::Yes),
            (Kind::No, Response::YesNo { .. }) => Some(Compact::No),
            (Kind::Choice, Response::SingleChoice { .. }) => chosen
                .filter(|&(_, _, n)| n == 1)
                .map(|(chosen, first, _)| Compact::Choice { chosen, first }),
            (Kind::Choice, Response::MultipleChoice { .. }) => {
                chosen.map(|(chosen, first, _)| Compact::Choice { chosen, first })
            }
            (Kind::Number, Response::Numeric { min, max, .. }) => value
                .filter(|&v| validate::value_fits(v, *min, *max))
                .map(Compact::Number),
            (Kind::DontKnow, _) if q.allow_dont_know => Some(Compact::DontKnow),
            (Kind::NotApplicable, _)
                if q.allow_not_applicable
                    && (!q.require_justification || justification == Some(true)) =>
            {
                Some(Compact::NotApplicable)
            }
            (Kind::Unanswered, _) => Some(Compact::Unanswered),
            _ => None,
        };
        accepted.ok_or_else(refuse)
    }
}

/// The chosen options of a choice answer: (bits, first position, count).
/// An unknown or repeated option is refused.
struct Chosen<'q> {
    q: &'q Question,
}

impl<'de> DeserializeSeed<'de> for Chosen<'_> {
    type Value = (u64, u8, usize);
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Chosen<'_> {
    type Value = (u64, u8, usize);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option ids")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let options = options_of(self.q);
        let (mut bits, mut first, mut count) = (0u64, 0u8, 0usize);
        while let Some(i) =
            seq.next_element_seed(Peek(|id: &str| options.iter().position(|o| o.id == id)))?
        {
            let i = i.filter(|&i| i < 64).ok_or_else(refuse)?;
            if bits & (1 << i) != 0 {
                return Err(refuse());
            }
            if count == 0 {
                first = u8::try_from(i).map_err(|_| refuse())?;
            }
            bits |= 1 << i;
            count += 1;
        }
        Ok((bits, first, count))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    //! The fast path against the full path: whatever it accepts must be
    //! valid and scored exactly as the full path scores it, and plain
    //! valid documents must be accepted (else there is no fast path).

    use serde_json::{json, Map, Value};

    use super::summary;
    use crate::api;
    use crate::model::referential::{Referential, Response};

    /// The full path's result for a text.
    fn full(r: &Referential, text: &str) -> Option<crate::engine::scoring::ScoreSummary> {
        let read = |t: &str| api::read_assessment(t).map(|a| api::Batched::Read(Box::new(a)));
        let results = api::score_summaries_with(r, vec![text], read).ok()?;
        results.into_iter().next()?.ok()
    }

    /// Checks one text; returns whether the fast path took it.
    fn check(r: &Referential, text: &str) -> bool {
        let fast = summary(&crate::engine::scoring::Facts::of(r), text);
        let full = full(r, text);
        if let Some(f) = &fast {
            assert_eq!(Some(f), full.as_ref(), "fast path differs on {text}");
        }
        fast.is_some()
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            // xorshift64*: deterministic, good enough to pick cases.
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
        fn chance(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }
    }

    /// A valid answer to `q` (or an unusual but valid one).
    fn valid_answer(rng: &mut Rng, q: &crate::model::referential::Question) -> Value {
        if q.allow_not_applicable && rng.chance(8) {
            return json!({"kind": "not_applicable", "justification": "Sans objet"});
        }
        if q.allow_dont_know && rng.chance(8) {
            return json!({"kind": "dont_know", "comment": "à vérifier"});
        }
        if rng.chance(4) {
            return json!({"kind": "unanswered"});
        }
        match &q.response {
            Response::YesNo { .. } => json!({"kind": if rng.chance(50) { "yes" } else { "no" }}),
            Response::SingleChoice { options } => {
                let o = &options[rng.below(options.len() as u64) as usize];
                json!({"kind": "choice", "options": [o.id], "evidence": ["https://exemple.fr/a"]})
            }
            Response::MultipleChoice { options, .. } => {
                // Past 64 options the fast path refuses: rarely go there.
                let reach = if rng.chance(5) { options.len() } else { 64 };
                let chosen: Vec<&str> = options
                    .iter()
                    .take(reach)
                    .filter(|_| rng.chance(if options.len() > 10 { 5 } else { 50 }))
                    .map(|o| o.id.as_str())
                    .collect();
                json!({"kind": "choice", "options": chosen})
            }
            Response::Numeric {
                min, max, bands, ..
            } => {
                let mut points: Vec<f64> = bands.iter().map(|b| b.from).collect();
                points.extend(min.iter().chain(max.iter()).copied());
                points.push(min.unwrap_or(0.0) + 0.5);
                let v = points[rng.below(points.len() as u64) as usize];
                let v = v.clamp(min.unwrap_or(f64::MIN), max.unwrap_or(f64::MAX));
                json!({"kind": "number", "value": v})
            }
        }
    }

    /// A likely invalid or unusual variant of an answer.
    fn broken_answer(
        rng: &mut Rng,
        q: &crate::model::referential::Question,
        answer: &Value,
    ) -> Value {
        let mut a = answer.as_object().cloned().unwrap_or_default();
        match rng.below(13) {
            12 => {
                let two: Vec<&str> = match &q.response {
                    Response::SingleChoice { options }
                    | Response::MultipleChoice { options, .. } => {
                        options.iter().take(2).map(|o| o.id.as_str()).collect()
                    }
                    _ => vec!["a", "b"],
                };
                a.insert("kind".into(), json!("choice"));
                a.insert("options".into(), json!(two));
            }
            0 => {
                a.insert("kind".into(), json!("yes"));
            }
            1 => {
                a.insert("kind".into(), json!("choice"));
                a.insert("options".into(), json!(["nope"]));
            }
            2 => {
                let first = match &q.response {
                    Response::SingleChoice { options }
                    | Response::MultipleChoice { options, .. } => options[0].id.clone(),
                    _ => "x".into(),
                };
                a.insert("kind".into(), json!("choice"));
                a.insert("options".into(), json!([first, first]));
            }
            3 => {
                a.insert("kind".into(), json!("number"));
                a.insert("value".into(), json!(1e300));
            }
            4 => {
                a = Map::new();
                a.insert("kind".into(), json!("not_applicable"));
            }
            5 => {
                a = Map::new();
                a.insert("kind".into(), json!("dont_know"));
            }
            6 => {
                a.insert("extra".into(), json!(true));
            }
            7 => {
                a.insert("comment".into(), json!(3));
            }
            8 => {
                a.remove("kind");
            }
            9 => {
                a.insert("kind".into(), json!("Yes"));
            }
            10 => {
                a.insert("justification".into(), json!("   "));
                a.insert("kind".into(), json!("not_applicable"));
            }
            _ => {
                a.insert("kind".into(), json!("choice"));
                a.insert("options".into(), json!([]));
            }
        }
        Value::Object(a)
    }

    fn document(rng: &mut Rng, r: &Referential, broken: bool) -> String {
        let kinds = [
            "commune",
            "metropole",
            "departement",
            "region",
            "syndicat_or_opsn",
        ];
        let mut answers = Map::new();
        for q in &r.questions {
            if rng.chance(10) {
                continue;
            }
            let mut a = valid_answer(rng, q);
            if broken && rng.chance(100 / r.questions.len().max(1) as u64 + 1) {
                a = broken_answer(rng, q, &a);
            }
            answers.insert(q.id.clone(), a);
        }
        let population = [40, 3_000, 50_000, 50_001, 2_000_000][rng.below(5) as usize];
        let mut doc = json!({
            "referential": {"id": r.id, "version": r.version},
            "profile": {
                "name": "Commune d’essai",
                "kind": kinds[rng.below(kinds.len() as u64) as usize],
                "population": population,
                "siren": "212302285"
            },
            "date": "2026-03-12",
            "level": 1 + rng.below(2),
            "answers": answers
        });
        if broken && rng.chance(30) {
            let d = doc.as_object_mut().expect("an object");
            match rng.below(6) {
                0 => {
                    d.insert("date".into(), json!("2026-02-30"));
                }
                1 => {
                    d.insert("level".into(), json!(3));
                }
                2 => {
                    d.insert("from_plan".into(), json!({}));
                }
                3 => {
                    d.insert(
                        "answers".into(),
                        json!({"no-such-question": {"kind": "yes"}}),
                    );
                }
                4 => {
                    d.insert(
                        "referential".into(),
                        json!({"id": r.id, "version": "9.0.0"}),
                    );
                }
                5 => {
                    d.remove("profile");
                }
                _ => {
                    d.remove("profile");
                }
            }
        }
        let text = doc.to_string();
        if broken && rng.chance(10) {
            // A repeated answer key (the full path keeps the last one).
            if let Some(q) = r.questions.first() {
                let key = "\"answers\":{".to_owned();
                return text.replacen(
                    &key,
                    &format!("{key}\"{}\":{{\"kind\":\"unanswered\"}},", q.id),
                    1,
                );
            }
        }
        text
    }

    /// A referential with every kind of question, condition and rule.
    fn rich_referential() -> Referential {
        let q = |id: &str, theme: &str, response: Value, extra: Value| {
            let mut q = json!({
                "id": id, "theme": theme, "level": 1, "weight": 1,
                "prompt": {"fr": format!("Question {id} ?")}, "rationale": {"fr": "Parce que."},
                "response": response
            });
            if let (Some(q), Some(extra)) = (q.as_object_mut(), extra.as_object()) {
                q.extend(extra.clone());
            }
            q
        };
        let options = |ids: &[(&str, i64)]| -> Value {
            ids.iter()
                .map(|(id, p)| json!({"id": id, "label": {"fr": id}, "points": p}))
                .collect()
        };
        let many: Vec<(String, i64)> = (0..70).map(|i| (format!("o{i}"), i % 3)).collect();
        let many: Vec<(&str, i64)> = many.iter().map(|(s, p)| (s.as_str(), *p)).collect();
        let value = json!({
            "id": "rich", "version": "1.2.0", "title": {"fr": "Riche"},
            "themes": [
                {"id": "t1", "title": {"fr": "Un"}, "weight": 1},
                {"id": "t2", "title": {"fr": "Deux"}, "weight": 2.5},
                {"id": "t3", "title": {"fr": "Trois"}, "weight": 1}
            ],
            "questions": [
                q("yn", "t1", json!({"kind": "yes_no", "yes_points": 2, "no_points": 1}),
                  json!({"allow_not_applicable": true, "weight": 3})),
                q("sc", "t1", json!({"kind": "single_choice", "options": options(&[("a", 0), ("b", 1), ("c", 4)])}),
                  json!({"allow_dont_know": false})),
                q("mc", "t2", json!({"kind": "multiple_choice", "cap": 3, "options": options(&[("x", 2), ("y", 2), ("z", 0), ("w", 1)])}),
                  json!({"allow_not_applicable": true, "require_justification": true})),
                q("num", "t2", json!({"kind": "numeric", "min": -10, "max": 100, "bands": [{"from": -10, "points": 0}, {"from": 0, "points": 1}, {"from": 50, "points": 3}]}),
                  json!({})),
                q("free", "t3", json!({"kind": "numeric", "bands": [{"from": 1, "points": 1}, {"from": 1000, "points": 2}]}),
                  json!({"allow_dont_know": false, "allow_not_applicable": true})),
                q("if-yes", "t1", json!({"kind": "yes_no"}), json!({"condition": {"kind": "is_yes", "question": "yn"}})),
                q("if-no", "t3", json!({"kind": "yes_no"}), json!({"condition": {"kind": "is_no", "question": "yn"}})),
                q("if-any", "t2", json!({"kind": "yes_no"}), json!({"condition": {"kind": "any_of", "question": "mc", "options": ["y", "w"]}})),
                q("if-least", "t2", json!({"kind": "yes_no"}), json!({"condition": {"kind": "at_least", "question": "num", "value": 50}})),
                q("if-less", "t3", json!({"kind": "single_choice", "options": options(&[("p", 1), ("q", 2)])}),
                  json!({"condition": {"kind": "less_than", "question": "num", "value": 0}})),
                q("chain", "t3", json!({"kind": "yes_no"}), json!({"condition": {"kind": "is_yes", "question": "if-yes"}})),
                q("l2", "t2", json!({"kind": "yes_no"}), json!({"level": 2, "weight": 0.5})),
                q("communes", "t1", json!({"kind": "yes_no"}),
                  json!({"applies_to": {"kinds": ["commune"], "min_population": 3000}})),
                q("big", "t3", json!({"kind": "multiple_choice", "options": options(&many)}), json!({})),
                q("zero", "t3", json!({"kind": "single_choice", "options": options(&[("n", 0), ("m", 1)])}), json!({}))
            ],
            "grades": [{"grade": "A", "min": 75}, {"grade": "B", "min": 40}, {"grade": "C", "min": 0}]
        });
        api::referential_from_value(&value).expect("a valid referential")
    }

    fn generated(r: &Referential, seed: u64, n: usize) {
        let mut rng = Rng(seed);
        let (mut taken, mut clean) = (0, 0);
        for i in 0..n {
            let broken = i % 2 == 1;
            let text = document(&mut rng, r, broken);
            let fast = check(r, &text);
            if !broken {
                clean += 1;
                // Only options past the 64th may be refused.
                let far = (64..70).any(|i| text.contains(&format!("\"o{i}\"")));
                assert!(
                    fast || far,
                    "a plain valid document must take the fast path: {text}"
                );
            }
            taken += usize::from(fast);
        }
        // Broken documents mostly go to the full path; some stay valid.
        assert!(taken < n, "{taken} taken");
        assert!(taken * 3 > clean, "{taken} taken");
    }

    #[test]
    fn same_results_as_the_full_path_on_generated_assessments() {
        let r = api::default_referential().expect("the default referential");
        generated(r, 0x5eed_1234_abcd_0001, 2000);
        generated(&rich_referential(), 0x5eed_1234_abcd_0002, 6000);
    }

    #[test]
    fn a_changed_referential_is_scored_with_its_new_figures() {
        // A batch keeps per-question figures while it borrows the
        // referential; once it is changed, a new batch sees the change.
        let mut r = rich_referential();
        let mut rng = Rng(0x5eed_1234_abcd_0003);
        let texts: Vec<String> = (0..200).map(|_| document(&mut rng, &r, false)).collect();
        let summaries = |r: &Referential| -> Vec<_> {
            let s = api::Summariser::new(r).expect("a valid referential");
            texts.iter().map(|t| s.json(t).ok()).collect()
        };
        let before = summaries(&r);
        for (q, to) in [("sc", "t3"), ("mc", "t1"), ("num", "t3")] {
            let q = r.questions.iter_mut().find(|x| x.id == q).unwrap();
            q.theme = to.into();
            q.weight *= 2.0;
        }
        for q in &mut r.questions {
            match &mut q.response {
                Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
                    for o in options.iter_mut() {
                        o.points += 1;
                    }
                }
                Response::YesNo { yes_points, .. } => *yes_points += 2,
                Response::Numeric { bands, .. } => {
                    for b in bands.iter_mut() {
                        b.points *= 2;
                    }
                }
            }
        }
        // Conditions in another order: the shown states take the walk.
        r.questions.reverse();
        let after = summaries(&r);
        assert_ne!(before, after);
        for (text, got) in texts.iter().zip(&after) {
            assert!(got.is_some(), "refused: {text}");
            assert_eq!(got.as_ref(), full(&r, text).as_ref(), "on {text}");
        }
    }

    #[test]
    fn same_results_as_the_full_path_on_vectors_and_examples() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut seen = 0;
        let mut texts: Vec<(Option<Value>, String)> = Vec::new();
        for dir in ["tests/vectors", "examples"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
                .expect("a directory")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).expect("readable");
                let Ok(v) = serde_json::from_str::<Value>(&text) else {
                    continue;
                };
                if let Some(a) = v.get("assessment") {
                    texts.push((v.get("referential").cloned(), a.to_string()));
                } else if v.get("answers").is_some() {
                    texts.push((None, text));
                }
            }
        }
        for (referential, text) in texts {
            let owned;
            let r = match referential {
                Some(v) if v.is_object() => {
                    let Ok(parsed) = api::referential_from_value(&v) else {
                        continue;
                    };
                    owned = parsed;
                    &owned
                }
                _ => api::default_referential().expect("the default referential"),
            };
            check(r, &text);
            seen += 1;
        }
        assert!(seen >= 30, "{seen} assessments compared");
    }
}
