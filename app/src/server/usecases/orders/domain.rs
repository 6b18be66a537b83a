//! A domain order in steps (`/orders/domain`, `/orders/continue/{id}`): the search asks the
//! registry (the `Registrar` port) whether the name is free or held elsewhere and starts an
//! order of the matching kind; each step then stores its answer and where the order stands
//! (`carts`), so it can be left at any step and continued from the dashboard; the review puts
//! the domain in the cart. The rules of the steps are `model::domain_order`.

use crate::model::catalogue::Choices;
use crate::model::domain_order::{
    Availability, DeclarationView, DomainOrderData, DomainOrderKind, DomainOrderView, Draft,
    FieldError, Registrant, Step, can_open, check_registrant, needs_declaration, next_step,
    position, steps,
};
use crate::model::{AppError, CartLineKind, CartStatus, DocumentStatus, server_rules};
use crate::server::audit;
use crate::server::context::{AppState, Requester};
use crate::server::entities::{cart_lines, carts, documents};
use crate::server::ports::PortError;
use crate::server::usecases::cart;
use crate::server::usecases::catalogue::products::{self, Offered};
use crate::server::usecases::services::renewal::{customer, vat_of};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The nameservers a new domain points to unless the customer gives others: the portal's.
pub const PORTAL_NAMESERVERS: [&str; 2] = ["ns1.portico.test", "ns2.portico.test"];

