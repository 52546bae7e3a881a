//! German.
//!
//! Microsoft terms, as Microsoft's German admin center and Microsoft Learn (de-de) use them:
//!
//! - Application (client) ID = „Anwendungs-ID (Client)“, Directory (tenant) ID = „Verzeichnis-ID
//!   (Mandant)“, Overview = „Übersicht“:
//!   https://learn.microsoft.com/de-de/azure/active-directory/develop/quickstart-v2-nodejs-desktop
//! - App registrations = „App-Registrierungen“, Microsoft Entra admin center = „Microsoft Entra
//!   Admin Center“, tenant = „Mandant“:
//!   https://learn.microsoft.com/de-de/entra/identity-platform/quickstart-register-app
//! - Certificates & secrets = „Zertifikate & Geheimnisse“:
//!   https://learn.microsoft.com/de-de/azure/backup/offline-backup-dpm-mabs-previous-versions
//! - Client secret = „geheimer Clientschlüssel“, service principal = „Dienstprinzipal“:
//!   https://learn.microsoft.com/de-de/entra/identity-platform/app-objects-and-service-principals
//! - Secret „Wert“ (Value) and „Geheimnis-ID“ (Secret ID): the column labels of the German
//!   portal under „Zertifikate & Geheimnisse“ (no de-de Learn page found that names both;
//!   German admin guides quote the portal the same way)
//! - API permissions = „API-Berechtigungen“, Add a permission = „Berechtigung hinzufügen“,
//!   Delegated permissions = „Delegierte Berechtigungen“:
//!   https://learn.microsoft.com/de-de/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
//! - Application permissions = „Anwendungsberechtigungen“, application access policy =
//!   „Anwendungszugriffsrichtlinie“:
//!   https://learn.microsoft.com/de-de/graph/auth-limit-mailbox-access
//! - Grant admin consent = „Administratorzustimmung für … erteilen“ (the button on the
//!   „API-Berechtigungen“ page; the prose calls it „Administratoreinwilligung“):
//!   https://learn.microsoft.com/de-de/entra/identity/enterprise-apps/grant-admin-consent
//! - Enterprise applications = „Unternehmensanwendungen“:
//!   https://learn.microsoft.com/de-de/entra/identity/enterprise-apps/create-service-principal-cross-tenant
//! - User principal name = „Benutzerprinzipalname“ (UPN):
//!   https://learn.microsoft.com/de-de/entra/identity/authentication/howto-authentication-use-email-signin
//! - Throttling = „Drosselung“ (gedrosselt):
//!   https://learn.microsoft.com/de-de/graph/throttling
//! - RBAC for Applications = „RBAC für Anwendungen“ (rollenbasierte Access Control für
//!   Anwendungen): https://learn.microsoft.com/de-de/graph/auth-limit-mailbox-access and
//!   https://learn.microsoft.com/de-de/powershell/module/exchange/new-applicationaccesspolicy
//! - Send As = „Senden als“, mailbox = „Postfach“:
//!   https://learn.microsoft.com/de-de/graph/outlook-send-mail-from-other-user
//! - National cloud = „nationale Cloud“:
//!   https://learn.microsoft.com/de-de/graph/api/application-addkey

use super::*;

