//! Numbers and times in the reader's locale. Times render as UTC on the server (it cannot know
//! the reader's time zone); [`LocalTime`] rewrites them in the browser's zone once the page runs.

use super::Lang;
use leptos::prelude::*;

/// An RFC 3339 UTC time as "2026-11-22 14:05:09 UTC", the form the server renders.
pub fn display_time(rfc3339: &str) -> String {
    match rfc3339.strip_suffix('Z') {
        Some(time) => format!("{} UTC", time.replacen('T', " ", 1)),
        None => rfc3339.to_owned(),
    }
}

/// A time in the reader's language, date and time style and time zone (with the zone shown).
/// Outside the browser: [`display_time`].
pub fn local_time(rfc3339: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        browser_time(rfc3339).unwrap_or_else(|| display_time(rfc3339))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        display_time(rfc3339)
    }
}

#[cfg(feature = "hydrate")]
fn browser_time(rfc3339: &str) -> Option<String> {
    use leptos::wasm_bindgen::JsValue;
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return None;
    }
    // Explicit fields: engines refuse `timeZoneName` together with `dateStyle`/`timeStyle`.
    let options = js_sys::Object::new();
    for (key, value) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
        ("timeZoneName", "short"),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let text = date.to_locale_string(super::catalog().lang, &options);
    Some(String::from(text))
}

/// A `<time>` that shows `at` as the server rendered it, then in the reader's zone once the
/// page is interactive (an effect runs only in the browser, after hydration).
#[component]
pub fn LocalTime(#[prop(into)] at: String) -> impl IntoView {
    let text = RwSignal::new(display_time(&at));
    let datetime = at.clone();
    Effect::new(move |_| text.set(local_time(&at)));
    view! { <time datetime=datetime>{text}</time> }
}

/// A whole number with the language's digit grouping: 12,345 · 12 345 · 12.345 · 12.345 ·
/// 12,345. Spanish groups only from five digits.
pub fn format_number(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let (separator, min_digits) = match lang {
        Lang::En | Lang::Ja => (",", 4),
        Lang::Fr => ("\u{202f}", 4),
        Lang::De => (".", 4),
        Lang::Es => (".", 5),
    };
    if digits.len() < min_digits {
        return digits;
    }
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// [`format_number`] in the language being shown.
pub fn number(n: u64) -> String {
    format_number(n, Lang::from_tag(super::catalog().lang).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(format_number(999, Lang::En), "999");
        assert_eq!(format_number(1234, Lang::En), "1,234");
        assert_eq!(format_number(1234567, Lang::Ja), "1,234,567");
        assert_eq!(format_number(12345, Lang::Fr), "12\u{202f}345");
        assert_eq!(format_number(1234, Lang::De), "1.234");
        assert_eq!(format_number(1234, Lang::Es), "1234");
        assert_eq!(format_number(12345, Lang::Es), "12.345");
        assert_eq!(format_number(0, Lang::De), "0");
    }

    #[test]
    fn the_server_shows_utc() {
        assert_eq!(
            display_time("2026-11-22T14:05:09Z"),
            "2026-11-22 14:05:09 UTC"
        );
        assert_eq!(display_time("garbage"), "garbage");
    }
}
