//! French.
//!
//! Microsoft terms used below, as the French Microsoft Entra admin center and Microsoft Learn
//! (fr-fr) word them, and where they were found. Pages marked (*) were read in Microsoft's
//! fr-FR documentation source for that Learn page rather than on the rendered page. Learn's
//! French prose sometimes says "Certificats et secrets" or "Autorisations d'API"; the labels
//! used here are the portal labels that Learn quotes in bold ("Certificats & secrets",
//! "API autorisées").
//! - "Centre d'administration Microsoft Entra", "Inscriptions d'applications", "Vue d'ensemble",
//!   "ID d'application (client)":
//!   https://learn.microsoft.com/fr-fr/training/entra-external-identities/4-register-application
//!   https://learn.microsoft.com/fr-fr/graph/auth-register-app-v2
//! - "ID de l'annuaire (locataire)" (and "ID d'application (client)" on the "Vue d'ensemble" page):
//!   https://learn.microsoft.com/fr-fr/azure/healthcare-apis/register-application
//!   https://learn.microsoft.com/fr-fr/entra/msal/javascript/node/initialize-confidential-client-application
//! - "API autorisées", "Ajouter une autorisation", "Autorisations d'application",
//!   "Autorisations déléguées", "Accorder un consentement d'administrateur pour <locataire>":
//!   https://learn.microsoft.com/fr-CA/azure/active-directory/develop/quickstart-configure-app-access-web-apis
//!   https://learn.microsoft.com/fr-fr/azure/active-directory/app-proxy/application-proxy-secure-api-access (*)
//! - "Certificats & secrets", "Secret client" (next to "ID d'application (client)" in
//!   "Vue d'ensemble"): https://learn.microsoft.com/fr-fr/azure/purview/register-scan-adls-gen2 (*)
//! - "ID de secret" (the column next to "Valeur" under "Certificats & secrets"):
//!   https://learn.microsoft.com/fr-fr/azure/api-management/api-management-howto-aad (*)
//! - "Mail.Send", "Application" vs "Déléguée" permission types:
//!   https://learn.microsoft.com/fr-fr/graph/api/user-sendmail?view=graph-rest-1.0
//! - "boîte aux lettres partagée", "Envoyer en tant que":
//!   https://learn.microsoft.com/fr-fr/graph/outlook-send-mail-from-other-user
//! - "limitation" (throttling): https://learn.microsoft.com/fr-fr/graph/throttling
//! - "principal de service", "application d'entreprise", "ID d'objet":
//!   https://learn.microsoft.com/fr-fr/entra/identity/enterprise-apps/create-service-principal-cross-tenant
//!   https://learn.microsoft.com/fr-fr/graph/permissions-grant-via-msgraph
//! - "nom d'utilisateur principal (UPN)":
//!   https://learn.microsoft.com/fr-fr/microsoft-365/enterprise/assign-licenses-to-user-accounts-with-microsoft-365-powershell (*)
//! - "stratégie d'accès aux applications":
//!   https://learn.microsoft.com/fr-fr/powershell/module/exchange/new-applicationaccesspolicy?view=exchange-ps
//! - SMTP AUTH, SMTP.SendAsApp, New-ServicePrincipal, Add-MailboxPermission (Exchange Online):
//!   https://learn.microsoft.com/fr-fr/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth

use super::*;

