//! The translation catalog. Every user-visible text is a field of [`Catalog`]; each language is
//! one `static` of that type (server side only), so a language missing a text does not compile.
//! Codes from the domain (field errors, send steps, failure causes) are worded here and nowhere
//! else.
//!
//! The browser never holds the five catalogs: the server writes the texts of the page's language
//! into the page ([`page_texts`]) and the wasm reads them back at start.
//!
//! Texts with `{name}` placeholders are filled with [`fill`].

mod catalog;
pub mod format;
mod lang;
mod lookup;
pub mod page_texts;
mod texts;

#[cfg(feature = "ssr")]
mod de;
#[cfg(feature = "ssr")]
mod en;
#[cfg(feature = "ssr")]
mod es;
#[cfg(feature = "ssr")]
mod fr;
#[cfg(feature = "ssr")]
mod ja;
#[cfg(feature = "ssr")]
pub mod negotiation;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use catalog::*;
pub use lang::Lang;
pub use texts::Texts;

/// The catalog of the language being shown: on the server the request's language, in the
/// browser the texts the server put into the page.
pub fn catalog() -> &'static Catalog {
    #[cfg(feature = "ssr")]
    {
        negotiation::request_language().catalog()
    }
    #[cfg(not(feature = "ssr"))]
    {
        page_texts::catalog()
    }
}

#[cfg(feature = "ssr")]
impl Lang {
    pub fn catalog(self) -> &'static Catalog {
        match self {
            Lang::En => &en::EN,
            Lang::Fr => &fr::FR,
            Lang::Es => &es::ES,
            Lang::De => &de::DE,
            Lang::Ja => &ja::JA,
        }
    }
}

/// Every language's texts by path (`account.sign_in_title`), as JSON.
#[cfg(feature = "ssr")]
pub fn export_json() -> String {
    let mut names = Vec::new();
    Catalog::names("", &mut names);
    let languages: serde_json::Map<String, serde_json::Value> = Lang::ALL
        .into_iter()
        .map(|lang| {
            let mut texts = Vec::new();
            lang.catalog().write(&mut texts);
            let texts = names
                .iter()
                .map(|name| name.trim_start_matches('.').to_owned())
                .zip(
                    texts
                        .into_iter()
                        .map(|t| serde_json::Value::from(t.into_owned())),
                )
                .collect();
            (lang.code().to_owned(), serde_json::Value::Object(texts))
        })
        .collect();
    serde_json::to_string_pretty(&languages).unwrap_or_default()
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

impl Catalog {
    pub fn security_label(&self, security: crate::domain::smtp::SmtpSecurity) -> &'static str {
        use crate::domain::smtp::SmtpSecurity::*;
        match security {
            StartTls => self.security_starttls,
            Tls => self.security_tls,
            None => self.security_none,
        }
    }

    pub fn provider_name(&self, kind: crate::domain::provider::ProviderKind) -> &'static str {
        use crate::domain::provider::ProviderKind::*;
        match kind {
            None => self.provider_none,
            Smtp => self.provider_smtp,
            Microsoft365 => self.provider_microsoft365,
        }
    }

    pub fn auth_type_label(&self, auth: crate::domain::smtp::SmtpAuthType) -> &'static str {
        use crate::domain::smtp::SmtpAuthType::*;
        match auth {
            Password => self.auth_type_password,
            MicrosoftOAuth => self.auth_type_microsoft,
        }
    }

    /// `one` or `other`, as this language words a count of `n`.
    pub fn counted(&self, n: u64, one: &'static str, other: &'static str) -> &'static str {
        let lang = Lang::from_tag(self.lang).unwrap_or_default();
        if lang.is_one(n) {
            one
        } else {
            other
        }
    }

    pub fn api_error(&self, error: &crate::error::ApiError) -> String {
        use crate::error::ApiError::*;
        match error {
            Invalid(_) => self.error_fix_fields,
            Unauthenticated => self.error_unauthenticated,
            Forbidden => self.error_forbidden,
            Conflict(Some(changed)) => {
                let at = format::local_time(&changed.at);
                return fill(self.error_conflict_by, &[("by", &changed.by), ("at", &at)]);
            }
            Conflict(None) => self.error_conflict,
            SignInFailed => self.error_sign_in_failed,
            TooManyAttempts { retry_after_s } => {
                let minutes = retry_after_s.div_ceil(60);
                let text = self.counted(
                    minutes,
                    self.error_too_many_attempts_one,
                    self.error_too_many_attempts,
                );
                return fill(text, &[("minutes", &minutes.to_string())]);
            }
            Busy { retry_after_s } => {
                let text = self.counted(*retry_after_s, self.error_busy_one, self.error_busy);
                return fill(text, &[("seconds", &retry_after_s.to_string())]);
            }
            LinkInvalid => self.error_link_invalid,
            NotFound => self.error_not_found,
            NotConfigured => self.error_not_configured,
            Internal => self.error_internal,
            Transport(_) => self.error_transport,
        }
        .to_owned()
    }
}
