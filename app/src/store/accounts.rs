//! Tenants, users, sessions and password reset links. Session ids and reset tokens are stored
//! only as digests; times are Unix seconds.

use super::backend::{on_pool, on_tx, Tx};
use super::{Store, StoreError};
use crate::domain::account::Role;
use crate::i18n::Lang;

#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: i64,
    pub tenant_id: String,
    pub email: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub role: Role,
    /// The language the user chose; `None`: never chose.
    pub language: Option<Lang>,
}

/// A session with the user it belongs to.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub user_id: i64,
    pub tenant_id: String,
    pub tenant_name: String,
    pub email: String,
    pub role: Role,
    pub language: Option<Lang>,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// A user's row as either database returns it.
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    tenant_id: String,
    email: String,
    password_hash: String,
    role: String,
    language: Option<String>,
}

/// A session's row with its user and tenant.
#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: i64,
    tenant_id: String,
    tenant_name: String,
    email: String,
    role: String,
    language: Option<String>,
    created_at: i64,
    last_seen_at: i64,
}

fn language(value: Option<String>) -> Option<Lang> {
    value.as_deref().and_then(Lang::from_tag)
}

fn role(value: &str) -> Result<Role, StoreError> {
    Role::parse(value).ok_or_else(|| StoreError::Corrupt(format!("role {value}")))
}

/// A unique or foreign key violation, as the caller should see it.
fn refused(err: sqlx::Error, duplicate: &'static str) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::AlreadyExists(duplicate)
        }
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
            StoreError::NotFound("tenant")
        }
        _ => err.into(),
    }
}

