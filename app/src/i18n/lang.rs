//! The five languages and how a request's `Accept-Language` picks one.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    Es,
    De,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Fr, Lang::Es, Lang::De, Lang::Ja];

    /// Whether a whole count takes the language's "one" form (CLDR plural rules for integers:
    /// 1 in English, Spanish and German, 0 and 1 in French; Japanese has no plural forms).
    pub fn is_one(self, n: u64) -> bool {
        match self {
            Lang::En | Lang::Es | Lang::De => n == 1,
            Lang::Fr => n <= 1,
            Lang::Ja => false,
        }
    }

    /// The BCP 47 code, as in `<html lang>` and the `mw_lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::De => "de",
            Lang::Ja => "ja",
        }
    }

    /// The language's name in itself, as the language menu shows it (never translated).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::De => "Deutsch",
            Lang::Ja => "日本語",
        }
    }

    /// The language of a tag such as `fr`, `fr-CA` or `ja-JP` (its primary subtag).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// The preferred language of an `Accept-Language` header: the highest q-value that names one
    /// of ours (by its primary subtag), the earlier entry on a tie; `None` when none does.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for entry in accept_language.split(',') {
            let mut parts = entry.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let quality = parts
                .filter_map(|param| param.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_fall_back_to_their_language() {
        assert_eq!(Lang::negotiate("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::negotiate("ja-JP,ja;q=0.9"), Some(Lang::Ja));
        assert_eq!(Lang::negotiate("de_AT"), Some(Lang::De));
        assert_eq!(Lang::negotiate("ES-mx"), Some(Lang::Es));
    }

    #[test]
    fn unknown_languages_are_skipped() {
        assert_eq!(Lang::negotiate("pt-BR"), None);
        assert_eq!(Lang::negotiate("pt-BR,pt;q=0.9,de;q=0.5"), Some(Lang::De));
        assert_eq!(Lang::negotiate("*"), None);
        assert_eq!(Lang::negotiate(""), None);
        assert_eq!(Lang::negotiate("x-klingon;q=1, ;q=0.5"), None);
    }

    #[test]
    fn q_values_order_the_choices() {
        assert_eq!(
            Lang::negotiate("en;q=0.4, ja;q=0.8, fr;q=0.6"),
            Some(Lang::Ja)
        );
        assert_eq!(Lang::negotiate("de;q=0.5, es;q=0.5"), Some(Lang::De));
        assert_eq!(Lang::negotiate("fr;q=0, es;q=0.1"), Some(Lang::Es));
        assert_eq!(Lang::negotiate("fr;q=0"), None);
        assert_eq!(Lang::negotiate("es;q=abc"), Some(Lang::Es));
    }
}
