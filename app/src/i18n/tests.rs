//! Every language is complete: each text is there, not empty, with the same placeholders and
//! steps as English, and translated (only the names below may stay as in English).

use super::{fill, Catalog, Lang, Texts};
use std::collections::BTreeSet;

/// Texts that are the same in every language: product and protocol names.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
    "Mailwright",
    "SMTP",
    "StartTLS",
    "SSL/TLS",
    "Microsoft 365",
    // Transcript line markers (client, server) and a line of placeholders only.
    "C:",
    "S:",
    "{email} · {tenant}",
];

/// Texts that are genuinely the same word in a language, as (language, text).
const SAME_WORD: &[(Lang, &str)] = &[
    (Lang::Es, "No"),
    (Lang::Fr, "Port"),
    (Lang::Fr, "Notification"),
    (Lang::De, "Port"),
    (Lang::De, "Name"),
    (Lang::De, "Status"),
];

fn texts(catalog: &Catalog) -> Vec<(String, String)> {
    let (mut names, mut values) = (Vec::new(), Vec::new());
    Catalog::names("catalog", &mut names);
    catalog.write(&mut values);
    assert_eq!(names.len(), values.len());
    names
        .into_iter()
        .zip(values.into_iter().map(String::from))
        .collect()
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn every_language_translates_every_text() {
    let english = texts(Lang::En.catalog());
    let mut problems = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let catalog = lang.catalog();
        assert_eq!(catalog.lang, lang.code());
        for ((name, en), (_, text)) in english.iter().zip(texts(catalog)) {
            if name == "catalog.lang" {
                continue;
            }
            if text.trim().is_empty() {
                problems.push(format!("{lang:?} {name}: empty"));
            }
            if text == *en
                && !SAME_IN_EVERY_LANGUAGE.contains(&en.as_str())
                && !SAME_WORD.contains(&(lang, en.as_str()))
            {
                problems.push(format!("{lang:?} {name}: same as English: {en:?}"));
            }
            if placeholders(&text) != placeholders(en) {
                problems.push(format!("{lang:?} {name}: placeholders differ from {en:?}"));
            }
            if text.lines().count() != en.lines().count() && name.ends_with("_steps") {
                problems.push(format!("{lang:?} {name}: not the same number of steps"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn names_cover_every_text() {
    let names = texts(Lang::En.catalog());
    assert!(names
        .iter()
        .any(|(n, _)| n == "catalog.account.sign_in_title"));
    assert!(names.iter().any(|(n, _)| n == "catalog.causes.timeout.fix"));
    let unique: BTreeSet<_> = names.iter().map(|(n, _)| n).collect();
    assert_eq!(unique.len(), names.len());
}

#[test]
fn placeholders_are_found() {
    assert_eq!(placeholders("{a} and {b}, {a}"), BTreeSet::from(["a", "b"]));
    assert!(placeholders("none").is_empty());
}

#[test]
fn fill_replaces_placeholders() {
    assert_eq!(
        fill("took {ms} ms, {ms}!", &[("ms", "12")]),
        "took 12 ms, 12!"
    );
}

#[test]
fn counts_take_each_languages_plural_form() {
    use crate::error::ApiError::{Busy, TooManyAttempts};
    let locked = |lang: Lang, s| {
        lang.catalog()
            .api_error(&TooManyAttempts { retry_after_s: s })
    };
    assert!(locked(Lang::En, 60).ends_with("Try again in 1 minute."));
    assert!(locked(Lang::En, 61).ends_with("Try again in 2 minutes."));
    assert!(locked(Lang::Fr, 30).ends_with("dans 1 minute."));
    assert!(locked(Lang::Fr, 900).ends_with("dans 15 minutes."));
    assert!(locked(Lang::Es, 60).ends_with("dentro de 1 minuto."));
    assert!(locked(Lang::De, 60).contains("in 1 Minute erneut"));
    assert!(locked(Lang::De, 120).contains("in 2 Minuten erneut"));
    assert!(locked(Lang::Ja, 60).contains("1 分後"));
    let busy = Lang::En.catalog().api_error(&Busy { retry_after_s: 1 });
    assert!(busy.ends_with("Try again in 1 second."), "{busy}");
    assert!(Lang::Fr.is_one(0) && !Lang::En.is_one(0) && !Lang::Ja.is_one(1));
}
