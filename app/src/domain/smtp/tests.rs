use super::*;

fn form() -> SmtpForm {
    SmtpForm {
        host: "smtp.example.com".into(),
        port: "587".into(),
        security: SmtpSecurity::StartTls,
        sender_email: "reports@example.com".into(),
        sender_name: "Reports".into(),
        auth_enabled: true,
        auth_type: SmtpAuthType::Password,
        username_same_as_sender: true,
        username: String::new(),
        password: "s3cret".into(),
        oauth: MicrosoftAppForm::default(),
        rate_per_minute: String::new(),
        ca_certificate: String::new(),
    }
}

const TENANT: &str = "8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6f";
const CLIENT: &str = "3b9a1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

fn oauth_form() -> SmtpForm {
    SmtpForm {
        host: "smtp.office365.com".into(),
        auth_type: SmtpAuthType::MicrosoftOAuth,
        password: String::new(),
        oauth: MicrosoftAppForm {
            tenant_id: TENANT.into(),
            client_id: CLIENT.into(),
            client_secret: "Xy7~k2Q.secret-value".into(),
            secret_expires_on: String::new(),
        },
        ..form()
    }
}

fn saved() -> SavedSmtp {
    let mut stored = form();
    stored.password.clear();
    let settings = validate_smtp(&form(), None).unwrap().settings;
    assert_eq!(settings.to_form(), stored);
    SavedSmtp {
        settings,
        secret_saved: true,
        trusted_ca: None,
    }
}

fn error(form: &SmtpForm, saved: Option<&SavedSmtp>, field: Field) -> Option<FieldError> {
    validate_smtp(form, saved).err().and_then(|e| e.get(field))
}

#[test]
fn valid_form_is_trimmed_and_keeps_its_password() {
    let mut f = form();
    f.host = "  smtp.example.com ".into();
    f.port = " 587".into();
    let valid = validate_smtp(&f, None).unwrap();
    assert_eq!(valid.settings.host, "smtp.example.com");
    assert_eq!(valid.settings.port, 587);
    assert_eq!(valid.settings.login(), Some("reports@example.com"));
    assert_eq!(valid.secret, SecretUpdate::Set("s3cret".into()));
}

#[test]
fn field_rules() {
    type Edit = fn(&mut SmtpForm);
    let cases: &[(&str, Edit, Field, FieldError)] = &[
        (
            "empty host",
            |f| f.host.clear(),
            Field::Host,
            FieldError::Required,
        ),
        (
            "host with port",
            |f| f.host = "smtp.example.com:25".into(),
            Field::Host,
            FieldError::HostHasPort,
        ),
        (
            "empty port",
            |f| f.port.clear(),
            Field::Port,
            FieldError::Required,
        ),
        (
            "port text",
            |f| f.port = "58x".into(),
            Field::Port,
            FieldError::PortNotNumber,
        ),
        (
            "port zero",
            |f| f.port = "0".into(),
            Field::Port,
            FieldError::PortOutOfRange,
        ),
        (
            "port too big",
            |f| f.port = "65536".into(),
            Field::Port,
            FieldError::PortOutOfRange,
        ),
        (
            "negative port",
            |f| f.port = "-1".into(),
            Field::Port,
            FieldError::PortNotNumber,
        ),
        (
            "huge port",
            |f| f.port = "99999999999".into(),
            Field::Port,
            FieldError::PortOutOfRange,
        ),
        (
            "bad sender",
            |f| f.sender_email = "reports".into(),
            Field::SenderEmail,
            FieldError::AddressMissingAt,
        ),
        (
            "name with LF",
            |f| f.sender_name = "A\nBcc: x@y.z".into(),
            Field::SenderName,
            FieldError::LineBreak,
        ),
        (
            "name too long",
            |f| f.sender_name = "n".repeat(129),
            Field::SenderName,
            FieldError::TooLong,
        ),
        (
            "username needed",
            |f| f.username_same_as_sender = false,
            Field::Username,
            FieldError::Required,
        ),
        (
            "password needed",
            |f| f.password.clear(),
            Field::Password,
            FieldError::PasswordRequired,
        ),
        (
            "password with CR",
            |f| f.password = "a\rb".into(),
            Field::Password,
            FieldError::LineBreak,
        ),
    ];
    for (name, edit, field, expected) in cases {
        let mut f = form();
        edit(&mut f);
        assert_eq!(error(&f, None, *field), Some(*expected), "{name}");
    }
}