pub static DE: Catalog = Catalog {
    lang: "de",
    app_name: "Mailwright",
    nav_settings: "Einstellungen",
    language_label: "Sprache",
    language_apply: "Übernehmen",
    page_title: "E-Mail-Anbieter",
    page_intro: "Wählen Sie den E-Mail-Anbieter, über den die Berichtsabonnements, geteilten Diagramme, Warnungen und Passwortzurücksetzungen dieses Mandanten versendet werden.",
    loading: "Wird geladen…",
    not_found: "Diese Seite existiert nicht.",

    provider_legend: "E-Mail-Anbieter",
    provider_none: "Keiner",
    provider_smtp: "SMTP",
    provider_microsoft365: "Microsoft 365",
    current_heading: "Aktive Konfiguration",
    no_provider: "Es ist kein E-Mail-Anbieter konfiguriert: Die Plattform versendet keine E-Mails.",
    last_changed: "Zuletzt geändert",
    last_test: "Letzter Test",
    never_tested: "Noch nicht getestet",
    test_passed: "vom Server angenommen",
    test_failed_short: "fehlgeschlagen",
    edit: "Bearbeiten",
    cancel: "Abbrechen",
    save: "Speichern",
    saving: "Wird gespeichert…",
    saved_notice: "Gespeichert. Diese Konfiguration ist jetzt aktiv.",
    deleted_notice: "Die E-Mail-Einstellungen wurden gelöscht. Es ist kein E-Mail-Anbieter aktiv.",
    yes: "Ja",
    no: "Nein",

    smtp_heading: "SMTP-Einstellungen",
    label_host: "SMTP-Server",
    help_host: "Hostname oder IP-Adresse Ihres Mailservers, zum Beispiel smtp.example.com.",
    label_port: "Port",
    help_port: "Meist 587 mit StartTLS, 465 mit SSL/TLS, 25 für ein internes Relay.",
    label_security: "Verschlüsselung",
    security_starttls: "StartTLS",
    security_tls: "SSL/TLS",
    security_none: "Keine",
    help_security: "StartTLS und SSL/TLS verschlüsseln die Verbindung. Wählen Sie „Keine“ nur für ein Relay in einem vertrauenswürdigen Netzwerk.",
    label_sender_email: "Absenderadresse",
    help_sender_email: "Empfänger sehen diese Adresse im Feld „Von“.",
    label_sender_name: "Absendername",
    help_sender_name: "Optional. Wird Empfängern neben der Absenderadresse angezeigt.",
    label_rate: "Versandlimit (Nachrichten pro Minute)",
    help_rate: "Optional. Über diesen Server gehen höchstens so viele Nachrichten der Plattform (Berichte, Warnungen, Benachrichtigungen) pro Minute hinaus; weitere warten, bis sie an der Reihe sind. Lassen Sie das Feld leer, um kein Limit zu setzen. Test-E-Mails zählen nicht mit.",
    rate_unlimited: "Unbegrenzt",
    label_auth: "SMTP-Authentifizierung",
    help_auth_off: "Ohne Authentifizierung muss der Server E-Mails dieser Plattform als nicht authentifiziertes Relay annehmen.",
    label_same_as_sender: "Wie die Absenderadresse",
    label_username: "Benutzername",
    label_password: "Passwort",
    password_saved: "Gespeichert",
    help_password_saved: "Ein Passwort ist gespeichert. Lassen Sie dieses Feld leer, um es zu behalten.",
    auth_summary_off: "Aus (nicht authentifiziertes Relay)",
    label_auth_type: "Authentifizierungsart",
    auth_type_password: "Benutzername und Passwort",
    auth_type_microsoft: "OAuth 2.0 (Microsoft)",
    label_oauth_tenant_id: "Verzeichnis-ID (Mandant)",
    label_oauth_client_id: "Anwendungs-ID (Client)",
    help_smtp_oauth: "Für Exchange Online (smtp.office365.com, Port 587, StartTLS). Die Plattform ruft ein Token für die App ab und meldet sich per XOAUTH2 mit der Absenderadresse an; es wird kein Passwort gespeichert.",
    smtp_oauth_steps_title: "OAuth 2.0 von Microsoft für SMTP einrichten",
    smtp_oauth_steps: &[
        "Öffnen Sie im Microsoft Entra Admin Center „App-Registrierungen“, und registrieren Sie eine App (oder wählen Sie eine aus). Auf ihrer Seite „Übersicht“ stehen die Anwendungs-ID (Client) und die Verzeichnis-ID (Mandant).",
        "Fügen Sie unter „Zertifikate & Geheimnisse“ einen geheimen Clientschlüssel hinzu, und kopieren Sie sofort dessen „Wert“ (nicht die „Geheimnis-ID“): Er wird nur einmal angezeigt.",
        "Fügen Sie unter „API-Berechtigungen“ Office 365 Exchange Online > Anwendungsberechtigungen > SMTP.SendAsApp hinzu, und wählen Sie dann „Administratorzustimmung für … erteilen“.",
        "Registrieren Sie in Exchange Online PowerShell den Dienstprinzipal der App mit New-ServicePrincipal -AppId <Application ID> -ServiceId <Object ID> (die Objekt-ID aus „Unternehmensanwendungen“, nicht aus „App-Registrierungen“), und geben Sie ihm dann mit Add-MailboxPermission -Identity <sender> -User <service principal> -AccessRights FullAccess Zugriff auf das Absenderpostfach.",
        "Stellen Sie sicher, dass SMTP AUTH für das Postfach aktiviert ist: Set-CASMailbox <sender> -SmtpClientAuthenticationDisabled $false.",
    ],

    microsoft_heading: "Microsoft 365-Einstellungen",
    help_graph_sender: "Das Postfach, das sendet: sein Benutzerprinzipalname (UPN), meist seine E-Mail-Adresse. Empfänger sehen diese Adresse im Feld „Von“.",
    label_tenant_id: "Mandanten-ID",
    help_tenant_id: "Die Verzeichnis-ID (Mandant) von der Seite „Übersicht“ der App im Microsoft Entra Admin Center oder eine überprüfte Domäne wie contoso.onmicrosoft.com.",
    label_client_id: "Client-ID",
    help_client_id: "Die Anwendungs-ID (Client) von derselben Seite „Übersicht“: eine GUID.",
    label_client_secret: "Geheimer Clientschlüssel",
    help_client_secret: "Der „Wert“ des Geheimnisses unter „Zertifikate & Geheimnisse“, nicht die „Geheimnis-ID“.",
    help_client_secret_saved: "Ein geheimer Clientschlüssel ist gespeichert. Lassen Sie dieses Feld leer, um ihn zu behalten.",
    graph_steps_title: "Microsoft 365 einrichten",
    graph_steps: &[
        "Öffnen Sie im Microsoft Entra Admin Center „App-Registrierungen“, und registrieren Sie eine App (oder wählen Sie eine aus). Auf ihrer Seite „Übersicht“ stehen die Anwendungs-ID (Client) und die Verzeichnis-ID (Mandant).",
        "Fügen Sie unter „Zertifikate & Geheimnisse“ einen geheimen Clientschlüssel hinzu, und kopieren Sie sofort dessen „Wert“ (nicht die „Geheimnis-ID“): Er wird nur einmal angezeigt. Notieren Sie sich das Ablaufdatum.",
        "Fügen Sie unter „API-Berechtigungen“ Microsoft Graph > Anwendungsberechtigungen > Mail.Send hinzu (keine delegierte Berechtigung), und wählen Sie dann „Administratorzustimmung für … erteilen“.",
        "Mit Mail.Send kann die App als beliebiges Postfach senden. Um sie auf das Absenderpostfach zu beschränken, erstellen Sie in Exchange Online eine Anwendungszugriffsrichtlinie (New-ApplicationAccessPolicy -AccessRight RestrictAccess) oder verwenden RBAC für Anwendungen; Änderungen werden unter Umständen erst nach einer Stunde wirksam.",
        "Wenn die Server der Empfänger SPF prüfen oder Ihr Mandant ausgehende E-Mails filtert, lassen Sie die Domäne des Absenderpostfachs zu wie bei jedem anderen Microsoft 365-Postfach.",
    ],
    graph_limits: "Microsoft drosselt einzelne Postfächer: etwa 30 Nachrichten pro Minute und 10.000 Empfänger pro Tag. Große Mandanten sollten ein eigenes Absenderpostfach verwenden.",

    label_test_after_save: "Nach dem Speichern eine Test-E-Mail senden",

    confirm_delete_title: "E-Mail-Einstellungen löschen?",
    confirm_delete_body: "Die {old}-Einstellungen und die gespeicherten Anmeldedaten werden gelöscht. Die Plattform versendet keine E-Mails, bis wieder ein Anbieter konfiguriert ist.",
    confirm_delete: "Einstellungen löschen",
    confirm_replace_title: "{old} durch {new} ersetzen?",
    confirm_replace_body: "Die {old}-Einstellungen und die gespeicherten Anmeldedaten werden gelöscht, und {new} wird zum aktiven Anbieter.",
    confirm_replace: "Ersetzen und speichern",

    test_heading: "Test-E-Mail senden",
    test_intro: "Sendet eine kurze Nachricht über die gespeicherte Konfiguration.",
    label_recipient: "Empfänger",
    send_test: "Test-E-Mail senden",
    sending_test: "Wird gesendet…",
    check_connection: "Verbindung prüfen",
    checking_connection: "Wird geprüft…",
    check_passed_smtp: "Die Verbindung funktioniert ({ms} ms): verbunden, verschlüsselt und angemeldet wie konfiguriert, dann vor jedem Senden geschlossen.",
    check_passed_token: "Microsoft hat ein Token für diese App ausgestellt ({ms} ms). Nur dieser Schritt lässt sich prüfen, ohne zu senden: Die Berechtigung Mail.Send erlaubt keine Anfrage, die nichts sendet. Senden Sie eine Test-E-Mail, um das Absenderpostfach zu prüfen.",
    check_failed: "Die Verbindungsprüfung ist fehlgeschlagen (nach {ms} ms).",
    check_nothing_sent: "Es wurde keine E-Mail gesendet. Auch ein Server, der eine Nachricht annimmt, hat sie noch nicht zugestellt: Das zeigt nur eine Test-E-Mail, die ankommt.",
    health_heading: "Hintergrundprüfung",
    health_passing: "Funktioniert seit {since}; zuletzt geprüft {checked}.",
    health_failing: "Schlägt seit {since} fehl; zuletzt geprüft {checked}.",
    health_history: "Änderungen",
    health_became_healthy: "funktioniert wieder",
    health_became_failing: "schlägt fehl",
    basic_auth_notice: "Microsoft stellt die Standardauthentifizierung (Benutzername und Kennwort) für SMTP AUTH in Exchange Online ein, daher wird diese Konfiguration nicht mehr funktionieren. Wechseln Sie zu Microsoft 365: Es sendet über Microsoft Graph mit einer App-Registrierung, und sein Formular nennt die Schritte der Registrierung.",
    switch_to_microsoft: "Zu Microsoft 365 wechseln",
    test_save_first: "Speichern Sie eine Konfiguration, bevor Sie eine Test-E-Mail senden.",
    test_accepted: "Vom Server in {ms} ms angenommen.",
    test_accepted_note: "„Angenommen“ heißt, dass der Server die Nachricht zur Zustellung übernommen hat. Prüfen Sie den Posteingang des Empfängers (und den Spamordner), um sicherzugehen, dass sie angekommen ist.",
    server_reply: "Serverantwort",
    test_failed: "Die Test-E-Mail wurde nicht gesendet (nach {ms} ms).",
    failed_step: "Fehlgeschlagen bei",
    reply_code: "Antwortcode",
    server_said: "Meldung",
    what_to_do: "Was Sie tun können",
    reference: "Anforderungs-ID",
    cert_heading: "Vom Server gesendetes Zertifikat",
    cert_subject: "Antragsteller",
    cert_names: "Gültig für",
    cert_no_names: "keine Namen (nur der Antragsteller)",
    cert_issuer: "Ausgestellt von",
    cert_validity: "Gültig vom {from} bis {to}",
    cert_fingerprint: "SHA-256-Fingerabdruck",
    retry_after: "Microsoft verlangt, vor einem neuen Versuch {s} Sekunden zu warten.",
    retry_after_one: "Microsoft verlangt, vor einem neuen Versuch {s} Sekunde zu warten.",
    transcript_heading: "Sitzungsprotokoll (Passwörter, Geheimnisse und Token ausgeblendet)",
    transcript_client: "C:",
    transcript_server: "S:",
    test_subject: "Test-E-Mail von der Mailwright-Administration",
    test_body: "Dies ist eine Test-E-Mail von Mailwright.\n\nSie wurde über den E-Mail-Anbieter gesendet, der für Ihre Organisation konfiguriert ist:\n\nAnbieter: {provider}\nServer: {server}\nPort: {port}\nVerschlüsselung: {security}\n\nWenn Sie dies lesen können, kann die Plattform E-Mails senden. Sie müssen nichts weiter tun.\n",

    audit_heading: "Überwachungsprotokoll",
    audit_when: "Wann",
    audit_who: "Wer",
    audit_what: "Was",
    audit_empty: "Es wurde noch nichts geändert oder getestet.",
    audit_older: "Ältere Einträge anzeigen",
    audit_saved: "{provider}-Einstellungen gespeichert",
    audit_activated: "{provider} aktiviert",
    audit_deleted: "{provider}-Einstellungen gelöscht",
    audit_test_ok: "Test-E-Mail an {recipient}: angenommen",
    audit_test_failed: "Test-E-Mail an {recipient}: Fehler bei „{step}“",
    audit_token_created: "API-Token „{name}“ erstellt",
    audit_token_revoked: "API-Token „{name}“ widerrufen",
    audit_secret_changed: "{field}: geändert",
    audit_empty_value: "(leer)",
    audit_fields: AuditFieldTexts {
        host: "SMTP-Server",
        port: "Port",
        security: "Verschlüsselung",
        sender_email: "Absenderadresse",
        sender_name: "Absendername",
        authentication: "Authentifizierung",
        username: "Benutzername",
        tenant_id: "Mandanten-ID",
        client_id: "Client-ID",
        secret: "Passwort oder geheimer Clientschlüssel",
        rate_limit: "Versandlimit (Nachrichten pro Minute)",
    },
    error_fix_fields: "Einige Felder sind nicht korrekt. Korrigieren Sie sie, und versuchen Sie es erneut.",
    error_unauthenticated: "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.",
    error_forbidden: "Nur Mandantenadministratoren können E-Mail-Einstellungen anzeigen oder ändern.",
    error_conflict: "Jemand anderes hat diese Einstellungen geändert, während Sie sie bearbeitet haben. Laden Sie die Seite neu, um die neue Version zu sehen.",
    error_conflict_by: "{by} hat diese Einstellungen am {at} geändert, während Sie sie bearbeitet haben. Laden Sie die Seite neu, um die neue Version zu sehen, und nehmen Sie Ihre Änderung dann erneut vor.",
    error_sign_in_failed: "E-Mail-Adresse oder Passwort ist falsch.",
    error_too_many_attempts: "Zu viele fehlgeschlagene Versuche. Versuchen Sie es in {minutes} Minuten erneut.",
    error_too_many_attempts_one: "Zu viele fehlgeschlagene Versuche. Versuchen Sie es in {minutes} Minute erneut.",
    error_busy: "Der Server ist mit anderen Anmeldungen ausgelastet. Versuchen Sie es in {seconds} Sekunden erneut.",
    error_busy_one: "Der Server ist mit anderen Anmeldungen ausgelastet. Versuchen Sie es in {seconds} Sekunde erneut.",
    error_link_invalid: "Dieser Link ist ungültig, wurde bereits verwendet oder ist abgelaufen. Fordern Sie einen neuen an.",
    error_not_found: "Hier gibt es nichts. Die Einrichtung ist nur einmal möglich, bei einer neuen Installation: Melden Sie sich stattdessen an.",
    error_not_configured: "Es ist kein E-Mail-Anbieter gespeichert. Speichern Sie zuerst eine Konfiguration.",
    error_internal: "Auf dem Server ist ein Fehler aufgetreten. Versuchen Sie es erneut; wenn der Fehler bleibt, bitten Sie Ihren Betreiber, das Serverprotokoll zu prüfen.",
    error_transport: "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung, und versuchen Sie es erneut.",

    test_body_graph: "Dies ist eine Test-E-Mail von Mailwright.\n\nSie wurde über den E-Mail-Anbieter gesendet, der für Ihre Organisation konfiguriert ist:\n\nAnbieter: {provider}\nAbsenderpostfach: {sender}\nMandant: {tenant}\n\nWenn Sie dies lesen können, kann die Plattform E-Mails senden. Sie müssen nichts weiter tun.\n",

    outbox: OutboxTexts {
        tokens_title: "API-Token",
        tokens_intro: "Andere Teile der Plattform (Berichtsabonnements, Warnungen, geteilte Diagramme) senden mit diesen Token E-Mails über Mailwright: POST /api/v1/messages mit dem Header Authorization: Bearer <token>. Ein Token wird nur einmal angezeigt, beim Erstellen.",
        label_token_name: "Tokenname",
        label_scope: "Berechtigung",
        scope_send: "Nachrichten senden",
        scope_send_read: "Nachrichten senden und ihren Status lesen",
        label_expires_days: "Gültigkeit (Tage)",
        help_expires_days: "Lassen Sie das Feld leer für ein Token, das nicht abläuft.",
        create_token: "Token erstellen",
        token_created: "Kopieren Sie dieses Token jetzt: Es wird nicht erneut angezeigt. Mailwright speichert nur einen Fingerabdruck davon.",
        label_new_token: "Neues Token",
        tokens_empty: "Noch keine API-Token.",
        col_name: "Name",
        col_scope: "Berechtigung",
        col_created: "Erstellt",
        col_last_used: "Zuletzt verwendet",
        col_expires: "Läuft ab",
        never: "Nie",
        revoke: "Widerrufen",
        revoke_label: "{name} widerrufen",
        revoke_confirm: "Das Token „{name}“ widerrufen? Alles, was damit sendet, funktioniert sofort nicht mehr.",
        token_revoked: "Token widerrufen.",
        deliveries_title: "Versandprotokoll",
        deliveries_intro: "Nachrichten, die die Plattform über den aktiven E-Mail-Anbieter gesendet hat, neueste zuerst, 30 Tage lang aufbewahrt. „Angenommen“ heißt, dass der Anbieter die Nachricht übernommen hat, nicht, dass sie im Posteingang angekommen ist.",
        filter_status: "Status",
        filter_category: "Kategorie",
        filter_recipient: "Empfänger",
        filter_any: "Alle",
        search: "Suchen",
        col_time: "Zeit",
        col_category: "Kategorie",
        col_recipients: "Empfänger",
        col_subject: "Betreff",
        col_status: "Status",
        col_attempts: "Versuche",
        deliveries_empty: "Keine passenden Nachrichten.",
        older: "Ältere Nachrichten",
        next_attempt: "Nächster Versuch am {at}.",
        statuses: StatusTexts {
            queued: "In Warteschlange",
            sending: "Wird gesendet",
            sent: "Vom Anbieter angenommen",
            deferred: "Wartet auf neuen Versuch",
            failed: "Fehlgeschlagen",
        },
        categories: CategoryTexts {
            subscription: "Berichtsabonnement",
            alert: "Warnung",
            share: "Geteiltes Diagramm",
            notification: "Benachrichtigung",
            password_reset: "Passwort zurücksetzen",
            other: "Sonstige",
        },
        paused_title: "Versand angehalten",
        paused_intro: "Seit {since} lehnt der E-Mail-Anbieter Nachrichten wegen seiner Konfiguration ab (Schritt: {step}). Die Nachrichten warten in der Warteschlange; keine geht verloren.",
        paused_resume: "Der Versand wird automatisch fortgesetzt, sobald die Hintergrundprüfung erfolgreich ist oder Sie eine funktionierende Konfiguration speichern.",
        failing_title: "Der E-Mail-Anbieter schlägt fehl",
        failing_intro: "Seit {since} schlägt die Hintergrundprüfung des E-Mail-Anbieters fehl (Schritt: {step}). Nachrichten werden aufbewahrt und erneut versucht; keine geht verloren.",
        open_settings: "Einstellungen des E-Mail-Anbieters öffnen",
    },
    account: AccountTexts {
        sign_in_title: "Anmelden",
        label_email: "E-Mail-Adresse",
        label_password: "Passwort",
        sign_in: "Anmelden",
        signing_in: "Anmeldung läuft…",
        forgot_link: "Passwort vergessen",
        sign_out: "Abmelden",
        signed_in_as: "{email} · {tenant}",
        forgot_title: "Passwort vergessen",
        forgot_intro: "Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wir senden Ihnen über den E-Mail-Anbieter Ihrer Organisation einen Link, mit dem Sie ein neues Passwort festlegen können.",
        send_reset_link: "Link zum Zurücksetzen senden",
        forgot_sent: "Falls für {email} ein Konto existiert, ist ein Link zum Festlegen eines neuen Passworts unterwegs. Er ist 30 Minuten lang gültig und funktioniert nur einmal.",
        back_to_sign_in: "Zurück zur Anmeldung",
        reset_title: "Neues Passwort festlegen",
        label_new_password: "Neues Passwort",
        help_new_password: "Mindestens 12 Zeichen. Sobald es festgelegt ist, werden Sie überall abgemeldet.",
        set_password: "Passwort festlegen",
        reset_done: "Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen Passwort an.",
        request_new_link: "Neuen Link anfordern",
        setup_title: "Ersten Administrator anlegen",
        setup_intro: "Diese Installation hat noch keine Benutzer. Legen Sie Ihre Organisation und deren ersten Administrator an; diese Seite funktioniert nur einmal.",
        label_organization: "Name der Organisation",
        create_admin: "Administrator anlegen",
        reset_email_subject: "Neues Mailwright-Passwort festlegen",
        reset_email_body: "Jemand – hoffentlich Sie – hat angefordert, für {email} bei Mailwright ein neues Passwort festzulegen.\n\nÖffnen Sie diesen Link innerhalb von 30 Minuten, um ein neues Passwort zu wählen (er funktioniert nur einmal):\n\n{link}\n\nWenn Sie dies nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.\n",
    },

    field_errors: FieldErrorTexts {
         required: "Dieses Feld ist erforderlich.",
         line_break: "Entfernen Sie die Zeilenumbrüche und Steuerzeichen.",
         too_long: "Dieser Wert ist zu lang.",
         port_not_number: "Geben Sie den Port als Zahl ein, zum Beispiel 587.",
         port_out_of_range: "Geben Sie einen Port zwischen 1 und 65535 ein.",
         host_has_scheme: "Geben Sie nur den Servernamen ein, ohne smtp:// oder https://.",
         host_has_port: "Geben Sie hier nur den Servernamen ein und den Port im Feld „Port“.",
         host_invalid: "Geben Sie einen Hostnamen wie smtp.example.com oder eine IP-Adresse ein.",
         address_missing_at: "Geben Sie eine E-Mail-Adresse wie name@example.com ein.",
         address_local_part_invalid: "Der Teil vor dem @ enthält Zeichen, die in einer E-Mail-Adresse nicht zulässig sind.",
         address_local_part_too_long: "Der Teil vor dem @ darf höchstens 64 Zeichen lang sein.",
         address_non_ascii_local_part: "Der Teil vor dem @ darf nur ASCII-Buchstaben, Ziffern und die Zeichen . _ - + enthalten.",
         address_domain_invalid: "Der Teil nach dem @ muss ein Domänenname wie example.com sein.",
         address_too_long: "Eine E-Mail-Adresse darf höchstens 254 Zeichen lang sein.",
         password_required: "Geben Sie das Passwort ein.",
         password_retype_for_new_destination: "Sie haben Server, Port, Verschlüsselung oder Benutzernamen geändert: Geben Sie das Passwort erneut ein, damit das gespeicherte Passwort nie an einen anderen Server gesendet wird.",
         tenant_id_invalid: "Geben Sie die Mandanten-ID als GUID (z. B. 8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6f) oder als Domäne des Mandanten (z. B. contoso.onmicrosoft.com) ein.",
         client_id_not_guid: "Geben Sie die Anwendungs-ID (Client) ein: eine GUID wie 3b9a1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, zu finden auf der Seite „Übersicht“ der App.",
         client_secret_is_id: "Das ist die Geheimnis-ID. Fügen Sie stattdessen den „Wert“ des Geheimnisses ein: Er wird nur einmal angezeigt, wenn das Geheimnis unter „Zertifikate & Geheimnisse“ erstellt wird.",
         client_secret_required: "Geben Sie den geheimen Clientschlüssel ein.",
         client_secret_retype_for_new_destination: "Sie haben Mandant, Client-ID oder Server geändert: Geben Sie den geheimen Clientschlüssel erneut ein, damit der gespeicherte Schlüssel nie an ein anderes Ziel gesendet wird.",
         password_too_short: "Verwenden Sie mindestens 12 Zeichen. Einige Wörter ohne Zusammenhang ergeben ein starkes Passwort, das man sich gut merken kann.",
         too_many_recipients: "Eine Nachricht darf in An, Cc und Bcc zusammen höchstens 100 Empfänger haben.",
         body_required: "Geben Sie der Nachricht einen Text- oder HTML-Inhalt.",
         not_base64: "Der Inhalt des Anhangs muss Base64-codiert sein.",
         content_type_invalid: "Geben Sie einen Inhaltstyp wie application/pdf ein.",
         unknown_value: "Dieser Wert ist nicht zulässig.",
         rate_invalid: "Geben Sie eine ganze Zahl von Nachrichten pro Minute zwischen 1 und 100.000 ein, oder lassen Sie das Feld leer, um kein Limit zu setzen.",
     },
    steps: StepTexts {
        token_request: "Token von Microsoft abrufen (Tokenanforderung)",
        graph_send: "Senden über Microsoft Graph",
        dns: "Servername auflösen (DNS)",
        connect: "Verbindung herstellen (TCP)",
        tls: "Verbindung verschlüsseln (TLS)",
        greeting: "Begrüßung durch den Server",
        authentication: "Authentifizierung",
        sender: "Absender",
        recipient: "Empfänger",
        data: "Nachricht übertragen",
    },
    causes: CauseTexts {
        host_not_found: Explanation {
            cause: "Der Servername wurde im DNS nicht gefunden.",
            fix: "Prüfen Sie die Schreibweise des SMTP-Servernamens.",
        },
        connection_refused: Explanation {
            cause: "Auf diesem Port des Servers lauscht kein Dienst, oder eine Firewall hat die Verbindung abgelehnt.",
            fix: "Prüfen Sie die Portnummer und ob der Server Verbindungen von dieser Plattform annimmt.",
        },
        unreachable: Explanation {
            cause: "Der Server ist von dieser Plattform aus nicht erreichbar.",
            fix: "Prüfen Sie den Servernamen und Ihre Netzwerk- oder Firewall-Einstellungen.",
        },
        no_greeting: Explanation {
            cause: "Die Verbindung wurde geöffnet, aber der Server hat keine Begrüßung gesendet. Meist bedeutet das, dass der Port ab dem ersten Byte SSL/TLS erwartet.",
            fix: "Wenn der Port 465 ist, wählen Sie unter „Verschlüsselung“ SSL/TLS. Prüfen Sie andernfalls die Portnummer.",
        },
        server_expects_plain_text: Explanation {
            cause: "Der Server hat im Klartext geantwortet, statt TLS zu starten: Dieser Port verwendet kein SSL/TLS.",
            fix: "Wählen Sie unter „Verschlüsselung“ StartTLS (meist mit Port 587), oder verwenden Sie den SSL/TLS-Port des Servers (meist 465).",
        },
        certificate_untrusted: Explanation {
            cause: "Das Zertifikat des Servers ist nicht von einer Zertifizierungsstelle signiert, der diese Plattform vertraut.",
            fix: "Verwenden Sie den offiziellen Hostnamen des Servers, oder bitten Sie Ihren Betreiber, das CA-Zertifikat Ihrer Organisation hinzuzufügen (--smtp-ca-file).",
        },
        certificate_name_mismatch: Explanation {
            cause: "Das Zertifikat des Servers gilt für einen anderen Hostnamen.",
            fix: "Geben Sie den Hostnamen ein, für den das Zertifikat ausgestellt wurde, meist den vom Anbieter dokumentierten SMTP-Servernamen.",
        },
        certificate_expired: Explanation {
            cause: "Das Zertifikat des Servers ist abgelaufen oder noch nicht gültig.",
            fix: "Bitten Sie den Administrator des Mailservers, das Zertifikat zu erneuern.",
        },
        certificate_self_signed: Explanation {
            cause: "Das Zertifikat des Servers ist selbstsigniert: Keine Zertifizierungsstelle bürgt dafür, daher kann diese Plattform es nicht von dem eines Angreifers unterscheiden.",
            fix: "Bitten Sie den Administrator des Mailservers um ein Zertifikat einer öffentlichen Zertifizierungsstelle, oder bitten Sie Ihren Betreiber, der Zertifizierungsstelle Ihrer Organisation zu vertrauen (--smtp-ca-file). Vergleichen Sie den Fingerabdruck unten mit dem, den Ihnen der Administrator nennt.",
        },
        tls_failed: Explanation {
            cause: "Die verschlüsselte Verbindung konnte nicht aufgebaut werden.",
            fix: "Prüfen Sie die Einstellung „Verschlüsselung“. Möglicherweise verlangt der Server eine TLS-Version oder ein Verschlüsselungsverfahren, das diese Plattform nicht zulässt (TLS 1.2 oder neuer ist erforderlich).",
        },
        start_tls_not_offered: Explanation {
            cause: "Der Server bietet auf diesem Port kein StartTLS an.",
            fix: "Wählen Sie SSL/TLS mit dem SSL/TLS-Port des Servers (meist 465), oder bitten Sie den Administrator des Servers, StartTLS zu aktivieren.",
        },
        server_requires_tls: Explanation {
            cause: "Der Server verlangt zuerst eine verschlüsselte Verbindung.",
            fix: "Wählen Sie unter „Verschlüsselung“ StartTLS oder SSL/TLS.",
        },
        auth_not_offered: Explanation {
            cause: "Der Server bietet auf dieser Verbindung keine Passwortauthentifizierung an.",
            fix: "Aktivieren Sie die Verschlüsselung (StartTLS oder SSL/TLS); viele Server bieten Authentifizierung nur dann an. Oder schalten Sie die SMTP-Authentifizierung für ein nicht authentifiziertes Relay aus.",
        },
        auth_rejected: Explanation {
            cause: "Der Server hat Benutzername oder Passwort abgelehnt.",
            fix: "Prüfen Sie Benutzername und Passwort. Manche Anbieter benötigen ein App-Passwort oder verlangen, dass die SMTP-Authentifizierung für das Postfach aktiviert ist.",
        },
        sender_rejected: Explanation {
            cause: "Der Server hat die Absenderadresse abgelehnt.",
            fix: "Verwenden Sie eine Absenderadresse, mit der dieses Konto senden darf.",
        },
        recipient_rejected: Explanation {
            cause: "Der Server hat den Empfänger abgelehnt.",
            fix: "Prüfen Sie die Empfängeradresse. Liegt sie außerhalb Ihrer Organisation, erlaubt der Server für dieses Konto möglicherweise kein Relaying.",
        },
        message_rejected: Explanation {
            cause: "Der Server hat die Nachricht nach dem Empfang abgelehnt.",
            fix: "Lesen Sie die Serverantwort unten; die Nachricht wurde möglicherweise als Spam eingestuft oder ist zu groß.",
        },
        temporary_failure: Explanation {
            cause: "Der Server hat ein vorübergehendes Problem gemeldet.",
            fix: "Versuchen Sie es in einigen Minuten erneut.",
        },
        connection_closed: Explanation {
            cause: "Der Server hat die Verbindung unerwartet geschlossen.",
            fix: "Prüfen Sie die Einstellung „Verschlüsselung“ und den Port, und versuchen Sie es dann erneut.",
        },
        not_configured: Explanation {
            cause: "Es ist kein E-Mail-Anbieter konfiguriert.",
            fix: "Speichern Sie zuerst eine Konfiguration.",
        },
        smtp_auth_disabled: Explanation {
            cause: "Microsoft 365 hat die Anmeldung abgelehnt, weil SMTP AUTH für den Mandanten oder das Postfach deaktiviert ist.",
            fix: "Aktivieren Sie in Exchange Online SMTP AUTH für das Absenderpostfach (Set-CASMailbox <sender> -SmtpClientAuthenticationDisabled $false) oder für den Mandanten, und versuchen Sie es dann erneut. Mit OAuth 2.0 von Microsoft ist kein Passwort nötig.",
        },
        smtp_oauth_rejected: Explanation {
            cause: "Exchange Online hat das Token der App für dieses Postfach nicht akzeptiert.",
            fix: "Prüfen Sie, ob die App die Anwendungsberechtigung SMTP.SendAsApp mit Administratorzustimmung hat, ob ihr Dienstprinzipal in Exchange Online registriert ist (New-ServicePrincipal) und ob sie FullAccess auf das Absenderpostfach hat (Add-MailboxPermission). Änderungen können eine Weile brauchen, bis sie wirksam werden.",
        },
        tenant_not_found: Explanation {
            cause: "Microsoft kennt diesen Mandanten nicht.",
            fix: "Prüfen Sie die Mandanten-ID auf der Seite „Übersicht“ der App. Wenn Ihr Mandant in einer nationalen Cloud liegt, bitten Sie Ihren Betreiber, die passenden Anmelde- und Graph-URLs festzulegen.",
        },
        tenant_id_malformed: Explanation {
            cause: "Die Mandanten-ID ist weder eine GUID noch ein Domänenname.",
            fix: "Kopieren Sie die Verzeichnis-ID (Mandant) von der Seite „Übersicht“ der App.",
        },
        app_not_found: Explanation {
            cause: "Im Mandanten gibt es keine Anwendung mit dieser Client-ID.",
            fix: "Kopieren Sie die Anwendungs-ID (Client) von der Seite „Übersicht“ der App, und prüfen Sie, ob die Mandanten-ID zum Mandanten der App gehört.",
        },
        client_secret_invalid: Explanation {
            cause: "Microsoft hat den geheimen Clientschlüssel abgelehnt. Oft wurde die „Geheimnis-ID“ statt des „Werts“ eingefügt.",
            fix: "Erstellen Sie unter „Zertifikate & Geheimnisse“ einen neuen geheimen Clientschlüssel, kopieren Sie dessen „Wert“ (nicht die „Geheimnis-ID“), fügen Sie ihn unter „Geheimer Clientschlüssel“ ein, und speichern Sie.",
        },
        client_secret_expired: Explanation {
            cause: "Der geheime Clientschlüssel ist abgelaufen.",
            fix: "Erstellen Sie unter „Zertifikate & Geheimnisse“ einen neuen geheimen Clientschlüssel, fügen Sie dessen „Wert“ unter „Geheimer Clientschlüssel“ ein, und speichern Sie.",
        },
        scope_invalid: Explanation {
            cause: "Microsoft hat den angeforderten Berechtigungsbereich abgelehnt.",
            fix: "Prüfen Sie, ob die Anmelde-URL zur selben Cloud gehört wie die Graph-URL; fragen Sie Ihren Betreiber, ob die URLs geändert wurden.",
        },
        token_refused: Explanation {
            cause: "Microsoft hat die Ausstellung eines Tokens verweigert.",
            fix: "Lesen Sie die Meldung von Microsoft unten; sie nennt das Problem (AADSTS-Code).",
        },
        graph_access_denied: Explanation {
            cause: "Microsoft Graph hat das Senden verweigert: Der App fehlt die Anwendungsberechtigung Mail.Send, die Administratorzustimmung fehlt, oder eine Zugriffsrichtlinie schließt dieses Postfach aus.",
            fix: "Fügen Sie unter „API-Berechtigungen“ Microsoft Graph > Anwendungsberechtigungen > Mail.Send hinzu (nicht „Delegierte Berechtigungen“), und wählen Sie „Administratorzustimmung für … erteilen“. Wenn Sie eine Anwendungszugriffsrichtlinie verwenden, nehmen Sie das Absenderpostfach darin auf.",
        },
        graph_token_rejected: Explanation {
            cause: "Microsoft Graph hat das Token nicht akzeptiert.",
            fix: "Versuchen Sie es erneut. Wenn der Fehler bleibt, prüfen Sie, ob Anmelde- und Graph-URL zur selben Cloud gehören.",
        },
        mailbox_not_found: Explanation {
            cause: "In Microsoft 365 gibt es kein Postfach mit dieser Absenderadresse.",
            fix: "Geben Sie als Absenderadresse den Benutzerprinzipalnamen eines vorhandenen Postfachs im Mandanten ein.",
        },
        mailbox_not_enabled: Explanation {
            cause: "Das Absenderpostfach kann nicht über Microsoft Graph senden: Es ist inaktiv, vorläufig gelöscht, nicht lizenziert oder lokal gehostet.",
            fix: "Verwenden Sie ein lizenziertes Exchange Online-Postfach als Absender, oder weisen Sie diesem Postfach eine Lizenz zu.",
        },
        send_as_denied: Explanation {
            cause: "Die App darf nicht als dieses Postfach senden.",
            fix: "Senden Sie vom Absenderpostfach selbst, oder erteilen Sie der App dafür die Berechtigung „Senden als“.",
        },
        throttled: Explanation {
            cause: "Microsoft begrenzt, wie schnell dieses Postfach oder diese App senden darf (Drosselung).",
            fix: "Warten Sie die von Microsoft genannte Zeit ab, und versuchen Sie es dann erneut. Häufige Drosselung bedeutet, dass das Postfach mehr als etwa 30 Nachrichten pro Minute sendet.",
        },
        unexpected_answer: Explanation {
            cause: "Die Antwort kam nicht vom Microsoft-Dienst (ein Proxy oder eine falsche Basis-URL).",
            fix: "Bitten Sie Ihren Betreiber, die Anmelde- und Graph-URLs von Microsoft sowie jeden Proxy zwischen der Plattform und Microsoft zu prüfen.",
        },
        server_refuses_client: Explanation {
            cause: "Der Server hat diese Plattform direkt beim Verbinden abgewiesen: falscher Host oder Port, oder der Server nimmt keine Verbindungen aus diesem Netzwerk an.",
            fix: "Prüfen Sie Host und Port. Wenn sie stimmen, bitten Sie den Administrator des Mailservers, die IP-Adresse dieser Plattform zuzulassen (IP-Zulassungsliste, Relay- oder Connectoreinstellungen). Die Antwort des Servers steht unten.",
        },
        slow_reply: Explanation {
            cause: "Der Server hat zu antworten begonnen, die Antwort aber nicht innerhalb der Frist beendet: Er ist überlastet, oder etwas zwischen dieser Plattform und dem Server bremst die Verbindung.",
            fix: "Versuchen Sie es in einigen Minuten erneut. Wenn es wieder vorkommt, wenden Sie sich an den Administrator des Mailservers und prüfen Sie Firewalls oder Proxys zwischen dieser Plattform und dem Server. Die Einstellung Sicherheit ist nicht die Ursache: Der Server hat geantwortet.",
        },
        port_speaks_tls: Explanation {
            cause: "Der Server hat im Klartext nichts gesagt, aber dieser Port beantwortet einen TLS-Handshake: Er erwartet SSL/TLS ab dem ersten Byte.",
            fix: "Wählen Sie SSL/TLS als Sicherheit (dieser Port spricht SSL/TLS), oder behalten Sie StartTLS und verwenden Sie den StartTLS-Port des Servers (meist 587).",
        },
        client_not_authenticated: Explanation {
            cause: "Der Server nimmt E-Mails nur von Clients an, die sich anmelden, und diese Konfiguration meldet sich nicht an.",
            fix: "Aktivieren Sie die SMTP-Authentifizierung und geben Sie Benutzername und Kennwort des Postfachs ein, oder verwenden Sie Microsoft OAuth 2.0 für Microsoft 365.",
        },
        relay_denied: Explanation {
            cause: "Der Server leitet für diesen Absender oder dieses Konto keine E-Mails an diesen Empfänger weiter (Relaying ist nicht erlaubt).",
            fix: "Aktivieren Sie die SMTP-Authentifizierung mit einem Konto, das an externe Adressen senden darf, oder bitten Sie den Administrator des Mailservers, Relaying von der IP-Adresse dieser Plattform zuzulassen.",
        },
        message_too_large: Explanation {
            cause: "Die Nachricht ist größer, als der Server annimmt.",
            fix: "Senden Sie kleinere Anlagen, oder bitten Sie den Administrator des Mailservers, die maximale Nachrichtengröße zu erhöhen.",
        },
        mailbox_full: Explanation {
            cause: "Das Postfach des Empfängers ist voll.",
            fix: "Bitten Sie den Empfänger, Speicherplatz freizugeben, oder senden Sie an eine andere Adresse.",
        },
        recipient_unknown: Explanation {
            cause: "Die Adresse des Empfängers existiert auf dem empfangenden Server nicht.",
            fix: "Prüfen Sie die Empfängeradresse auf Tippfehler.",
        },
        server_system_problem: Explanation {
            cause: "Der Mailserver hat ein eigenes Problem (zum Beispiel einen vollen Datenträger oder einen Konfigurationsfehler).",
            fix: "Wenden Sie sich an den Administrator des Mailservers; der Text des Servers unten nennt das Problem.",
        },
        routing_problem: Explanation {
            cause: "Der Server konnte die Nachricht nicht an die Domäne des Empfängers leiten (ein DNS- oder Routingproblem auf der Seite des Servers).",
            fix: "Prüfen Sie die Domäne der Empfängeradresse. Wenn sie stimmt, wenden Sie sich an den Administrator des Mailservers; der Text des Servers unten nennt das Problem.",
        },
        protocol_error: Explanation {
            cause: "Der Server hat einen Befehl des SMTP-Austauschs nicht angenommen (eine Protokollabweichung).",
            fix: "Prüfen Sie die Einstellung Sicherheit und den Port. Der Text des Servers unten nennt den abgelehnten Befehl.",
        },
        policy_rejected: Explanation {
            cause: "Der Server hat die Nachricht wegen seiner Sicherheits- oder Inhaltsrichtlinie abgelehnt (Spamfilter oder Absenderprüfungen wie SPF, DKIM oder DMARC).",
            fix: "Lesen Sie den Text des Servers unten. Stellen Sie sicher, dass die Domäne des Absenders diesem Server das Senden erlaubt (SPF, DKIM), und fragen Sie den Administrator des Mailservers, ob eine Richtlinie die Nachricht blockiert.",
        },
        reputation_blocked: Explanation {
            cause: "Der Server blockiert E-Mails von diesem Absender, Mandanten oder dieser IP-Adresse wegen ihres Sendeverhaltens (zum Beispiel nach dem Versand von Spam oder bei einem nicht verifizierten Microsoft 365-Mandanten).",
            fix: "Ein Administrator der sendenden Organisation muss die blockierten Absender prüfen (in Microsoft 365: Eingeschränkte Entitäten im Microsoft Defender-Portal), die Domänen des Mandanten verifizieren oder den Support des Anbieters kontaktieren. Der Code im Text des Servers unten bezeichnet die Sperre.",
        },
        server_busy: Explanation {
            cause: "Der Server ist ausgelastet oder begrenzt, wie schnell dieses Konto senden darf (Drosselung).",
            fix: "Warten Sie einige Minuten; der Postausgang versucht es selbst erneut. Wenn das oft vorkommt, sendet das Konto mehr, als der Server erlaubt: Legen Sie ein Sendelimit fest (Nachrichten pro Minute).",
        },
        smtp_send_as_denied: Explanation {
            cause: "Das angemeldete Konto darf nicht als die Absenderadresse senden.",
            fix: "Verwenden Sie die eigene Adresse des angemeldeten Postfachs als Absender-E-Mail, oder lassen Sie einem Administrator diesem Konto die Berechtigung „Senden als“ für das Absenderpostfach erteilen.",
        },
        other: Explanation {
            cause: "Der Server hat einen Fehler gemeldet.",
            fix: "Lesen Sie die Meldung unten; sie stammt vom Server.",
        },
        timeout: Explanation {
            cause: "Der Server antwortet nicht mehr.",
            fix: "Prüfen Sie, ob Server und Port stimmen und keine Firewall die Verbindung stillschweigend verwirft; versuchen Sie es dann erneut.",
        },
        timeout_on_connect: "Der Server hat die Verbindung nicht rechtzeitig angenommen.",
    },
};