impl Store {
    pub async fn add_tenant(&self, id: &str, name: &str, now: &str) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| {
            sqlx::query("INSERT INTO tenant (id, name, created_at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(name)
                .bind(now)
                .execute(c)
                .await
                .map(drop)
        })
        .map_err(|e| refused(e, "tenant"))?;
        Ok(())
    }

    pub async fn add_user(
        &self,
        tenant_id: &str,
        email: &str,
        password_hash: &str,
        role: Role,
        now: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = insert_user(&mut tx, tenant_id, email, password_hash, role, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn has_users(&self) -> Result<bool, StoreError> {
        let count: i64 = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_scalar("SELECT COUNT(*) FROM user_account")
                .fetch_one(c)
                .await
        })?;
        Ok(count > 0)
    }

    /// Creates the tenant and its admin, unless a user exists already (the one-time setup).
    /// Returns the new user's id.
    pub async fn create_first_admin(
        &self,
        tenant_id: &str,
        tenant_name: &str,
        email: &str,
        password_hash: &str,
        now: &str,
    ) -> Result<i64, StoreError> {
        // A serial transaction: two setups racing (on two instances too) cannot both see no user.
        let mut tx = self.begin_serial("first admin").await?;
        let count: i64 = on_tx!(&mut tx, |c, pg| {
            sqlx::query_scalar("SELECT COUNT(*) FROM user_account")
                .fetch_one(&mut *c)
                .await
        })?;
        if count > 0 {
            return Err(StoreError::AlreadyExists("admin"));
        }
        on_tx!(&mut tx, |c, pg| sqlx::query(
            "INSERT INTO tenant (id, name, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        )
        .bind(tenant_id)
        .bind(tenant_name)
        .bind(now)
        .execute(&mut *c)
        .await
        .map(drop))?;
        let id = insert_user(&mut tx, tenant_id, email, password_hash, Role::Admin, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        // lower() on both sides: one account per address whatever its case, on both backends.
        let row: Option<UserRow> = on_pool!(self.db.reader(), |c, pg| sqlx::query_as(
            "SELECT id, tenant_id, email, password_hash, role, language FROM user_account
             WHERE lower(email) = lower($1)",
        )
        .bind(email)
        .fetch_optional(c)
        .await)?;
        row.map(|row| {
            Ok(UserRecord {
                id: row.id,
                tenant_id: row.tenant_id,
                email: row.email,
                password_hash: row.password_hash,
                role: role(&row.role)?,
                language: language(row.language),
            })
        })
        .transpose()
    }

    /// Saves the user's language choice.
    pub async fn set_user_language(&self, user_id: i64, lang: Lang) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| {
            sqlx::query("UPDATE user_account SET language = $1 WHERE id = $2")
                .bind(lang.code())
                .bind(user_id)
                .execute(c)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// The saved language of the user a session belongs to (live or not: it is only a
    /// preference), `None` when there is no such session or the user never chose.
    pub async fn session_language(&self, digest: &str) -> Result<Option<Lang>, StoreError> {
        let language: Option<Option<String>> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_scalar(
                "SELECT u.language FROM session s JOIN user_account u ON u.id = s.user_id
                 WHERE s.id_digest = $1",
            )
            .bind(digest)
            .fetch_optional(c)
            .await
        })?;
        Ok(language.flatten().as_deref().and_then(Lang::from_tag))
    }

    pub async fn create_session(
        &self,
        digest: &str,
        user_id: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| {
            sqlx::query(
            "INSERT INTO session (id_digest, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
        )
        .bind(digest)
        .bind(user_id)
        .bind(now)
        .execute(c)
        .await.map(drop)
        })?;
        Ok(())
    }

    pub async fn session(&self, digest: &str) -> Result<Option<SessionRecord>, StoreError> {
        let row: Option<SessionRow> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_as(
            "SELECT s.user_id, s.created_at, s.last_seen_at, u.email, u.role, u.tenant_id, u.language,
                    t.name AS tenant_name
             FROM session s
             JOIN user_account u ON u.id = s.user_id
             JOIN tenant t ON t.id = u.tenant_id
             WHERE s.id_digest = $1",
        )
        .bind(digest)
        .fetch_optional(c)
        .await
        })?;
        row.map(|row| {
            Ok(SessionRecord {
                user_id: row.user_id,
                tenant_id: row.tenant_id,
                tenant_name: row.tenant_name,
                email: row.email,
                role: role(&row.role)?,
                language: language(row.language),
                created_at: row.created_at,
                last_seen_at: row.last_seen_at,
            })
        })
        .transpose()
    }

    pub async fn touch_session(&self, digest: &str, now: i64) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| {
            sqlx::query("UPDATE session SET last_seen_at = $1 WHERE id_digest = $2")
                .bind(now)
                .bind(digest)
                .execute(c)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    pub async fn delete_session(&self, digest: &str) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| {
            sqlx::query("DELETE FROM session WHERE id_digest = $1")
                .bind(digest)
                .execute(c)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// Deletes sessions idle since before `idle_before` or created before `created_before`.
    pub async fn delete_expired_sessions(
        &self,
        idle_before: i64,
        created_before: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| {
            sqlx::query("DELETE FROM session WHERE last_seen_at < $1 OR created_at < $2")
                .bind(idle_before)
                .bind(created_before)
                .execute(c)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    pub async fn create_password_reset(
        &self,
        digest: &str,
        user_id: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        // Links that expired a day ago or more are of no use, not even as evidence.
        on_pool!(self.db.writer(), |c, pg| {
            sqlx::query("DELETE FROM password_reset WHERE expires_at < $1")
                .bind(expires_at - 86_400)
                .execute(c)
                .await?;
            sqlx::query(
                "INSERT INTO password_reset (token_digest, user_id, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(digest)
            .bind(user_id)
            .bind(expires_at)
            .execute(c)
            .await.map(drop)
        })?;
        Ok(())
    }

    /// Whether the reset link `digest` exists, is unused and has not expired.
    pub async fn reset_link_usable(&self, digest: &str, now: i64) -> Result<bool, StoreError> {
        let found: Option<i64> = on_pool!(self.db.reader(), |c, pg| sqlx::query_scalar(
            "SELECT user_id FROM password_reset
             WHERE token_digest = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(digest)
        .bind(now)
        .fetch_optional(c)
        .await)?;
        Ok(found.is_some())
    }

    /// Uses the reset link `digest` (if unused and not expired) to set a new password, and
    /// signs the user out everywhere. Returns whether the link was valid.
    pub async fn reset_password(
        &self,
        digest: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        // The UPDATE locks the link's row: of two uses at once, the second finds it used.
        let user_id: Option<i64> = on_tx!(&mut tx, |c, pg| sqlx::query_scalar(
            "UPDATE password_reset SET used_at = $1
             WHERE token_digest = $2 AND used_at IS NULL AND expires_at > $1
             RETURNING user_id",
        )
        .bind(now)
        .bind(digest)
        .fetch_optional(&mut *c)
        .await)?;
        let Some(user_id) = user_id else {
            return Ok(false);
        };
        on_tx!(&mut tx, |c, pg| {
            sqlx::query("UPDATE user_account SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(user_id)
                .execute(&mut *c)
                .await?;
            sqlx::query("DELETE FROM session WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *c)
                .await?;
            // Other links sent before this reset are void too.
            sqlx::query(
                "UPDATE password_reset SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .execute(&mut *c)
            .await
            .map(drop)
        })?;
        tx.commit().await?;
        Ok(true)
    }
}

async fn insert_user(
    tx: &mut Tx,
    tenant_id: &str,
    email: &str,
    password_hash: &str,
    role: Role,
    now: &str,
) -> Result<i64, StoreError> {
    let id: i64 = on_tx!(tx, |c, pg| sqlx::query_scalar(
        "INSERT INTO user_account (tenant_id, email, password_hash, role, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(tenant_id)
    .bind(email)
    .bind(password_hash)
    .bind(role.as_str())
    .bind(now)
    .fetch_one(&mut *c)
    .await)
    .map_err(|e| refused(e, "user"))?;
    Ok(id)
}