#[test]
fn port_bounds_are_accepted() {
    for port in ["1", "25", "465", "65535"] {
        let mut f = form();
        f.port = port.into();
        assert!(validate_smtp(&f, None).is_ok(), "port {port}");
    }
}

#[test]
fn without_authentication_no_password_is_needed_or_kept() {
    let mut f = form();
    f.auth_enabled = false;
    f.password.clear();
    f.username_same_as_sender = false; // the hidden username is not checked
    let valid = validate_smtp(&f, Some(&saved())).unwrap();
    assert_eq!(valid.settings.auth, None);
    assert_eq!(valid.secret, SecretUpdate::Clear);
}

#[test]
fn blank_password_keeps_the_saved_one_for_the_same_destination() {
    let mut f = form();
    f.password.clear();
    f.sender_name = "Renamed".into();
    assert_eq!(
        validate_smtp(&f, Some(&saved())).unwrap().secret,
        SecretUpdate::Keep
    );
}

#[test]
fn new_destination_needs_the_password_again() {
    type Edit = fn(&mut SmtpForm);
    let edits: &[(&str, Edit)] = &[
        ("host", |f| f.host = "evil.example.net".into()),
        ("port", |f| f.port = "2525".into()),
        ("security", |f| f.security = SmtpSecurity::None),
        ("username", |f| {
            f.username_same_as_sender = false;
            f.username = "other".into();
        }),
        ("sender used as username", |f| {
            f.sender_email = "other@example.com".into()
        }),
    ];
    for (name, edit) in edits {
        let mut f = form();
        f.password.clear();
        edit(&mut f);
        assert_eq!(
            error(&f, Some(&saved()), Field::Password),
            Some(FieldError::PasswordRetypeForNewDestination),
            "{name}"
        );
        f.password = "typed-again".into();
        assert!(
            validate_smtp(&f, Some(&saved())).is_ok(),
            "{name} with password"
        );
    }
}

#[test]
fn debug_output_never_shows_the_password() {
    let f = form();
    let valid = validate_smtp(&f, None).unwrap();
    for text in [format!("{f:?}"), format!("{valid:?}")] {
        assert!(!text.contains("s3cret"), "{text}");
    }
}

