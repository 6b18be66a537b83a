//! `customers`: A customer account: a person or a company. Staff accounts have `is_staff`.

use crate::model::enums::{Currency, CustomerKind, Lang};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: CustomerKind,
    pub name: String,
    pub company_name: Option<String>,
    pub email: String,
    pub password_hash: String,
    #[sea_orm(column_type = "String(StringLen::N(2))")]
    pub country: String,
    pub language: Lang,
    pub currency: Currency,
    pub tax_id: Option<String>,
    pub phone: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub address: Option<String>,
    pub balance_minor: i64,
    pub auto_renew: bool,
    pub is_staff: bool,
    pub code_word_hash: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::contacts::Entity")]
    Contacts,
    #[sea_orm(has_many = "super::sessions::Entity")]
    Sessions,
    #[sea_orm(has_many = "super::login_events::Entity")]
    LoginEvents,
    #[sea_orm(has_many = "super::customer_networks::Entity")]
    CustomerNetworks,
    #[sea_orm(has_many = "super::alt_mailboxes::Entity")]
    AltMailboxes,
    #[sea_orm(has_many = "super::services::Entity")]
    Services,
    #[sea_orm(has_many = "super::orders::Entity")]
    Orders,
    #[sea_orm(has_many = "super::carts::Entity")]
    Carts,
    #[sea_orm(has_many = "super::documents::Entity")]
    Documents,
    #[sea_orm(has_many = "super::invoices::Entity")]
    Invoices,
    #[sea_orm(has_many = "super::payments::Entity")]
    Payments,
    #[sea_orm(has_many = "super::balance_ledger::Entity")]
    BalanceLedger,
    #[sea_orm(has_many = "super::tickets::Entity")]
    Tickets,
    #[sea_orm(has_many = "super::email_outbox::Entity")]
    EmailOutbox,
    #[sea_orm(has_many = "super::idempotency_keys::Entity")]
    IdempotencyKeys,
    #[sea_orm(has_many = "super::audit_log::Entity")]
    AuditLog,
}

impl Related<super::contacts::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Contacts.def()
    }
}

impl Related<super::sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Sessions.def()
    }
}

impl Related<super::login_events::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LoginEvents.def()
    }
}

impl Related<super::customer_networks::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CustomerNetworks.def()
    }
}

impl Related<super::alt_mailboxes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AltMailboxes.def()
    }
}

impl Related<super::services::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Services.def()
    }
}

impl Related<super::orders::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Orders.def()
    }
}

impl Related<super::carts::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Carts.def()
    }
}

impl Related<super::documents::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Documents.def()
    }
}

impl Related<super::invoices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Invoices.def()
    }
}

impl Related<super::payments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Payments.def()
    }
}

impl Related<super::balance_ledger::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BalanceLedger.def()
    }
}

impl Related<super::tickets::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Tickets.def()
    }
}

impl Related<super::email_outbox::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmailOutbox.def()
    }
}

impl Related<super::idempotency_keys::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::IdempotencyKeys.def()
    }
}

impl Related<super::audit_log::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AuditLog.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
