use super::*;
use serde_json::json;

fn request(value: serde_json::Value) -> MessageRequest {
    serde_json::from_value(value).unwrap()
}

fn valid() -> serde_json::Value {
    json!({
        "to": ["ann@example.org"],
        "subject": "Weekly report",
        "text": "Hello",
        "category": "subscription",
    })
}

fn with(field: &str, value: serde_json::Value) -> MessageRequest {
    let mut body = valid();
    body[field] = value;
    request(body)
}

fn errors(request: MessageRequest) -> MessageErrors {
    match request.validate() {
        Err(Refusal::Invalid(errors)) => errors,
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn a_plain_message_is_valid() {
    let message = request(valid()).validate().unwrap();
    assert_eq!(message.to, ["ann@example.org"]);
    assert_eq!(message.category, Category::Subscription);
}

#[test]
fn each_rule_names_its_field() {
    use FieldError::*;
    let cases: Vec<(MessageRequest, &str, FieldError)> = vec![
        (with("to", json!([])), "to", Required),
        (with("to", json!(["ann"])), "to[0]", AddressMissingAt),
        (
            with("to", json!(["ann@example.org", "b@@x"])),
            "to[1]",
            AddressLocalPartInvalid,
        ),
        (
            with("cc", json!(["bad\r\nBcc: x@evil.example"])),
            "cc[0]",
            LineBreak,
        ),
        (with("bcc", json!(["x"])), "bcc[0]", AddressMissingAt),
        (
            with("reply_to", json!("nobody")),
            "reply_to",
            AddressMissingAt,
        ),
        (with("subject", json!("")), "subject", Required),
        (
            with("subject", json!("Hi\r\nBcc: x@evil.example")),
            "subject",
            LineBreak,
        ),
        (with("subject", json!("x".repeat(901))), "subject", TooLong),
        (with("text", json!(null)), "text", BodyRequired),
        (with("category", json!("")), "category", Required),
        (
            with("category", json!("marketing")),
            "category",
            UnknownValue,
        ),
        (with("tags", json!(["a\nb"])), "tags[0]", LineBreak),
        (with("tags", json!(vec!["t"; 11])), "tags", TooLong),
        (
            with(
                "attachments",
                json!([{ "name": "a.pdf", "content_type": "application/pdf", "content": "***" }]),
            ),
            "attachments[0].content",
            NotBase64,
        ),
        (
            with(
                "attachments",
                json!([{ "name": "a.pdf", "content_type": "pdf", "content": "" }]),
            ),
            "attachments[0].content_type",
            ContentTypeInvalid,
        ),
        (
            with(
                "attachments",
                json!([{ "name": "a\r\n.pdf", "content_type": "application/pdf", "content": "" }]),
            ),
            "attachments[0].name",
            LineBreak,
        ),
    ];
    for (request, field, error) in cases {
        let errors = errors(request.clone());
        assert_eq!(errors.get(field), Some(&error), "{request:?}: {errors:?}");
    }
}

#[test]
fn at_most_100_recipients_in_all() {
    let many = |n: usize| {
        (0..n)
            .map(|i| format!("r{i}@example.org"))
            .collect::<Vec<_>>()
    };
    let mut body = valid();
    body["to"] = json!(many(50));
    body["cc"] = json!(many(30));
    body["bcc"] = json!(many(20));
    assert!(request(body.clone()).validate().is_ok());
    body["bcc"] = json!(many(21));
    assert_eq!(
        errors(request(body)).get("to"),
        Some(&FieldError::TooManyRecipients)
    );
}

#[test]
fn attachments_over_3_mb_are_too_large() {
    use base64::Engine;
    let content =
        base64::engine::general_purpose::STANDARD.encode(vec![0u8; MAX_ATTACHMENT_BYTES + 1]);
    let message = with(
        "attachments",
        json!([{ "name": "big.bin", "content_type": "application/octet-stream", "content": content }]),
    );
    assert_eq!(message.validate(), Err(Refusal::TooLarge));
}

#[test]
fn unknown_fields_are_refused() {
    let mut body = valid();
    body["from"] = json!("ceo@example.com");
    assert!(serde_json::from_value::<MessageRequest>(body).is_err());
}

#[test]
fn idn_domains_become_a_labels() {
    let message = with("to", json!(["ann@bücher.example"]))
        .validate()
        .unwrap();
    assert_eq!(message.to, ["ann@xn--bcher-kva.example"]);
}
