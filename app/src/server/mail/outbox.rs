//! Queues e-mails inside the caller's transaction: a message is in the outbox exactly when
//! the change it reports has committed, never before and never without it.

use super::compose::{self, Addressee, Composed};
use crate::model::{Lang, MailTopic, OutboxStatus};
use crate::server::context::Settings;
use crate::server::entities::{alt_mailboxes, customers, email_outbox, invoices};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::sea_query::{Expr, ExprTrait, IntoCondition};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Set,
};

/// Who a customer's billing mail goes to, in which language and under which name. Read
/// before a document is numbered, so the numbering lock is held for as short as can be.
pub struct BillingContact {
    customer_id: i64,
    name: String,
    lang: Lang,
    address: String,
}

impl BillingContact {
    /// The billing mailbox the customer named, else their sign-in address.
    pub async fn of(conn: &impl ConnectionTrait, customer_id: i64) -> Result<Self, DbErr> {
        let found = Self::with_customer(conn, customer_id).await?;
        let (_, contact) =
            found.ok_or_else(|| DbErr::RecordNotFound(format!("customer {customer_id}")))?;
        Ok(contact)
    }

    /// The customer `customer_id` with their [`BillingContact`], in one query: the first
    /// billing mailbox (as [`recipient`] picks it) joined to the customer. `None`: no such
    /// customer.
    pub async fn with_customer(
        conn: &impl ConnectionTrait,
        customer_id: i64,
    ) -> Result<Option<(customers::Model, Self)>, DbErr> {
        let billing = customers::Relation::AltMailboxes.def().on_condition(|_, mailbox| {
            Expr::col((mailbox, alt_mailboxes::Column::Topic))
                .eq(MailTopic::Billing.as_str())
                .into_condition()
        });
        let found = customers::Entity::find_by_id(customer_id)
            .select_also(alt_mailboxes::Entity)
            .join(JoinType::LeftJoin, billing)
            .order_by_asc(alt_mailboxes::Column::Id)
            .one(conn)
            .await?;
        Ok(found.map(|(customer, mailbox)| {
            let address = address_of(&customer, mailbox);
            let contact = Self::to(&customer, address);
            (customer, contact)
        }))
    }

    /// [`BillingContact::of`] a customer the caller has read already.
    pub async fn of_customer(
        conn: &impl ConnectionTrait,
        customer: &customers::Model,
    ) -> Result<Self, DbErr> {
        let address = recipient(conn, customer, MailTopic::Billing).await?;
        Ok(Self::to(customer, address))
    }

    /// The customer's contact at `address`: under their company's name where they gave one.
    fn to(customer: &customers::Model, address: String) -> Self {
        let company = customer.company_name.as_ref().filter(|n| !n.trim().is_empty());
        Self {
            customer_id: customer.id,
            name: company.unwrap_or(&customer.name).clone(),
            lang: customer.language,
            address,
        }
    }

    /// Whom a message greets, in which language, with links to `origin`.
    pub fn addressee<'a>(&'a self, origin: &'a str) -> Addressee<'a> {
        Addressee { name: &self.name, lang: self.lang, origin }
    }

    /// A billing message to this contact, named once by `key`.
    pub fn message(&self, key: String, mail: Composed) -> Outgoing {
        Outgoing {
            customer_id: Some(self.customer_id),
            to_address: self.address.clone(),
            topic: MailTopic::Billing,
            invoice_id: None,
            key,
            mail,
        }
    }
}

/// Queues the e-mail that goes with a document just issued (the proforma with what to pay,
/// the final invoice as the receipt), with its PDF attached when sent, in the customer's
/// language. Queuing the same document's e-mail again changes nothing (unique message key).
pub async fn queue_document(
    conn: &impl ConnectionTrait,
    settings: &Settings,
    contact: &BillingContact,
    document: &invoices::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    debug_assert_eq!(contact.customer_id, document.customer_id);
    let to = contact.addressee(&settings.links_origin);
    let Some(mail) = compose::document(&to, &settings.seller, document) else { return Ok(()) };
    let key = format!("{}-{}", document.kind.as_str(), document.id);
    let mail = Outgoing { invoice_id: Some(document.id), ..contact.message(key, mail) };
    queue(conn, mail, now).await.map(drop)
}

/// A message to queue.
pub struct Outgoing {
    pub customer_id: Option<i64>,
    pub to_address: String,
    pub topic: MailTopic,
    /// The document whose PDF is attached.
    pub invoice_id: Option<i64>,
    /// Names the message once: `invoice-42`. A second message with the same key is dropped.
    pub key: String,
    pub mail: Composed,
}

/// Writes `mail` to the outbox in the caller's transaction. Returns whether it was written:
/// `false` when a message with its key is there already.
pub async fn queue(
    conn: &impl ConnectionTrait,
    mail: Outgoing,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let row = email_outbox::ActiveModel {
        customer_id: Set(mail.customer_id),
        to_address: Set(mail.to_address),
        topic: Set(mail.topic),
        subject: Set(mail.mail.subject),
        body_text: Set(mail.mail.text),
        body_html: Set(mail.mail.html),
        invoice_id: Set(mail.invoice_id),
        message_key: Set(Some(mail.key)),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        created_at: Set(now),
        ..Default::default()
    };
    email_outbox::Entity::insert(row)
        .on_conflict(OnConflict::column(email_outbox::Column::MessageKey).do_nothing().to_owned())
        .exec_without_returning(conn)
        .await
        .map(|written| written == 1)
}

/// The mailbox for mail of `topic`: the alternative mailbox the customer named for it, or
/// their sign-in address.
pub async fn recipient(
    conn: &impl ConnectionTrait,
    customer: &customers::Model,
    topic: MailTopic,
) -> Result<String, DbErr> {
    let alternative = alt_mailboxes::Entity::find()
        .filter(alt_mailboxes::Column::CustomerId.eq(customer.id))
        .filter(alt_mailboxes::Column::Topic.eq(topic))
        .order_by_asc(alt_mailboxes::Column::Id)
        .one(conn)
        .await?;
    Ok(address_of(customer, alternative))
}

/// The rule of [`recipient`], also where the mailbox was read with its customer: the first
/// alternative mailbox for the topic (by id), else the sign-in address.
fn address_of(customer: &customers::Model, alternative: Option<alt_mailboxes::Model>) -> String {
    alternative.map_or_else(|| customer.email.clone(), |m| m.email)
}
