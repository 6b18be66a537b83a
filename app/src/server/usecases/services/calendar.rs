//! The private calendar feed (iCalendar, RFC 5545): each service's next due date and each
//! unpaid proforma's due date, in the customer's language, under a secret address the
//! customer can replace (`/calendar/{token}.ics`). The address is the only key: the feed is
//! read by calendar apps, which have no session.

use crate::format;
use crate::i18n::texts;
use crate::model::renewal::renew_href;
use crate::model::{AppError, InvoiceKind, InvoiceStatus, Money};
use crate::server::context::{AppState, Requester};
use crate::server::entities::{calendar_feeds, customers, invoices, services};
use crate::server::icalendar::{Event, calendar};
use crate::server::usecases::services::renewal::label;
use crate::server::{audit, lifecycle, sessions};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// The path of the feed with this token.
pub fn path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

/// The customer's feed token, if they have made one.
pub async fn token(state: &AppState, who: &Requester) -> Result<Option<String>, AppError> {
    let feed = calendar_feeds::Entity::find_by_id(who.customer_id).one(&state.db).await?;
    Ok(feed.map(|f| f.token))
}

/// Makes the customer's feed address, or a new one in place of the old, which stops working
/// at once. Returns the new token.
pub async fn replace(state: &AppState, who: &Requester) -> Result<String, AppError> {
    let token = sessions::new_token();
    let now = state.clock.now();
    calendar_feeds::Entity::insert(calendar_feeds::ActiveModel {
        customer_id: Set(who.customer_id),
        token: Set(token.clone()),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(calendar_feeds::Column::CustomerId)
            .update_columns([calendar_feeds::Column::Token, calendar_feeds::Column::CreatedAt])
            .to_owned(),
    )
    .exec_without_returning(&state.db)
    .await?;
    audit::customer_action(
        &state.db,
        who.customer_id,
        who.ip.clone(),
        "calendar.replace",
        ("customer", who.customer_id),
        None,
        now,
    )
    .await?;
    Ok(token)
}

/// The calendar behind `token`, with links starting at `origin`; `None` for a token that is
/// not (or no longer) anyone's.
pub async fn feed(state: &AppState, token: &str, origin: &str) -> Result<Option<String>, AppError> {
    let Some(feed) = calendar_feeds::Entity::find()
        .filter(calendar_feeds::Column::Token.eq(token))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let customer = customers::Entity::find_by_id(feed.customer_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = texts(customer.language);
    let services = services::Entity::find()
        .filter(services::Column::CustomerId.eq(customer.id))
        .filter(lifecycle::still_running())
        .order_by_asc(services::Column::Id)
        .all(&state.db)
        .await?;
    let mut events: Vec<Event> = services
        .iter()
        .filter_map(|s| {
            Some(Event {
                uid: format!("service-{}@portico", s.id),
                date: s.expires_on.or(s.next_due_date)?,
                summary: (t.cart.feed_due)(&label(s)),
                url: Some(format!("{origin}{}", renew_href(s.id))),
            })
        })
        .collect();
    let proformas = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(customer.id))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Proforma))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .order_by_asc(invoices::Column::Id)
        .all(&state.db)
        .await?;
    events.extend(proformas.iter().map(|p| {
        let amount = format::money(Money::new(p.total_minor, p.currency), customer.language);
        Event {
            uid: format!("invoice-{}@portico", p.id),
            date: p.due_date,
            summary: (t.cart.feed_proforma_due)(&p.number, &amount),
            url: Some(format!("{origin}/invoices/{}", p.id)),
        }
    }));
    events.sort_by_key(|e| e.date);
    Ok(Some(calendar(t.cart.feed_name, &events, state.clock.now())))
}
