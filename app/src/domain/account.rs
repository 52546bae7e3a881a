//! Accounts as the browser and the server both see them: the sign-in, first-admin and password
//! forms and their rules. Passwords are checked for length only (no dictionary: that would need
//! tables in the browser bundle).

use super::address::validate_address;
use super::field::{single_line, Field, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Long enough to resist guessing once hashed; long passphrases are welcome.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Bounds the Argon2 work an anonymous caller can ask for.
pub const PASSWORD_MAX_CHARS: usize = 256;
const NAME_MAX_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Member => "member",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "admin" => Some(Self::Admin),
            "member" => Some(Self::Member),
            _ => None,
        }
    }
}

/// The signed-in user, as the page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub email: String,
    pub tenant_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
}

impl SignInForm {
    /// Only presence is checked: telling which rule a wrong address breaks would help no one.
    /// A password longer than any account can have is refused before it costs a hash.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.check(Field::Email, required(&self.email));
        let password = required(&self.password).and_then(|()| {
            if self.password.chars().count() > PASSWORD_MAX_CHARS {
                Err(FieldError::TooLong)
            } else {
                Ok(())
            }
        });
        errors.check(Field::Password, password);
        errors.into_result()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForgotPasswordForm {
    pub email: String,
}

impl ForgotPasswordForm {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.check(Field::Email, validate_address(self.email.trim()));
        errors.into_result()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPasswordForm {
    /// The token from the link in the email.
    pub token: String,
    pub password: String,
}

impl ResetPasswordForm {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.check(Field::NewPassword, validate_new_password(&self.password));
        errors.into_result()
    }
}

/// The first start: the tenant and its first admin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupForm {
    /// The one-time token printed by `mailwright serve`.
    pub token: String,
    pub organization: String,
    pub email: String,
    pub password: String,
}

impl SetupForm {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.check(Field::Organization, validate_name(&self.organization));
        errors.check(Field::Email, validate_address(self.email.trim()));
        errors.check(Field::NewPassword, validate_new_password(&self.password));
        errors.into_result()
    }
}

pub fn validate_new_password(password: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars == 0 {
        Err(FieldError::Required)
    } else if chars < PASSWORD_MIN_CHARS {
        Err(FieldError::PasswordTooShort)
    } else if chars > PASSWORD_MAX_CHARS {
        Err(FieldError::TooLong)
    } else {
        Ok(())
    }
}

/// An organization (tenant) name: one line of at most 100 characters.
pub fn validate_name(name: &str) -> Result<(), FieldError> {
    let name = name.trim();
    required(name)?;
    single_line(name)?;
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(FieldError::TooLong);
    }
    Ok(())
}

fn required(value: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        Err(FieldError::Required)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_need_twelve_characters_counted_as_characters() {
        assert_eq!(validate_new_password(""), Err(FieldError::Required));
        assert_eq!(
            validate_new_password("short pass1"),
            Err(FieldError::PasswordTooShort)
        );
        assert_eq!(validate_new_password("twelve chars"), Ok(()));
        // Twelve characters, more bytes: counted as characters.
        assert_eq!(validate_new_password("éééééééééééé"), Ok(()));
        assert_eq!(
            validate_new_password(&"x".repeat(PASSWORD_MAX_CHARS + 1)),
            Err(FieldError::TooLong)
        );
    }

    #[test]
    fn setup_checks_every_field() {
        let errors = SetupForm {
            token: "t".into(),
            organization: " ".into(),
            email: "not an address".into(),
            password: "short".into(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.get(Field::Organization), Some(FieldError::Required));
        assert_eq!(errors.get(Field::Email), Some(FieldError::AddressMissingAt));
        assert_eq!(
            errors.get(Field::NewPassword),
            Some(FieldError::PasswordTooShort)
        );
        assert!(SetupForm {
            token: "t".into(),
            organization: "Acme".into(),
            email: "admin@acme.example".into(),
            password: "a long passphrase".into(),
        }
        .validate()
        .is_ok());
    }

    #[test]
    fn sign_in_needs_both_fields_only() {
        let errors = SignInForm::default().validate().unwrap_err();
        assert_eq!(errors.get(Field::Email), Some(FieldError::Required));
        assert_eq!(errors.get(Field::Password), Some(FieldError::Required));
        assert!(SignInForm {
            email: "x".into(),
            password: "y".into()
        }
        .validate()
        .is_ok());
        let long = SignInForm {
            email: "x".into(),
            password: "y".repeat(PASSWORD_MAX_CHARS + 1),
        };
        assert_eq!(
            long.validate().unwrap_err().get(Field::Password),
            Some(FieldError::TooLong)
        );
    }
}
