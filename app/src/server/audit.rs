//! The audit log: who did what to which object, written in the same transaction as the change.

use super::entities::audit_log;
use crate::model::Actor;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

pub struct AuditEntry<'a> {
    pub customer_id: Option<i64>,
    pub actor: Actor,
    pub actor_id: Option<i64>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: Option<i64>,
    pub detail: Option<serde_json::Value>,
    pub ip: Option<String>,
}

pub async fn record(
    conn: &impl ConnectionTrait,
    entry: AuditEntry<'_>,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        customer_id: Set(entry.customer_id),
        actor: Set(entry.actor),
        actor_id: Set(entry.actor_id),
        action: Set(entry.action.to_owned()),
        subject_type: Set(entry.subject_type.to_owned()),
        subject_id: Set(entry.subject_id),
        detail: Set(entry.detail),
        ip: Set(entry.ip),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// What a signed-in customer did to one of their own objects (`subject`: type and id), and
/// from which address.
pub async fn customer_action(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    ip: Option<String>,
    action: &str,
    subject: (&str, i64),
    detail: Option<serde_json::Value>,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    record(
        conn,
        AuditEntry {
            customer_id: Some(customer_id),
            actor: Actor::Customer,
            actor_id: Some(customer_id),
            action,
            subject_type: subject.0,
            subject_id: Some(subject.1),
            detail,
            ip,
        },
        at,
    )
    .await
}
