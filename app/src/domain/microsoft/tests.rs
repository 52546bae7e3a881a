use super::*;

const TENANT: &str = "8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6f";
const CLIENT: &str = "3B9A1C2D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";

fn form() -> GraphForm {
    GraphForm {
        sender_email: " sender@contoso.onmicrosoft.com ".into(),
        app: MicrosoftAppForm {
            tenant_id: TENANT.into(),
            client_id: CLIENT.into(),
            client_secret: "Xy7~k2Q.abcDEF_ghiJKL".into(),
            secret_expires_on: String::new(),
        },
    }
}

fn saved() -> SavedGraph {
    SavedGraph {
        settings: validate_graph(&form(), None).unwrap().settings,
        secret_saved: true,
    }
}

fn error(form: &GraphForm, saved: Option<&SavedGraph>, field: Field) -> Option<FieldError> {
    validate_graph(form, saved).err().and_then(|e| e.get(field))
}

#[test]
fn guid_shapes() {
    assert!(is_guid(TENANT));
    assert!(is_guid(CLIENT));
    for bad in [
        "",
        "8f4c2d8e6a3b4c1d9e2f1a2b3c4d5e6f",
        "{8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6f}",
        "8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6g",
        "8f4c2d8e-6a3b-4c1d-9e2f1a2b3c4d5e6f",
    ] {
        assert!(!is_guid(bad), "{bad}");
    }
}

#[test]
fn tenant_id_is_a_guid_or_a_domain() {
    let cases: &[(&str, Result<(), FieldError>)] = &[
        (TENANT, Ok(())),
        ("contoso.onmicrosoft.com", Ok(())),
        ("contoso.com", Ok(())),
        ("", Err(FieldError::Required)),
        ("contoso", Err(FieldError::TenantIdInvalid)),
        ("8f4c2d8e-6a3b-4c1d-9e2f", Err(FieldError::TenantIdInvalid)),
        (
            "https://login.microsoftonline.com/contoso.com",
            Err(FieldError::TenantIdInvalid),
        ),
        ("contoso.com\r\n", Err(FieldError::LineBreak)),
    ];
    for (tenant, expected) in cases {
        assert_eq!(validate_tenant_id(tenant), *expected, "{tenant:?}");
    }
}

#[test]
fn valid_form_is_trimmed_and_ids_lowercased() {
    let valid = validate_graph(&form(), None).unwrap();
    assert_eq!(
        valid.settings.sender_email,
        "sender@contoso.onmicrosoft.com"
    );
    assert_eq!(valid.settings.app.client_id, CLIENT.to_ascii_lowercase());
    assert_eq!(
        valid.secret,
        SecretUpdate::Set("Xy7~k2Q.abcDEF_ghiJKL".into())
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let f = GraphForm {
        sender_email: "sender".into(),
        app: MicrosoftAppForm {
            tenant_id: "not a tenant".into(),
            client_id: "my app".into(),
            client_secret: String::new(),
            secret_expires_on: "2027-02-30".into(),
        },
    };
    let errors = validate_graph(&f, None).unwrap_err();
    let expected = [
        (Field::SenderEmail, FieldError::AddressMissingAt),
        (Field::TenantId, FieldError::TenantIdInvalid),
        (Field::ClientId, FieldError::ClientIdNotGuid),
        (Field::ClientSecret, FieldError::ClientSecretRequired),
        (Field::SecretExpiresOn, FieldError::DateInvalid),
    ];
    assert_eq!(errors.iter().collect::<Vec<_>>(), expected);
}

#[test]
fn a_secret_id_pasted_as_the_secret_is_refused() {
    let mut f = form();
    f.app.client_secret = " e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9 ".into();
    assert_eq!(
        error(&f, None, Field::ClientSecret),
        Some(FieldError::ClientSecretIsId)
    );
}

#[test]
fn blank_secret_is_kept_only_for_the_same_tenant_and_app() {
    let mut f = form();
    f.app.client_secret.clear();
    f.sender_email = "other@contoso.onmicrosoft.com".into();
    assert_eq!(
        validate_graph(&f, Some(&saved())).unwrap().secret,
        SecretUpdate::Keep
    );
    for edit in [
        |f: &mut GraphForm| f.app.tenant_id = "contoso.onmicrosoft.com".into(),
        |f: &mut GraphForm| f.app.client_id = "00000000-0000-4000-8000-000000000001".into(),
    ] {
        let mut f = f.clone();
        edit(&mut f);
        assert_eq!(
            error(&f, Some(&saved()), Field::ClientSecret),
            Some(FieldError::ClientSecretRetypeForNewDestination)
        );
    }
}

#[test]
fn debug_output_never_shows_the_secret() {
    let f = form();
    let valid = validate_graph(&f, None).unwrap();
    for text in [format!("{f:?}"), format!("{valid:?}")] {
        assert!(!text.contains("Xy7~"), "{text}");
    }
}