#[test]
fn security_defaults() {
    assert_eq!(SmtpSecurity::StartTls.default_port(), 587);
    assert_eq!(SmtpSecurity::Tls.default_port(), 465);
    assert_eq!(SmtpSecurity::None.default_port(), 25);
    for s in SmtpSecurity::ALL {
        assert_eq!(SmtpSecurity::parse(s.as_str()), Some(s));
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut f = form();
    f.port = "0".into();
    f.password.clear();
    f.username_same_as_sender = false;
    let errors = validate_smtp(&f, None).unwrap_err();
    assert_eq!(errors.get(Field::Port), Some(FieldError::PortOutOfRange));
    assert_eq!(errors.get(Field::Username), Some(FieldError::Required));
    assert_eq!(
        errors.get(Field::Password),
        Some(FieldError::PasswordRequired)
    );
}

#[test]
fn port_follows_security_until_the_admin_chooses_one() {
    let mut f = SmtpForm::suggested();
    assert_eq!(
        (f.security, f.port.as_str()),
        (SmtpSecurity::StartTls, "587")
    );
    f.set_security(SmtpSecurity::Tls, false);
    assert_eq!(f.port, "465");
    f.set_security(SmtpSecurity::None, false);
    assert_eq!(f.port, "25");
    f.port = "2525".into();
    f.set_security(SmtpSecurity::StartTls, true);
    assert_eq!(
        (f.security, f.port.as_str()),
        (SmtpSecurity::StartTls, "2525")
    );

    let mut settings = saved().settings;
    assert!(!settings.has_custom_port());
    settings.port = 2525;
    assert!(settings.has_custom_port());
}

#[test]
fn microsoft_oauth_needs_the_app_and_its_secret_not_a_password() {
    let valid = validate_smtp(&oauth_form(), None).unwrap();
    let app = MicrosoftApp {
        tenant_id: TENANT.into(),
        client_id: CLIENT.into(),
        secret_expires_on: None,
    };
    assert_eq!(valid.settings.auth, Some(SmtpAuth::MicrosoftOAuth(app)));
    assert_eq!(valid.settings.login(), Some("reports@example.com"));
    assert_eq!(
        valid.secret,
        SecretUpdate::Set("Xy7~k2Q.secret-value".into())
    );

    let mut f = oauth_form();
    f.oauth = MicrosoftAppForm {
        tenant_id: "contoso".into(),
        client_id: "my-app".into(),
        client_secret: TENANT.into(),
        secret_expires_on: String::new(),
    };
    f.username_same_as_sender = false;
    // Username and Password are hidden for OAuth, so not checked.
    let errors = validate_smtp(&f, None).unwrap_err();
    let expected = [
        (Field::TenantId, FieldError::TenantIdInvalid),
        (Field::ClientId, FieldError::ClientIdNotGuid),
        (Field::ClientSecret, FieldError::ClientSecretIsId),
    ];
    assert_eq!(errors.iter().collect::<Vec<_>>(), expected);
}

#[test]
fn microsoft_oauth_secret_is_kept_only_for_the_same_app_and_server() {
    let settings = validate_smtp(&oauth_form(), None).unwrap().settings;
    let saved = SavedSmtp {
        settings,
        secret_saved: true,
        trusted_ca: None,
    };
    let mut f = oauth_form();
    f.oauth.client_secret.clear();
    assert_eq!(
        validate_smtp(&f, Some(&saved)).unwrap().secret,
        SecretUpdate::Keep
    );
    type Edit = fn(&mut SmtpForm);
    let edits: &[(&str, Edit)] = &[
        ("tenant", |f| {
            f.oauth.tenant_id = "fabrikam.onmicrosoft.com".into()
        }),
        ("client", |f| {
            f.oauth.client_id = "00000000-0000-4000-8000-000000000001".into()
        }),
        ("host", |f| f.host = "smtp.example.net".into()),
    ];
    for (name, edit) in edits {
        let mut f = f.clone();
        edit(&mut f);
        assert_eq!(
            error(&f, Some(&saved), Field::ClientSecret),
            Some(FieldError::ClientSecretRetypeForNewDestination),
            "{name}"
        );
    }
    // A saved password never counts as a client secret, and the reverse.
    let mut switched = form();
    switched.password.clear();
    switched.host = "smtp.office365.com".into();
    let oauth_saved = SavedSmtp {
        secret_saved: true,
        ..saved
    };
    assert_eq!(
        error(&switched, Some(&oauth_saved), Field::Password),
        Some(FieldError::PasswordRetypeForNewDestination)
    );
}

#[test]
fn the_sending_limit_is_blank_or_a_whole_number_of_messages_a_minute() {
    assert_eq!(parse_rate(""), Ok(None));
    assert_eq!(parse_rate(" 30 "), Ok(Some(30)));
    assert_eq!(parse_rate("100000"), Ok(Some(100_000)));
    for bad in ["0", "-1", "1.5", "ten", "100001"] {
        assert_eq!(parse_rate(bad), Err(FieldError::RateInvalid), "{bad}");
    }
    let mut form = SmtpForm {
        host: "smtp.example.com".into(),
        sender_email: "reports@example.com".into(),
        password: "secret".into(),
        rate_per_minute: "ten".into(),
        ..SmtpForm::suggested()
    };
    let errors = validate_smtp(&form, None).unwrap_err();
    assert_eq!(errors.get(Field::RateLimit), Some(FieldError::RateInvalid));
    form.rate_per_minute = "120".into();
    let valid = validate_smtp(&form, None).unwrap();
    assert_eq!(valid.settings.rate_per_minute, Some(120));
    assert_eq!(valid.settings.to_form().rate_per_minute, "120");
}

#[test]
fn a_password_on_exchange_onlines_smtp_is_basic_authentication() {
    let on = |host: &str, auth: Option<SmtpAuth>| SmtpSettings {
        host: host.into(),
        auth,
        ..SmtpSettings::example()
    };
    let password = || Some(SmtpAuth::Password { username: None });
    assert!(on("smtp.office365.com", password()).uses_microsoft_basic_auth());
    assert!(on("SMTP-Mail.Outlook.com.", password()).uses_microsoft_basic_auth());
    assert!(!on("smtp.example.com", password()).uses_microsoft_basic_auth());
    assert!(!on("smtp.office365.com", None).uses_microsoft_basic_auth());
    let oauth = Some(SmtpAuth::MicrosoftOAuth(
        crate::domain::microsoft::MicrosoftApp {
            tenant_id: "contoso.onmicrosoft.com".into(),
            client_id: "3f1b9a2c-7d4e-4b8a-9c6f-0e2d5a7b1c93".into(),
            secret_expires_on: None,
        },
    ));
    assert!(!on("smtp.office365.com", oauth).uses_microsoft_basic_auth());
}

const PEM: &str = "-----BEGIN CERTIFICATE-----\r\nMIIBszCCAVmgAwIBAgIUQ2Fm\r\nZQ==\r\n-----END CERTIFICATE-----\r\n";

#[test]
fn a_ca_certificate_is_one_pem_certificate_or_nothing() {
    let with = |pem: &str| SmtpForm {
        ca_certificate: pem.into(),
        ..form()
    };
    let settings = validate_smtp(&with(PEM), None).unwrap().settings;
    let pem = settings.ca_certificate.unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\nMIIB") && !pem.contains('\r'));
    assert_eq!(
        validate_smtp(&with("  "), None)
            .unwrap()
            .settings
            .ca_certificate,
        None
    );
    let not_pem = Some(FieldError::CertificateNotPem);
    for bad in [
        "MIIBszCCAVmgAwIBAgIUQ2Fm",
        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
        "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----",
        "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----",
    ] {
        assert_eq!(
            error(&with(bad), None, Field::CaCertificate),
            not_pem,
            "{bad}"
        );
    }
    let two = format!("{PEM}{PEM}");
    assert_eq!(error(&with(&two), None, Field::CaCertificate), not_pem);
    let huge = PEM.replace("ZQ==", &"A".repeat(20_000));
    assert_eq!(
        error(&with(&huge), None, Field::CaCertificate),
        Some(FieldError::TooLong)
    );
}

#[test]
fn a_new_ca_certificate_needs_the_password_again_and_a_new_expiry_date_does_not() {
    let saved = saved();
    let mut f = form();
    f.password.clear();
    f.ca_certificate = PEM.into();
    assert_eq!(
        error(&f, Some(&saved), Field::Password),
        Some(FieldError::PasswordRetypeForNewDestination)
    );

    let oauth_saved = SavedSmtp {
        settings: validate_smtp(&oauth_form(), None).unwrap().settings,
        secret_saved: true,
        trusted_ca: None,
    };
    let mut f = oauth_form();
    f.oauth.client_secret.clear();
    f.oauth.secret_expires_on = "2027-03-31".into();
    let valid = validate_smtp(&f, Some(&oauth_saved)).unwrap();
    assert_eq!(valid.secret, SecretUpdate::Keep);
    let app = valid
        .settings
        .auth
        .as_ref()
        .and_then(SmtpAuth::microsoft_app);
    assert_eq!(
        app.unwrap().secret_expires_on.unwrap().to_string(),
        "2027-03-31"
    );
    f.oauth.secret_expires_on = "31/03/2027".into();
    assert_eq!(
        error(&f, Some(&oauth_saved), Field::SecretExpiresOn),
        Some(FieldError::DateInvalid)
    );
}