pub static FR: Catalog = Catalog {
    lang: "fr",
    app_name: "Mailwright",
    nav_settings: "Paramètres",
    language_label: "Langue",
    language_apply: "Appliquer",
    page_title: "Fournisseur de messagerie",
    page_intro: "Choisissez le fournisseur de messagerie par lequel passent les abonnements aux rapports, les graphiques partagés, les alertes et les réinitialisations de mot de passe de cette organisation.",
    loading: "Chargement…",
    not_found: "Cette page n’existe pas.",

    provider_legend: "Fournisseur de messagerie",
    provider_none: "Aucun",
    provider_smtp: "SMTP",
    provider_microsoft365: "Microsoft 365",
    current_heading: "Configuration active",
    no_provider: "Aucun fournisseur de messagerie n’est configuré : la plateforme n’envoie aucun e-mail.",
    last_changed: "Dernière modification",
    last_test: "Dernier test",
    never_tested: "Aucun test pour l’instant",
    test_passed: "accepté par le serveur",
    test_failed_short: "échec",
    edit: "Modifier",
    cancel: "Annuler",
    save: "Enregistrer",
    saving: "Enregistrement…",
    saved_notice: "Configuration enregistrée. Elle est désormais active.",
    deleted_notice: "Les paramètres de messagerie ont été supprimés. Aucun fournisseur de messagerie n’est actif.",
    yes: "Oui",
    no: "Non",

    smtp_heading: "Paramètres SMTP",
    label_host: "Serveur SMTP",
    help_host: "Nom d’hôte ou adresse IP de votre serveur de messagerie, par exemple smtp.example.com.",
    label_port: "Port",
    help_port: "Généralement 587 avec StartTLS, 465 avec SSL/TLS, 25 pour un relais interne.",
    label_security: "Sécurité",
    security_starttls: "StartTLS",
    security_tls: "SSL/TLS",
    security_none: "Aucune",
    help_security: "StartTLS et SSL/TLS chiffrent la connexion. Ne choisissez Aucune que pour un relais situé sur un réseau de confiance.",
    label_sender_email: "Adresse e-mail de l’expéditeur",
    help_sender_email: "Les destinataires voient cette adresse dans le champ De.",
    label_sender_name: "Nom de l’expéditeur",
    help_sender_name: "Facultatif. Affiché aux destinataires à côté de l’adresse e-mail de l’expéditeur.",
    label_rate: "Limite d’envoi (messages par minute)",
    help_rate: "Facultatif. Les messages de la plateforme (rapports, alertes, notifications) passent par ce serveur sans dépasser ce nombre par minute ; les autres attendent leur tour. Laissez vide pour ne fixer aucune limite. Les e-mails de test ne sont pas comptés.",
    rate_unlimited: "Aucune limite",
    label_auth: "Authentification SMTP",
    help_auth_off: "Sans authentification, le serveur doit accepter les messages de cette plateforme en tant que relais non authentifié.",
    label_same_as_sender: "Identique à l’adresse e-mail de l’expéditeur",
    label_username: "Nom d’utilisateur",
    label_password: "Mot de passe",
    password_saved: "Enregistré",
    help_password_saved: "Un mot de passe est enregistré. Laissez ce champ vide pour le conserver.",
    auth_summary_off: "Désactivée (relais non authentifié)",
    label_auth_type: "Type d’authentification",
    auth_type_password: "Nom d’utilisateur et mot de passe",
    auth_type_microsoft: "OAuth 2.0 Microsoft",
    label_oauth_tenant_id: "ID de l’annuaire (locataire)",
    label_oauth_client_id: "ID d’application (client)",
    help_smtp_oauth: "Pour Exchange Online (smtp.office365.com, port 587, StartTLS). La plateforme obtient un jeton pour l’application et se connecte avec XOAUTH2 sous l’adresse e-mail de l’expéditeur ; aucun mot de passe n’est stocké.",
    smtp_oauth_steps_title: "Configurer OAuth 2.0 Microsoft pour SMTP",
    smtp_oauth_steps: &[
        "Dans le centre d’administration Microsoft Entra, ouvrez Inscriptions d’applications et inscrivez une application (ou choisissez-en une). Sa page Vue d’ensemble affiche l’ID d’application (client) et l’ID de l’annuaire (locataire).",
        "Sous Certificats & secrets, ajoutez un secret client et copiez immédiatement sa Valeur (et non l’ID de secret) : elle n’est affichée qu’une seule fois.",
        "Sous API autorisées, ajoutez Office 365 Exchange Online > Autorisations d’application > SMTP.SendAsApp, puis choisissez Accorder un consentement d’administrateur.",
        "Dans Exchange Online PowerShell, inscrivez le principal de service de l’application avec New-ServicePrincipal -AppId <Application ID> -ServiceId <Object ID> (l’ID d’objet indiqué dans Applications d’entreprise, et non dans Inscriptions d’applications), puis donnez-lui accès à la boîte aux lettres de l’expéditeur avec Add-MailboxPermission -Identity <sender> -User <service principal> -AccessRights FullAccess.",
        "Vérifiez que SMTP AUTH est activé pour la boîte aux lettres : Set-CASMailbox <sender> -SmtpClientAuthenticationDisabled $false.",
    ],

    microsoft_heading: "Paramètres Microsoft 365",
    help_graph_sender: "La boîte aux lettres qui envoie les messages : son nom d’utilisateur principal (UPN), généralement son adresse e-mail. Les destinataires la voient dans le champ De.",
    label_tenant_id: "ID du locataire",
    help_tenant_id: "L’ID de l’annuaire (locataire) indiqué sur la page Vue d’ensemble de l’application dans le centre d’administration Microsoft Entra, ou un domaine vérifié tel que contoso.onmicrosoft.com.",
    label_client_id: "ID client",
    help_client_id: "L’ID d’application (client) indiqué sur la même page Vue d’ensemble : un GUID.",
    label_client_secret: "Secret client",
    help_client_secret: "La Valeur du secret, sous Certificats & secrets, et non son ID de secret.",
    help_client_secret_saved: "Un secret client est enregistré. Laissez ce champ vide pour le conserver.",
    graph_steps_title: "Configurer Microsoft 365",
    graph_steps: &[
        "Dans le centre d’administration Microsoft Entra, ouvrez Inscriptions d’applications et inscrivez une application (ou choisissez-en une). Sa page Vue d’ensemble affiche l’ID d’application (client) et l’ID de l’annuaire (locataire).",
        "Sous Certificats & secrets, ajoutez un secret client et copiez immédiatement sa Valeur (et non l’ID de secret) : elle n’est affichée qu’une seule fois. Notez sa date d’expiration.",
        "Sous API autorisées, ajoutez Microsoft Graph > Autorisations d’application > Mail.Send (et non une autorisation déléguée), puis choisissez Accorder un consentement d’administrateur.",
        "Mail.Send permet à l’application d’envoyer en tant que n’importe quelle boîte aux lettres. Pour la limiter à la boîte aux lettres de l’expéditeur, créez une stratégie d’accès aux applications dans Exchange Online (New-ApplicationAccessPolicy -AccessRight RestrictAccess) ou utilisez le RBAC pour les applications ; les modifications peuvent mettre une heure à s’appliquer.",
        "Si les serveurs des destinataires vérifient SPF ou si votre locataire filtre le courrier sortant, autorisez le domaine de la boîte aux lettres de l’expéditeur comme pour toute boîte aux lettres Microsoft 365.",
    ],
    graph_limits: "Microsoft applique une limitation à chaque boîte aux lettres : environ 30 messages par minute et 10 000 destinataires par jour. Les grandes organisations devraient utiliser une boîte aux lettres dédiée à l’envoi.",

    label_test_after_save: "Envoyer un e-mail de test après l’enregistrement",

    confirm_delete_title: "Supprimer les paramètres de messagerie ?",
    confirm_delete_body: "Les paramètres {old} et les informations d’identification enregistrées seront supprimés. La plateforme n’enverra plus aucun e-mail tant qu’un fournisseur n’aura pas été de nouveau configuré.",
    confirm_delete: "Supprimer les paramètres",
    confirm_replace_title: "Remplacer {old} par {new} ?",
    confirm_replace_body: "Les paramètres {old} et les informations d’identification enregistrées seront supprimés, et {new} deviendra le fournisseur actif.",
    confirm_replace: "Remplacer et enregistrer",

    test_heading: "Envoyer un e-mail de test",
    test_intro: "Envoie un court message avec la configuration enregistrée.",
    label_recipient: "Destinataire",
    send_test: "Envoyer un e-mail de test",
    sending_test: "Envoi en cours…",
    check_connection: "Vérifier la connexion",
    checking_connection: "Vérification en cours…",
    check_passed_smtp: "La connexion fonctionne ({ms} ms) : connexion établie, chiffrée et authentifiée selon la configuration, puis fermée avant tout envoi.",
    check_passed_token: "Microsoft a délivré un jeton pour cette application ({ms} ms). Seule cette étape peut être vérifiée sans envoyer : l’autorisation Mail.Send ne permet aucune requête qui n’envoie rien. Envoyez un e-mail de test pour vérifier la boîte aux lettres de l’expéditeur.",
    check_failed: "La vérification de la connexion a échoué (après {ms} ms).",
    check_nothing_sent: "Aucun e-mail n’a été envoyé. Même un serveur qui accepte un message ne l’a pas encore remis : seul un e-mail de test qui arrive le prouve.",
    test_save_first: "Enregistrez une configuration avant d’envoyer un e-mail de test.",
    test_accepted: "Accepté par le serveur en {ms} ms.",
    test_accepted_note: "« Accepté » signifie que le serveur a pris en charge le message pour le remettre ; vérifiez la boîte de réception du destinataire (et son dossier Courrier indésirable) pour confirmer qu’il est bien arrivé.",
    server_reply: "Réponse du serveur",
    test_failed: "L’e-mail de test n’a pas été envoyé (après {ms} ms).",
    failed_step: "Échec à l’étape",
    reply_code: "Code de réponse",
    server_said: "Détails",
    what_to_do: "Que faire",
    reference: "ID de la demande",
    retry_after: "Microsoft a demandé d’attendre {s} secondes avant de réessayer.",
    retry_after_one: "Microsoft a demandé d’attendre {s} seconde avant de réessayer.",
    transcript_heading: "Journal de l’échange (mots de passe, secrets et jetons masqués)",
    transcript_client: "C:",
    transcript_server: "S:",
    test_subject: "E-mail de test de l’administration Mailwright",
    test_body: "Ceci est un e-mail de test envoyé par Mailwright.\n\nIl a été envoyé via le fournisseur de messagerie configuré pour votre organisation :\n\nFournisseur : {provider}\nServeur : {server}\nPort : {port}\nSécurité : {security}\n\nSi vous lisez ce message, la plateforme peut envoyer des e-mails. Aucune action n’est nécessaire.\n",

    audit_heading: "Journal d’audit",
    audit_when: "Quand",
    audit_who: "Qui",
    audit_what: "Quoi",
    audit_empty: "Rien n’a encore été modifié ni testé.",
    audit_older: "Afficher les entrées plus anciennes",
    audit_saved: "Paramètres {provider} enregistrés",
    audit_activated: "{provider} activé",
    audit_deleted: "Paramètres {provider} supprimés",
    audit_test_ok: "E-mail de test à {recipient} : accepté",
    audit_test_failed: "E-mail de test à {recipient} : échec à l’étape « {step} »",
    audit_token_created: "Jeton d’API « {name} » créé",
    audit_token_revoked: "Jeton d’API « {name} » révoqué",
    audit_secret_changed: "{field} : modifié",
    audit_empty_value: "(vide)",
    audit_fields: AuditFieldTexts {
        host: "Serveur SMTP",
        port: "Port",
        security: "Sécurité",
        sender_email: "Adresse e-mail de l’expéditeur",
        sender_name: "Nom de l’expéditeur",
        authentication: "Authentification",
        username: "Nom d’utilisateur",
        tenant_id: "ID du locataire",
        client_id: "ID client",
        secret: "Mot de passe ou secret client",
        rate_limit: "Limite d’envoi (messages par minute)",
    },
    error_fix_fields: "Certains champs sont à revoir. Corrigez-les, puis réessayez.",
    error_unauthenticated: "Votre session a expiré. Reconnectez-vous.",
    error_forbidden: "Seuls les administrateurs de l’organisation peuvent consulter ou modifier les paramètres de messagerie.",
    error_conflict: "Quelqu’un d’autre a modifié ces paramètres pendant que vous les modifiiez. Rechargez la page pour voir sa version.",
    error_conflict_by: "Ces paramètres ont été modifiés par {by} le {at} pendant que vous les modifiiez. Rechargez la page pour voir sa version, puis refaites votre modification.",
    error_sign_in_failed: "Adresse e-mail ou mot de passe incorrect.",
    error_too_many_attempts: "Trop de tentatives infructueuses. Réessayez dans {minutes} minutes.",
    error_too_many_attempts_one: "Trop de tentatives infructueuses. Réessayez dans {minutes} minute.",
    error_busy: "Le serveur traite d’autres connexions. Réessayez dans {seconds} secondes.",
    error_busy_one: "Le serveur traite d’autres connexions. Réessayez dans {seconds} seconde.",
    error_link_invalid: "Ce lien n’est pas valide, a déjà été utilisé ou a expiré. Demandez-en un nouveau.",
    error_not_found: "Il n’y a rien ici. La configuration initiale n’est possible qu’une seule fois, sur une nouvelle installation : connectez-vous plutôt.",
    error_not_configured: "Aucun fournisseur de messagerie n’est enregistré. Enregistrez d’abord une configuration.",
    error_internal: "Une erreur s’est produite sur le serveur. Réessayez ; si le problème persiste, demandez à l’exploitant de la plateforme de consulter le journal du serveur.",
    error_transport: "Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.",

    test_body_graph: "Ceci est un e-mail de test envoyé par Mailwright.\n\nIl a été envoyé via le fournisseur de messagerie configuré pour votre organisation :\n\nFournisseur : {provider}\nBoîte aux lettres de l’expéditeur : {sender}\nLocataire : {tenant}\n\nSi vous lisez ce message, la plateforme peut envoyer des e-mails. Aucune action n’est nécessaire.\n",

    outbox: OutboxTexts {
        tokens_title: "Jetons d’API",
        tokens_intro: "Les autres composants de la plateforme (abonnements aux rapports, alertes, graphiques partagés) envoient des e-mails via Mailwright avec ces jetons : POST /api/v1/messages avec l’en-tête Authorization: Bearer <token>. Un jeton n’est affiché qu’une seule fois, lors de sa création.",
        label_token_name: "Nom du jeton",
        label_scope: "Étendue",
        scope_send: "Envoyer des messages",
        scope_send_read: "Envoyer des messages et consulter leur statut",
        label_expires_days: "Expire au bout de (jours)",
        help_expires_days: "Laissez vide pour un jeton qui n’expire pas.",
        create_token: "Créer le jeton",
        token_created: "Copiez ce jeton maintenant : il ne sera plus affiché. Mailwright n’en conserve qu’une empreinte.",
        label_new_token: "Nouveau jeton",
        tokens_empty: "Aucun jeton d’API pour l’instant.",
        col_name: "Nom",
        col_scope: "Étendue",
        col_created: "Créé le",
        col_last_used: "Dernière utilisation",
        col_expires: "Expire le",
        never: "Jamais",
        revoke: "Révoquer",
        revoke_label: "Révoquer {name}",
        revoke_confirm: "Révoquer le jeton « {name} » ? Tout ce qui envoie des messages avec ce jeton cessera immédiatement de fonctionner.",
        token_revoked: "Jeton révoqué.",
        deliveries_title: "Journal des envois",
        deliveries_intro: "Messages envoyés par la plateforme via le fournisseur de messagerie actif, du plus récent au plus ancien, conservés 30 jours. « Accepté » signifie que le fournisseur a pris en charge le message, et non qu’il est arrivé dans la boîte de réception.",
        filter_status: "Statut",
        filter_category: "Catégorie",
        filter_recipient: "Destinataire",
        filter_any: "Tous",
        search: "Rechercher",
        col_time: "Date et heure",
        col_category: "Catégorie",
        col_recipients: "Destinataires",
        col_subject: "Objet",
        col_status: "Statut",
        col_attempts: "Tentatives",
        deliveries_empty: "Aucun message ne correspond.",
        older: "Messages plus anciens",
        next_attempt: "Prochaine tentative le {at}.",
        statuses: StatusTexts {
            queued: "En file d’attente",
            sending: "Envoi en cours",
            sent: "Accepté par le fournisseur",
            deferred: "En attente d’une nouvelle tentative",
            failed: "Échec",
        },
        categories: CategoryTexts {
            subscription: "Abonnement à un rapport",
            alert: "Alerte",
            share: "Graphique partagé",
            notification: "Notification",
            password_reset: "Réinitialisation du mot de passe",
            other: "Autre",
        },
        paused_title: "L’envoi est suspendu",
        paused_intro: "Depuis le {since}, le fournisseur de messagerie refuse les messages en raison de sa configuration (étape : {step}). Les messages attendent dans la file d’attente ; aucun n’est perdu.",
        paused_resume: "L’envoi reprendra automatiquement dès que vous aurez enregistré une configuration dont l’e-mail de test est accepté.",
    },
    account: AccountTexts {
        sign_in_title: "Connexion",
        label_email: "Adresse e-mail",
        label_password: "Mot de passe",
        sign_in: "Se connecter",
        signing_in: "Connexion en cours…",
        forgot_link: "Mot de passe oublié",
        sign_out: "Se déconnecter",
        signed_in_as: "{email} · {tenant}",
        forgot_title: "Mot de passe oublié",
        forgot_intro: "Saisissez l’adresse e-mail avec laquelle vous vous connectez. Nous vous enverrons un lien pour définir un nouveau mot de passe, via le fournisseur de messagerie de votre organisation.",
        send_reset_link: "Envoyer le lien de réinitialisation",
        forgot_sent: "Si un compte existe pour {email}, un lien pour définir un nouveau mot de passe est en route. Il ne fonctionne qu’une seule fois, dans les 30 minutes.",
        back_to_sign_in: "Retour à la connexion",
        reset_title: "Définir un nouveau mot de passe",
        label_new_password: "Nouveau mot de passe",
        help_new_password: "Au moins 12 caractères. Une fois le mot de passe défini, toutes vos sessions sont fermées.",
        set_password: "Définir le mot de passe",
        reset_done: "Votre mot de passe a été modifié. Connectez-vous avec le nouveau.",
        request_new_link: "Demander un nouveau lien",
        setup_title: "Créer le premier administrateur",
        setup_intro: "Cette installation n’a encore aucun utilisateur. Créez votre organisation et son premier administrateur ; cette page ne fonctionne qu’une seule fois.",
        label_organization: "Nom de l’organisation",
        create_admin: "Créer l’administrateur",
        reset_email_subject: "Définir un nouveau mot de passe Mailwright",
        reset_email_body: "Quelqu’un, vous sans doute, a demandé à définir un nouveau mot de passe pour {email} sur Mailwright.\n\nOuvrez ce lien dans les 30 minutes pour choisir un nouveau mot de passe (il ne fonctionne qu’une seule fois) :\n\n{link}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.\n",
    },

    field_errors: FieldErrorTexts {
         required: "Ce champ est obligatoire.",
         line_break: "Supprimez les sauts de ligne et les caractères de contrôle.",
         too_long: "Cette valeur est trop longue.",
         port_not_number: "Saisissez le port sous forme de nombre, par exemple 587.",
         port_out_of_range: "Saisissez un port compris entre 1 et 65535.",
         host_has_scheme: "Saisissez uniquement le nom du serveur, sans smtp:// ni https://.",
         host_has_port: "Saisissez ici uniquement le nom du serveur, et le port dans le champ Port.",
         host_invalid: "Saisissez un nom d’hôte tel que smtp.example.com ou une adresse IP.",
         address_missing_at: "Saisissez une adresse e-mail telle que name@example.com.",
         address_local_part_invalid: "La partie avant le @ contient des caractères non autorisés dans une adresse e-mail.",
         address_local_part_too_long: "La partie avant le @ ne peut pas dépasser 64 caractères.",
         address_non_ascii_local_part: "La partie avant le @ ne doit contenir que des lettres ASCII, des chiffres et les caractères « . », « _ », « - » et « + ».",
         address_domain_invalid: "La partie après le @ doit être un nom de domaine tel que example.com.",
         address_too_long: "Une adresse e-mail ne peut pas dépasser 254 caractères.",
         password_required: "Saisissez le mot de passe.",
         password_retype_for_new_destination: "Vous avez modifié le serveur, le port, la sécurité ou le nom d’utilisateur : saisissez de nouveau le mot de passe, afin que le mot de passe enregistré ne soit jamais envoyé à un autre serveur.",
         tenant_id_invalid: "Saisissez l’ID du locataire sous forme de GUID (par exemple 8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6f) ou un domaine du locataire (par exemple contoso.onmicrosoft.com).",
         client_id_not_guid: "Saisissez l’ID d’application (client) : un GUID tel que 3b9a1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, indiqué sur la page Vue d’ensemble de l’application.",
         client_secret_is_id: "Il s’agit de l’ID de secret. Collez plutôt la Valeur du secret : elle n’est affichée qu’une seule fois, lors de la création du secret sous Certificats & secrets.",
         client_secret_required: "Saisissez le secret client.",
         client_secret_retype_for_new_destination: "Vous avez modifié le locataire, l’ID client ou le serveur : saisissez de nouveau le secret client, afin que le secret enregistré ne soit jamais envoyé ailleurs.",
         password_too_short: "Utilisez au moins 12 caractères. Quelques mots sans rapport entre eux forment un mot de passe robuste et facile à retenir.",
         too_many_recipients: "Un message peut compter au plus 100 destinataires dans À, Cc et Cci réunis.",
         body_required: "Donnez au message un corps en texte brut ou en HTML.",
         not_base64: "Le contenu des pièces jointes doit être encodé en base64.",
         content_type_invalid: "Saisissez un type de contenu tel que application/pdf.",
         unknown_value: "Cette valeur ne fait pas partie des valeurs autorisées.",
         rate_invalid: "Saisissez un nombre entier de messages par minute compris entre 1 et 100 000, ou laissez le champ vide pour ne fixer aucune limite.",
     },
    steps: StepTexts {
        token_request: "Obtention d’un jeton auprès de Microsoft (demande de jeton)",
        graph_send: "Envoi via Microsoft Graph",
        dns: "Résolution du nom du serveur (DNS)",
        connect: "Connexion (TCP)",
        tls: "Chiffrement de la connexion (TLS)",
        greeting: "Message d’accueil du serveur",
        authentication: "Authentification",
        sender: "Expéditeur",
        recipient: "Destinataire",
        data: "Envoi du message",
    },
    causes: CauseTexts {
        host_not_found: Explanation {
            cause: "Le nom du serveur est introuvable dans le DNS.",
            fix: "Vérifiez l’orthographe du nom du serveur SMTP.",
        },
        connection_refused: Explanation {
            cause: "Aucun service n’écoute sur ce port du serveur, ou un pare-feu a refusé la connexion.",
            fix: "Vérifiez le numéro de port, et que le serveur accepte les connexions provenant de cette plateforme.",
        },
        unreachable: Explanation {
            cause: "Le serveur est injoignable depuis cette plateforme.",
            fix: "Vérifiez le nom du serveur ainsi que les paramètres de votre réseau ou de votre pare-feu.",
        },
        no_greeting: Explanation {
            cause: "La connexion s’est ouverte, mais le serveur n’a pas envoyé de message d’accueil. Cela signifie généralement que le port attend SSL/TLS dès le premier octet.",
            fix: "Si le port est 465, choisissez SSL/TLS dans Sécurité. Sinon, vérifiez le numéro de port.",
        },
        server_expects_plain_text: Explanation {
            cause: "Le serveur a répondu en texte clair au lieu de démarrer TLS : ce port n’utilise pas SSL/TLS.",
            fix: "Choisissez StartTLS dans Sécurité (généralement avec le port 587), ou utilisez le port SSL/TLS du serveur (généralement 465).",
        },
        certificate_untrusted: Explanation {
            cause: "Le certificat du serveur n’est pas signé par une autorité de certification approuvée par cette plateforme.",
            fix: "Utilisez le nom d’hôte officiel du serveur, ou demandez à l’exploitant de la plateforme d’ajouter le certificat de l’autorité de certification de votre organisation (--smtp-ca-file).",
        },
        certificate_name_mismatch: Explanation {
            cause: "Le certificat du serveur a été émis pour un autre nom d’hôte.",
            fix: "Saisissez le nom d’hôte pour lequel le certificat a été émis, généralement le nom de serveur SMTP indiqué dans la documentation du fournisseur.",
        },
        certificate_expired: Explanation {
            cause: "Le certificat du serveur a expiré ou n’est pas encore valide.",
            fix: "Demandez à l’administrateur du serveur de messagerie de renouveler le certificat.",
        },
        tls_failed: Explanation {
            cause: "La connexion chiffrée n’a pas pu être établie.",
            fix: "Vérifiez le paramètre Sécurité. Le serveur exige peut-être une version de TLS ou une suite de chiffrement que cette plateforme n’autorise pas (TLS 1.2 ou version ultérieure requis).",
        },
        start_tls_not_offered: Explanation {
            cause: "Le serveur ne propose pas StartTLS sur ce port.",
            fix: "Choisissez SSL/TLS avec le port SSL/TLS du serveur (généralement 465), ou demandez à l’administrateur du serveur d’activer StartTLS.",
        },
        server_requires_tls: Explanation {
            cause: "Le serveur exige d’abord une connexion chiffrée.",
            fix: "Choisissez StartTLS ou SSL/TLS dans Sécurité.",
        },
        auth_not_offered: Explanation {
            cause: "Le serveur ne propose pas l’authentification par mot de passe sur cette connexion.",
            fix: "Activez le chiffrement (StartTLS ou SSL/TLS) : de nombreux serveurs ne proposent l’authentification qu’avec celui-ci. Vous pouvez aussi désactiver l’authentification SMTP pour utiliser un relais non authentifié.",
        },
        auth_rejected: Explanation {
            cause: "Le serveur a refusé le nom d’utilisateur ou le mot de passe.",
            fix: "Vérifiez le nom d’utilisateur et le mot de passe. Certains fournisseurs exigent un mot de passe d’application, ou que l’authentification SMTP soit activée pour la boîte aux lettres.",
        },
        sender_rejected: Explanation {
            cause: "Le serveur a refusé l’adresse de l’expéditeur.",
            fix: "Utilisez une adresse e-mail d’expéditeur au nom de laquelle ce compte est autorisé à envoyer.",
        },
        recipient_rejected: Explanation {
            cause: "Le serveur a refusé le destinataire.",
            fix: "Vérifiez l’adresse du destinataire. S’il est extérieur à votre organisation, le serveur n’autorise peut-être pas le relais pour ce compte.",
        },
        message_rejected: Explanation {
            cause: "Le serveur a refusé le message après l’avoir reçu.",
            fix: "Lisez la réponse du serveur ci-dessous ; le message a peut-être été classé comme courrier indésirable, ou il est trop volumineux.",
        },
        temporary_failure: Explanation {
            cause: "Le serveur a signalé un problème temporaire.",
            fix: "Réessayez dans quelques minutes.",
        },
        connection_closed: Explanation {
            cause: "Le serveur a fermé la connexion de manière inattendue.",
            fix: "Vérifiez le paramètre Sécurité et le port, puis réessayez.",
        },
        not_configured: Explanation {
            cause: "Aucun fournisseur de messagerie n’est configuré.",
            fix: "Enregistrez d’abord une configuration.",
        },
        smtp_auth_disabled: Explanation {
            cause: "Microsoft 365 a refusé la connexion, car SMTP AUTH est désactivé pour le locataire ou pour la boîte aux lettres.",
            fix: "Dans Exchange Online, activez SMTP AUTH pour la boîte aux lettres de l’expéditeur (Set-CASMailbox <sender> -SmtpClientAuthenticationDisabled $false) ou pour le locataire, puis réessayez. Avec OAuth 2.0 Microsoft, aucun mot de passe n’est nécessaire.",
        },
        smtp_oauth_rejected: Explanation {
            cause: "Exchange Online n’a pas accepté le jeton de l’application pour cette boîte aux lettres.",
            fix: "Vérifiez que l’application dispose de l’autorisation d’application SMTP.SendAsApp avec le consentement de l’administrateur, que son principal de service est inscrit dans Exchange Online (New-ServicePrincipal) et qu’il dispose de l’accès FullAccess à la boîte aux lettres de l’expéditeur (Add-MailboxPermission). Les modifications peuvent mettre un certain temps à s’appliquer.",
        },
        tenant_not_found: Explanation {
            cause: "Microsoft ne connaît pas ce locataire.",
            fix: "Vérifiez l’ID du locataire sur la page Vue d’ensemble de l’application. Si votre locataire se trouve dans un cloud national, demandez à l’exploitant de la plateforme de configurer les URL de connexion et de Graph correspondantes.",
        },
        tenant_id_malformed: Explanation {
            cause: "L’ID du locataire n’est ni un GUID ni un nom de domaine.",
            fix: "Copiez l’ID de l’annuaire (locataire) depuis la page Vue d’ensemble de l’application.",
        },
        app_not_found: Explanation {
            cause: "Aucune application ne possède cet ID client dans le locataire.",
            fix: "Copiez l’ID d’application (client) depuis la page Vue d’ensemble de l’application, et vérifiez que l’ID du locataire est bien celui du locataire de l’application.",
        },
        client_secret_invalid: Explanation {
            cause: "Microsoft a refusé le secret client. Souvent, c’est l’ID du secret qui a été collé au lieu de sa Valeur.",
            fix: "Créez un nouveau secret client sous Certificats & secrets, copiez sa Valeur (et non l’ID de secret), collez-la dans Secret client, puis enregistrez.",
        },
        client_secret_expired: Explanation {
            cause: "Le secret client a expiré.",
            fix: "Créez un nouveau secret client sous Certificats & secrets, collez sa Valeur dans Secret client, puis enregistrez.",
        },
        scope_invalid: Explanation {
            cause: "Microsoft a refusé l’étendue d’autorisation demandée.",
            fix: "Vérifiez que l’URL de connexion appartient au même cloud que l’URL de Graph ; demandez à l’exploitant de la plateforme si les URL ont été modifiées.",
        },
        token_refused: Explanation {
            cause: "Microsoft a refusé d’émettre un jeton.",
            fix: "Lisez le message de Microsoft ci-dessous ; il indique le problème (code AADSTS).",
        },
        graph_access_denied: Explanation {
            cause: "Microsoft Graph a refusé l’envoi : l’application ne dispose pas de l’autorisation d’application Mail.Send, le consentement de l’administrateur n’a pas été accordé, ou une stratégie d’accès exclut cette boîte aux lettres.",
            fix: "Sous API autorisées, ajoutez Microsoft Graph > Autorisations d’application > Mail.Send (et non une autorisation déléguée), puis choisissez Accorder un consentement d’administrateur. Si vous utilisez une stratégie d’accès aux applications, incluez-y la boîte aux lettres de l’expéditeur.",
        },
        graph_token_rejected: Explanation {
            cause: "Microsoft Graph n’a pas accepté le jeton.",
            fix: "Réessayez. Si le problème persiste, vérifiez que les URL de connexion et de Graph appartiennent au même cloud.",
        },
        mailbox_not_found: Explanation {
            cause: "Microsoft 365 ne trouve aucune boîte aux lettres correspondant à cette adresse d’expéditeur.",
            fix: "Saisissez comme adresse de l’expéditeur le nom d’utilisateur principal (UPN) d’une boîte aux lettres existante du locataire.",
        },
        mailbox_not_enabled: Explanation {
            cause: "La boîte aux lettres de l’expéditeur ne peut pas envoyer via Microsoft Graph : elle est inactive, supprimée de manière réversible, sans licence ou hébergée en local.",
            fix: "Utilisez comme expéditeur une boîte aux lettres Exchange Online disposant d’une licence, ou attribuez une licence à celle-ci.",
        },
        send_as_denied: Explanation {
            cause: "L’application n’est pas autorisée à envoyer en tant que cette boîte aux lettres.",
            fix: "Envoyez depuis la boîte aux lettres de l’expéditeur elle-même, ou accordez à l’application l’autorisation Envoyer en tant que sur cette boîte aux lettres.",
        },
        throttled: Explanation {
            cause: "Microsoft limite la vitesse d’envoi de cette boîte aux lettres ou de cette application (limitation).",
            fix: "Attendez le délai demandé par Microsoft, puis réessayez. Si la limitation est fréquente, la boîte aux lettres envoie plus d’environ 30 messages par minute.",
        },
        unexpected_answer: Explanation {
            cause: "La réponse ne provient pas du service Microsoft (proxy ou URL de base incorrecte).",
            fix: "Demandez à l’exploitant de la plateforme de vérifier les URL de connexion et de Graph de Microsoft, ainsi que tout proxy situé entre la plateforme et Microsoft.",
        },
        server_refuses_client: Explanation {
            cause: "Le serveur a refusé cette plateforme dès la connexion : hôte ou port erroné, ou le serveur n’accepte pas les connexions depuis ce réseau.",
            fix: "Vérifiez l’hôte et le port. S’ils sont corrects, demandez à l’administrateur du serveur de messagerie d’autoriser l’adresse IP de cette plateforme (liste d’adresses IP autorisées, paramètres de relais ou de connecteur). La réponse du serveur figure ci-dessous.",
        },
        slow_reply: Explanation {
            cause: "Le serveur a commencé à répondre mais n’a pas terminé dans le délai imparti : il est surchargé, ou un équipement entre cette plateforme et le serveur ralentit la connexion.",
            fix: "Réessayez dans quelques minutes. Si cela se reproduit, contactez l’administrateur du serveur de messagerie et vérifiez les pare-feu ou proxys entre cette plateforme et le serveur. Le paramètre Sécurité n’est pas en cause : le serveur a bien répondu.",
        },
        port_speaks_tls: Explanation {
            cause: "Le serveur n’a rien dit en texte clair, mais ce port répond à une négociation TLS : il attend SSL/TLS dès le premier octet.",
            fix: "Choisissez SSL/TLS comme Sécurité (ce port parle SSL/TLS), ou gardez StartTLS et utilisez le port StartTLS du serveur (en général 587).",
        },
        client_not_authenticated: Explanation {
            cause: "Le serveur n’accepte le courrier que des clients authentifiés, et cette configuration ne s’authentifie pas.",
            fix: "Activez l’authentification SMTP et saisissez le nom d’utilisateur et le mot de passe de la boîte aux lettres, ou utilisez Microsoft OAuth 2.0 pour Microsoft 365.",
        },
        relay_denied: Explanation {
            cause: "Le serveur ne transmet pas le courrier vers ce destinataire pour cet expéditeur ou ce compte (le relais n’est pas autorisé).",
            fix: "Activez l’authentification SMTP avec un compte autorisé à envoyer vers des adresses externes, ou demandez à l’administrateur du serveur de messagerie d’autoriser le relais depuis l’adresse IP de cette plateforme.",
        },
        message_too_large: Explanation {
            cause: "Le message dépasse la taille acceptée par le serveur.",
            fix: "Envoyez des pièces jointes plus petites, ou demandez à l’administrateur du serveur de messagerie d’augmenter la taille maximale des messages.",
        },
        mailbox_full: Explanation {
            cause: "La boîte aux lettres du destinataire est pleine.",
            fix: "Demandez au destinataire de libérer de l’espace, ou envoyez à une autre adresse.",
        },
        recipient_unknown: Explanation {
            cause: "L’adresse du destinataire n’existe pas sur le serveur de réception.",
            fix: "Vérifiez que l’adresse du destinataire ne contient pas de faute de frappe.",
        },
        server_system_problem: Explanation {
            cause: "Le serveur de messagerie a un problème interne (par exemple un disque plein ou une erreur de configuration).",
            fix: "Contactez l’administrateur du serveur de messagerie ; le texte du serveur ci-dessous indique le problème.",
        },
        routing_problem: Explanation {
            cause: "Le serveur n’a pas pu acheminer le message vers le domaine du destinataire (problème DNS ou de routage côté serveur).",
            fix: "Vérifiez le domaine de l’adresse du destinataire. S’il est correct, contactez l’administrateur du serveur de messagerie ; le texte du serveur ci-dessous indique le problème.",
        },
        protocol_error: Explanation {
            cause: "Le serveur n’a pas accepté une commande de l’échange SMTP (incompatibilité de protocole).",
            fix: "Vérifiez le paramètre Sécurité et le port. Le texte du serveur ci-dessous indique la commande refusée.",
        },
        policy_rejected: Explanation {
            cause: "Le serveur a refusé le message en raison de sa stratégie de sécurité ou de contenu (filtrage du courrier indésirable, ou vérifications de l’expéditeur comme SPF, DKIM ou DMARC).",
            fix: "Lisez le texte du serveur ci-dessous. Vérifiez que le domaine de l’expéditeur autorise ce serveur à envoyer pour lui (SPF, DKIM), et demandez à l’administrateur du serveur de messagerie si une stratégie bloque le message.",
        },
        reputation_blocked: Explanation {
            cause: "Le serveur bloque le courrier de cet expéditeur, de ce locataire ou de cette adresse IP en raison de sa réputation d’envoi (par exemple après l’envoi de courrier indésirable, ou un locataire Microsoft 365 non vérifié).",
            fix: "Un administrateur de l’organisation émettrice doit vérifier les expéditeurs bloqués (dans Microsoft 365 : Entités restreintes dans le portail Microsoft Defender), vérifier les domaines du locataire ou contacter le support du fournisseur. Le code dans le texte du serveur ci-dessous identifie le blocage.",
        },
        server_busy: Explanation {
            cause: "Le serveur est occupé ou limite la vitesse d’envoi de ce compte (limitation).",
            fix: "Attendez quelques minutes ; la boîte d’envoi réessaie d’elle-même. Si cela arrive souvent, le compte envoie plus que le serveur ne le permet : définissez une limite d’envoi (messages par minute).",
        },
        smtp_send_as_denied: Explanation {
            cause: "Le compte qui s’authentifie n’est pas autorisé à envoyer en tant que l’adresse de l’expéditeur.",
            fix: "Utilisez l’adresse de la boîte aux lettres authentifiée comme e-mail de l’expéditeur, ou demandez à un administrateur d’accorder à ce compte l’autorisation Envoyer en tant que sur la boîte aux lettres de l’expéditeur.",
        },
        other: Explanation {
            cause: "Le serveur a signalé une erreur.",
            fix: "Lisez les détails ci-dessous ; ils proviennent du serveur.",
        },
        timeout: Explanation {
            cause: "Le serveur a cessé de répondre.",
            fix: "Vérifiez que le serveur et le port sont corrects et qu’aucun pare-feu ne bloque la connexion sans la refuser, puis réessayez.",
        },
        timeout_on_connect: "Le serveur n’a pas accepté la connexion à temps.",
    },
};
