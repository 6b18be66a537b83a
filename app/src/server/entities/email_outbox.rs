//! `email_outbox`: An e-mail waiting to be sent (transactional outbox, claimed with a lease).

use crate::model::enums::{MailTopic, OutboxStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: Option<i64>,
    pub to_address: String,
    pub topic: MailTopic,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    /// The document whose PDF is attached, rendered when the message is sent.
    pub invoice_id: Option<i64>,
    /// Names the message once (`receipt-42`); unique, and the stable `Message-ID`.
    pub message_key: Option<String>,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub lease_until: Option<DateTimeUtc>,
    /// Proves the sender's claim: its writes land only while this is still its token.
    pub lease_token: Option<String>,
    /// After a failed attempt: not sent again before this.
    pub next_attempt_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_email_outbox_customer_id"
    )]
    Customers,
}

impl Related<super::customers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customers.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