/// The search: the name checked as a host name, its ending one the catalogue sells, and the
/// registry's answer; starts a registration (free) or a transfer (held elsewhere) and
/// returns the order's id. A name the customer already holds here is refused; one already in
/// an open order of theirs continues that order instead of starting a second.
pub async fn start(state: &AppState, who: &Requester, input: &str) -> Result<i64, AppError> {
    let domain = server_rules::hostname(input).map_err(|e| invalid("domain", e.code()))?;
    if let Some(open) = open_order_for(&state.db, who.customer_id, &domain).await? {
        return Ok(open);
    }
    let customer = customer(&state.db, who.customer_id).await?;
    if product_for(&state.db, customer.currency, &domain).await?.is_none() {
        return Err(invalid("domain", "domain_ending_not_sold"));
    }
    if holds(&state.db, who.customer_id, &domain).await? {
        return Err(invalid("domain", "domain_already_yours"));
    }
    let availability = state.registrar.availability(&domain).await.map_err(unavailable)?;
    let kind = match availability {
        Availability::Free => DomainOrderKind::Registration,
        Availability::Taken => DomainOrderKind::Transfer,
    };
    let now = state.clock.now();
    let data = DomainOrderData { domain: domain.clone(), ..Default::default() };
    let order = carts::ActiveModel {
        customer_id: Set(who.customer_id),
        kind: Set(kind.as_str().to_owned()),
        step: Set(position(kind, &domain, next_step(kind, &data)).0),
        data: Set(Some(serde_json::to_value(&data).unwrap_or_default())),
        status: Set(CartStatus::Open),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let detail = serde_json::json!({ "domain": domain, "kind": kind.as_str() });
    audit::customer_action(
        &state.db,
        who.customer_id,
        who.ip.clone(),
        "domain_order.start",
        ("cart", order.id),
        Some(detail),
        now,
    )
    .await?;
    Ok(order.id)
}

/// The order's page at `asked` (a step it can open), else where it continues. An order
/// already in the cart opens only at its declaration, where a rejected one is replaced.
pub async fn view(
    state: &AppState,
    who: &Requester,
    id: i64,
    asked: Option<Step>,
) -> Result<DomainOrderView, AppError> {
    let (row, kind, data) = order(&state.db, who.customer_id, id, &REVIEWABLE).await?;
    let customer = customer(&state.db, who.customer_id).await?;
    let vat = vat_of(&customer)?;
    let today = state.clock.today();
    let counted = answered(&state.db, who.customer_id, &data).await?;
    let (next, step) = if row.status == CartStatus::Open {
        let next = next_step(kind, &counted);
        (next, asked.filter(|s| can_open(kind, &counted, *s)).unwrap_or(next))
    } else if needs_declaration(kind, &data.domain) {
        (Step::Declaration, Step::Declaration)
    } else {
        return Err(AppError::NotFound);
    };
    let product = product_for(&state.db, customer.currency, &data.domain).await?;
    let periods = product
        .iter()
        .flat_map(|o| {
            o.periods()
                .into_iter()
                .filter_map(|m| o.choice(m, vat.rate(), customer.language, today))
        })
        .collect::<Vec<_>>();
    let total = data
        .years
        .and_then(|years| periods.iter().find(|c| c.months == years * 12))
        .map(|c| c.total);
    // What was typed and refused comes first, then what was saved, then the customer's own.
    let registrant = match &data.draft {
        Some(Draft::Registrant(typed)) => Some(typed.clone()),
        _ => data.registrant.clone(),
    };
    let registrant = registrant.unwrap_or_else(|| Registrant {
        name: customer.company_name.clone().unwrap_or_else(|| customer.name.clone()),
        email: customer.email.clone(),
        phone: customer.phone.clone().unwrap_or_default(),
        address: customer.address.clone().unwrap_or_default().replace('\n', ", "),
    });
    let nameservers = match (&data.draft, data.nameservers.is_empty()) {
        (Some(Draft::Nameservers(typed)), _) => typed.lines().map(str::to_owned).collect(),
        (_, true) => PORTAL_NAMESERVERS.iter().map(|s| (*s).to_owned()).collect(),
        (_, false) => data.nameservers.clone(),
    };
    let declaration = match data.declaration_id {
        Some(doc) => declaration(&state.db, who.customer_id, doc).await?,
        None => None,
    };
    Ok(DomainOrderView {
        id: row.id,
        kind,
        domain: data.domain.clone(),
        steps: steps(kind, &data.domain),
        step,
        next,
        in_cart: row.status != CartStatus::Open,
        periods,
        registrant,
        nameservers,
        declaration,
        total: total.filter(|_| step == Step::Review),
        data,
    })
}

/// The period step: `years` of those the domain's ending is sold for.
pub async fn save_period(
    state: &AppState,
    who: &Requester,
    id: i64,
    years: u32,
) -> Result<(), AppError> {
    let currency = customer(&state.db, who.customer_id).await?.currency;
    let (_, _, data) = open_order(&state.db, who.customer_id, id).await?;
    let product = product_for(&state.db, currency, &data.domain).await?;
    if !product.is_some_and(|o| o.offers(years.saturating_mul(12))) {
        return Err(invalid("years", "period_not_offered"));
    }
    save(state, who, id, Step::Period, |data| data.years = Some(years)).await
}

/// The contacts step: the registrant, checked.
pub async fn save_registrant(
    state: &AppState,
    who: &Requester,
    id: i64,
    registrant: Registrant,
) -> Result<(), AppError> {
    let draft = Draft::registrant(&registrant);
    match check_registrant(registrant) {
        Ok(checked) => {
            save(state, who, id, Step::Contacts, |data| data.registrant = Some(checked)).await
        }
        Err(FieldError { field, code }) => {
            keep_draft(state, who, id, Step::Contacts, draft).await?;
            Err(invalid(field, code))
        }
    }
}

/// The nameservers step: two to thirteen host names, one a line.
pub async fn save_nameservers(
    state: &AppState,
    who: &Requester,
    id: i64,
    input: &str,
) -> Result<(), AppError> {
    match server_rules::nameservers(input) {
        Ok(hosts) => save(state, who, id, Step::Nameservers, |data| data.nameservers = hosts).await,
        Err(refused) => {
            keep_draft(state, who, id, Step::Nameservers, Draft::nameservers(input)).await?;
            Err(invalid("nameservers", refused.code()))
        }
    }
}

/// The declaration step: the document just uploaded for this order (`documents`), open or
/// already in the cart (a rejected declaration is replaced after ordering too).
pub async fn attach_declaration(
    state: &AppState,
    who: &Requester,
    id: i64,
    document_id: i64,
) -> Result<(), AppError> {
    let (row, _, mut data) = order(&state.db, who.customer_id, id, &REVIEWABLE).await?;
    if row.status == CartStatus::Open {
        return save(state, who, id, Step::Declaration, |data| {
            data.declaration_id = Some(document_id)
        })
        .await;
    }
    data.declaration_id = Some(document_id);
    carts::Entity::update_many()
        .col_expr(carts::Column::Data, Expr::value(serde_json::to_value(&data).unwrap_or_default()))
        .col_expr(carts::Column::UpdatedAt, Expr::value(state.clock.now()))
        .filter(carts::Column::Id.eq(row.id))
        .filter(carts::Column::CustomerId.eq(who.customer_id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// The review: every step answered, the domain goes into the cart for its period with its
/// nameservers, and the order is done (it leaves the dashboard). Returns nothing; the page
/// goes on to the cart.
pub async fn finish(state: &AppState, who: &Requester, id: i64) -> Result<(), AppError> {
    let (row, kind, data) = open_order(&state.db, who.customer_id, id).await?;
    let counted = answered(&state.db, who.customer_id, &data).await?;
    let Some(years) = data.years.filter(|_| next_step(kind, &counted) == Step::Review) else {
        return Err(AppError::Conflict);
    };
    let currency = customer(&state.db, who.customer_id).await?.currency;
    let product = product_for(&state.db, currency, &data.domain)
        .await?
        .ok_or_else(|| invalid("domain", "domain_ending_not_sold"))?;
    let now = state.clock.now();
    let txn = crate::server::db::begin_write(&state.db).await?;
    // Compare-and-set: only an order still open becomes a cart line, once.
    let done = carts::Entity::update_many()
        .col_expr(carts::Column::Status, Expr::value(CartStatus::Completed.as_str()))
        .col_expr(carts::Column::UpdatedAt, Expr::value(now))
        .filter(carts::Column::Id.eq(row.id))
        .filter(carts::Column::Status.eq(CartStatus::Open))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    let choices = Choices {
        domain: Some(data.domain.clone()),
        nameservers: data.nameservers.clone(),
        transfer: kind == DomainOrderKind::Transfer,
        ..Default::default()
    };
    let line = cart_lines::ActiveModel {
        customer_id: Set(who.customer_id),
        kind: Set(CartLineKind::New),
        product_id: Set(Some(product.product.id)),
        period_months: Set(i32::try_from(years * 12).unwrap_or(i32::MAX)),
        choices: Set(Some(serde_json::to_value(&choices).unwrap_or_default())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    cart::insert_line(&txn, line).await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "domain_order.finish",
        ("cart", row.id),
        Some(serde_json::json!({ "domain": data.domain, "years": years })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Stores one step's answer: the order must be the customer's, open, and the step one it can
/// open now; the order then stands at its next unanswered step.
async fn save(
    state: &AppState,
    who: &Requester,
    id: i64,
    step: Step,
    answer: impl FnOnce(&mut DomainOrderData),
) -> Result<(), AppError> {
    let (row, kind, mut data) = open_order(&state.db, who.customer_id, id).await?;
    if !may_open(&state.db, who.customer_id, kind, &data, step).await? {
        return Err(AppError::Conflict);
    }
    answer(&mut data);
    data.draft = None;
    let counted = answered(&state.db, who.customer_id, &data).await?;
    let at = position(kind, &data.domain, next_step(kind, &counted)).0;
    store(state, who, row.id, &data, Some(at)).await
}

/// Writes an open order's answers, and the step it is at when that moved.
async fn store(
    state: &AppState,
    who: &Requester,
    id: i64,
    data: &DomainOrderData,
    step: Option<i32>,
) -> Result<(), AppError> {
    let mut update = carts::Entity::update_many()
        .col_expr(carts::Column::Data, Expr::value(serde_json::to_value(data).unwrap_or_default()))
        .col_expr(carts::Column::UpdatedAt, Expr::value(state.clock.now()));
    if let Some(step) = step {
        update = update.col_expr(carts::Column::Step, Expr::value(step));
    }
    update
        .filter(carts::Column::Id.eq(id))
        .filter(carts::Column::CustomerId.eq(who.customer_id))
        .filter(carts::Column::Status.eq(CartStatus::Open))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Keeps what was typed at `step` and refused (the step stays where it was), so the page shows
/// it again: a refused form loses nothing, with or without JavaScript. A step that cannot be
/// opened keeps nothing and is refused as such.
async fn keep_draft(
    state: &AppState,
    who: &Requester,
    id: i64,
    step: Step,
    draft: Draft,
) -> Result<(), AppError> {
    let (row, kind, mut data) = open_order(&state.db, who.customer_id, id).await?;
    if !may_open(&state.db, who.customer_id, kind, &data, step).await? {
        return Err(AppError::Conflict);
    }
    data.draft = Some(draft);
    store(state, who, row.id, &data, None).await
}

/// Whether `step` of the order can be opened now (`model::domain_order::can_open`, with a
/// rejected declaration counted as none).
pub(crate) async fn may_open(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    kind: DomainOrderKind,
    data: &DomainOrderData,
    step: Step,
) -> Result<bool, AppError> {
    Ok(can_open(kind, &answered(conn, customer_id, data).await?, step))
}

/// The answers that count: a declaration the registry rejected is no answer, so the order
/// continues at that step until a new one is uploaded.
async fn answered(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    data: &DomainOrderData,
) -> Result<DomainOrderData, AppError> {
    let mut counted = data.clone();
    if let Some(id) = data.declaration_id
        && declaration(conn, customer_id, id)
            .await?
            .is_none_or(|d| d.status == DocumentStatus::Rejected)
    {
        counted.declaration_id = None;
    }
    Ok(counted)
}

/// The statuses of an order whose declaration can still be given: open, or in the cart.
pub(crate) const REVIEWABLE: [CartStatus; 2] = [CartStatus::Open, CartStatus::Completed];

/// The customer's open domain order, with its kind and answers; anything else (another
/// customer's, finished, deleted, not a domain order) answers like a missing page.
pub(crate) async fn open_order(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<(carts::Model, DomainOrderKind, DomainOrderData), AppError> {
    order(conn, customer_id, id, &[CartStatus::Open]).await
}

/// The customer's domain order in one of `statuses`, as [`open_order`].
pub(crate) async fn order(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
    statuses: &[CartStatus],
) -> Result<(carts::Model, DomainOrderKind, DomainOrderData), AppError> {
    let row = carts::Entity::find_by_id(id)
        .filter(carts::Column::CustomerId.eq(customer_id))
        .filter(carts::Column::Status.is_in(statuses.iter().copied()))
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = DomainOrderKind::parse(&row.kind).ok_or(AppError::NotFound)?;
    let data: DomainOrderData =
        row.data.clone().and_then(|d| serde_json::from_value(d).ok()).unwrap_or_default();
    if data.domain.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok((row, kind, data))
}

/// The customer's open domain order for `domain`, if any (a customer has a handful of open
/// orders at most, so they are read and compared here rather than inside their JSON).
async fn open_order_for(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    domain: &str,
) -> Result<Option<i64>, AppError> {
    let open = carts::Entity::find()
        .filter(carts::Column::CustomerId.eq(customer_id))
        .filter(carts::Column::Status.eq(CartStatus::Open))
        .all(conn)
        .await?;
    Ok(open
        .into_iter()
        .filter(|row| DomainOrderKind::parse(&row.kind).is_some())
        .find(|row| {
            let data: Option<DomainOrderData> =
                row.data.clone().and_then(|d| serde_json::from_value(d).ok());
            data.is_some_and(|d| d.domain == domain)
        })
        .map(|row| row.id))
}

/// The catalogue's product for the name's ending (`domain-hu` for `.hu`), on sale in the
/// currency.
async fn product_for(
    conn: &impl ConnectionTrait,
    currency: crate::model::Currency,
    domain: &str,
) -> Result<Option<Offered>, AppError> {
    let Some((_, ending)) = domain.rsplit_once('.') else { return Ok(None) };
    let code = format!("domain-{ending}");
    let on_sale = products::on_sale(conn, currency, None).await?;
    Ok(on_sale.into_iter().find(|o| o.product.code == code))
}

/// Whether the customer already has the domain here (a service not ended).
async fn holds(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    domain: &str,
) -> Result<bool, AppError> {
    use crate::server::entities::services;
    let held = services::Entity::find()
        .filter(services::Column::CustomerId.eq(customer_id))
        .filter(services::Column::Kind.eq(crate::model::ServiceKind::Domain))
        .filter(services::Column::Domain.eq(domain))
        .filter(services::Column::Status.is_not_in([
            crate::model::ServiceStatus::Cancelled,
            crate::model::ServiceStatus::Terminated,
        ]))
        .one(conn)
        .await?;
    Ok(held.is_some())
}

async fn declaration(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<DeclarationView>, AppError> {
    let doc = documents::Entity::find_by_id(id)
        .filter(documents::Column::CustomerId.eq(customer_id))
        .one(conn)
        .await?;
    Ok(doc.map(|d| DeclarationView {
        id: d.id,
        file_name: d.file_name,
        status: d.status,
        reasons: d
            .rejection_reasons
            .and_then(|r| serde_json::from_value(r).ok())
            .unwrap_or_default(),
    }))
}

fn invalid(field: &str, code: &str) -> AppError {
    AppError::Invalid { field: field.into(), code: code.into() }
}

/// The registry did not answer: the customer tries again in a moment.
fn unavailable(err: PortError) -> AppError {
    tracing::warn!(error = %err, "registry availability check failed");
    AppError::Busy
}
