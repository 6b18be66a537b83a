//! The cart (`/cart`) and the renew-services page that fills it (`/services/renew`, seed 001):
//! what falls due, lines with their periods, promo codes and their refusals, checkout as one
//! order with one proforma (by proforma or card), and exactly once under parallel checkouts
//! (run on PostgreSQL as well as SQLite).

#![allow(clippy::unwrap_used)]

mod common;

use app::model::cart::{Discount, LineProblem, PromoRefusal};
use app::model::{AppError, Currency, InvoiceStatus, Lang, OrderKind, OrderStatus};
use app::server::context::Requester;
use app::server::entities::{
    cart_lines, cart_promos, invoices, order_lines, orders, promo_code_products, promo_codes,
    promo_redemptions, services,
};
use app::server::usecases::cart::{self, checkout::checkout};
use app::server::usecases::services::{due, renewal};
use axum::Router;
use chrono::{Duration, NaiveDate};
use common::{TestApp, form, today};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// The allocator `portico` runs with (`main.rs`), so that `checkout_benchmark` measures the
/// server's side as it runs; without this line the test binary has glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEMO: &str = "demo@portico.test";
const ANNA: &str = "anna@portico.test";
const PASSWORD: &str = "portico-demo";

async fn service(app: &TestApp, id: i64) -> services::Model {
    services::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

/// The first two services due within 60 days that the cart can take.
async fn two_due(app: &TestApp, who: &Requester) -> (i64, i64) {
    let due = due::list(&app.state, who, None).await.unwrap();
    let ids: Vec<i64> = due
        .rows
        .iter()
        .filter(|r| r.awaiting_order_id.is_none() && !r.in_cart)
        .map(|r| r.service_id)
        .collect();
    assert!(ids.len() >= 2, "the demo company has services falling due: {:?}", due.rows);
    (ids[0], ids[1])
}

/// A promo code of the test's own.
async fn code(app: &TestApp, code: &str, discount: Discount) -> promo_codes::Model {
    let (percent, amount, currency) = match discount {
        Discount::Percent(p) => (Some(i32::try_from(p).unwrap()), None, None),
        Discount::Amount(m) => (None, Some(m.minor), Some(m.currency)),
    };
    promo_codes::ActiveModel {
        code: Set(code.to_owned()),
        percent: Set(percent),
        amount_minor: Set(amount),
        currency: Set(currency),
        valid_from: Set(None),
        valid_until: Set(None),
        max_uses: Set(None),
        max_uses_per_customer: Set(None),
        uses: Set(0),
        created_at: Set(today().and_hms_opt(8, 0, 0).unwrap().and_utc()),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap()
}

fn refused(refusal: PromoRefusal) -> AppError {
    AppError::Invalid { field: "code".into(), code: refusal.code().into() }
}

#[tokio::test]
async fn due_services_go_into_the_cart_and_check_out_as_one_order_with_one_proforma() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;

    // Seed 001: what falls due within 60 days unless another horizon is chosen, soonest first.
    let due = due::list(&app.state, &demo, None).await.unwrap();
    assert_eq!(due.horizon_days, 60);
    let limit = today() + Duration::days(60);
    assert!(due.rows.iter().all(|r| r.due <= limit));
    assert!(due.rows.windows(2).all(|w| w[0].due <= w[1].due));
    let wider = due::list(&app.state, &demo, Some(365)).await.unwrap();
    assert!(wider.rows.len() > due.rows.len(), "a year holds more than 60 days");
    assert_eq!(due::list(&app.state, &demo, Some(7)).await.unwrap().horizon_days, 60);

    let (first, second) = two_due(&app, &demo).await;
    let before = (service(&app, first).await, service(&app, second).await);
    cart::add(&app.state, &demo, first, None).await.unwrap();
    cart::add(&app.state, &demo, second, None).await.unwrap();
    // Adding again (a second tab) keeps one line per service.
    cart::add(&app.state, &demo, first, None).await.unwrap();
    let view = cart::view(&app.state, &demo).await.unwrap();
    assert_eq!(view.lines.len(), 2);
    assert!(view.can_check_out());
    let due = due::list(&app.state, &demo, None).await.unwrap();
    assert_eq!(due.cart_lines, 2);
    assert!(due.rows.iter().filter(|r| r.in_cart).count() == 2);

    // A longer period where the service offers one; one it does not offer is refused.
    let line = view.lines.iter().find(|l| l.service_id == Some(first)).unwrap();
    let longer = line.choices.iter().map(|c| c.months).find(|&m| m > line.months).unwrap();
    cart::set_period(&app.state, &demo, line.id, longer).await.unwrap();
    let bad = cart::set_period(&app.state, &demo, line.id, 7).await;
    assert!(matches!(bad, Err(AppError::Invalid { ref code, .. }) if code == "period_not_offered"));
    let view = cart::view(&app.state, &demo).await.unwrap();
    let line = view.lines.iter().find(|l| l.service_id == Some(first)).unwrap();
    assert_eq!(line.months, longer);
    let chosen = line.choices.iter().find(|c| c.months == longer).unwrap();
    assert_eq!(line.total, chosen.total, "the line costs what its period was offered at");

    // The totals are the lines' sums, as the proforma adds them up.
    let sum = |f: fn(&app::model::cart::CartLineView) -> i64| view.lines.iter().map(f).sum::<i64>();
    assert_eq!(view.net.unwrap().minor, sum(|l| l.net.minor));
    assert_eq!(view.vat.unwrap().minor, sum(|l| l.vat.minor));
    assert_eq!(view.total.unwrap().minor, view.net.unwrap().minor + view.vat.unwrap().minor);

    // Checkout: one renewal order with a line per service, one proforma of the total shown.
    let key = "cart-checkout-key-0001";
    let ordered = checkout(&app.state, &demo, key).await.unwrap();
    let order = orders::Entity::find_by_id(ordered.order_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(order.kind, OrderKind::Renewal);
    assert_eq!(order.status, OrderStatus::AwaitingPayment);
    assert_eq!(order.service_id, None, "the order renews two services");
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(order.id))
        .all(app.db())
        .await
        .unwrap();
    let periods: Vec<_> = lines.iter().filter_map(|l| l.service_id.zip(l.period_months)).collect();
    assert!(periods.contains(&(first, i32::try_from(longer).unwrap())));
    assert!(periods.iter().any(|&(s, _)| s == second));
    let proforma =
        invoices::Entity::find_by_id(ordered.proforma_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(proforma.total_minor, view.total.unwrap().minor);
    assert_eq!(proforma.status, InvoiceStatus::Unpaid);
    assert_eq!(order.total_minor, proforma.total_minor);

    // The cart is empty; the same form again answers with the same order, makes no second.
    assert!(cart::view(&app.state, &demo).await.unwrap().lines.is_empty());
    assert_eq!(checkout(&app.state, &demo, key).await.unwrap(), ordered);
    let again = checkout(&app.state, &demo, "cart-checkout-key-0002").await;
    assert!(matches!(again, Err(AppError::Invalid { ref code, .. }) if code == "cart_empty"));

    // Both services now await payment: the renew-services page and the service's own renewal
    // page lead to this order; neither can go into the cart or be renewed a second time.
    let due = due::list(&app.state, &demo, None).await.unwrap();
    for id in [first, second] {
        let row = due.rows.iter().find(|r| r.service_id == id).unwrap();
        assert_eq!(row.awaiting_order_id, Some(order.id));
    }
    let listed = app::server::usecases::orders::of_service(app.db(), demo.customer_id, &before.1);
    assert!(listed.await.unwrap().iter().any(|o| o.id == order.id), "on the service's page");
    let refused = cart::add(&app.state, &demo, first, None).await;
    assert_eq!(refused, Err(cart::line_refused(LineProblem::AwaitingPayment)));
    let page = renewal::options(&app.state, &demo, second).await.unwrap();
    assert_eq!(page.waiting.map(|w| w.order_id), Some(order.id));
    let months = page.default_months;
    let single = renewal::renew(&app.state, &demo, second, months).await.unwrap();
    assert_eq!(single, ordered, "asking again pays the cart's order");

    // Paid by card: each service runs exactly its chosen period longer.
    app.pay_by_card(&demo, ordered.proforma_id, "cart-card-key-000001").await;
    let order = orders::Entity::find_by_id(order.id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(order.status, OrderStatus::Active);
    for (old, months) in [(&before.0, longer), (&before.1, months)] {
        let now = service(&app, old.id).await;
        let end = |s: &services::Model| s.expires_on.or(s.next_due_date).unwrap();
        let expected = app::model::renewal::renewed_until(Some(end(old)), months, today());
        assert_eq!(end(&now), expected, "{} renewed for {months} months", old.name);
    }
}

#[tokio::test]
async fn a_promo_code_takes_its_share_off_and_says_why_when_it_cannot() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let (first, second) = two_due(&app, &demo).await;
    cart::add(&app.state, &demo, first, None).await.unwrap();
    cart::add(&app.state, &demo, second, None).await.unwrap();
    let plain = cart::view(&app.state, &demo).await.unwrap();

    // Refused codes change nothing and say why.
    let unknown = cart::apply_promo(&app.state, &demo, "NO-SUCH-CODE").await;
    assert_eq!(unknown, Err(refused(PromoRefusal::Unknown)));
    let mut expired: promo_codes::ActiveModel =
        code(&app, "OLD2025", Discount::Percent(50)).await.into();
    expired.valid_until = Set(Some(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()));
    expired.update(app.db()).await.unwrap();
    let res = cart::apply_promo(&app.state, &demo, "old2025").await;
    assert_eq!(res, Err(refused(PromoRefusal::Expired)));
    let euros = code(&app, "EUR10", Discount::Amount(app::model::Money::new(1000, Currency::Eur)));
    euros.await;
    let res = cart::apply_promo(&app.state, &demo, "EUR10").await;
    assert_eq!(res, Err(refused(PromoRefusal::OtherCurrency)));
    let elsewhere = code(&app, "VPSONLY", Discount::Percent(30)).await;
    let other_product: i64 = app.count("SELECT MAX(id) FROM products").await;
    let in_cart = [service(&app, first).await.product_id, service(&app, second).await.product_id];
    assert!(!in_cart.contains(&Some(other_product)), "the demo's last product is not due");
    promo_code_products::ActiveModel {
        promo_code_id: Set(elsewhere.id),
        product_id: Set(other_product),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    let res = cart::apply_promo(&app.state, &demo, "VPSONLY").await;
    assert_eq!(res, Err(refused(PromoRefusal::NoProductInCart)));
    // Without JavaScript a refused code comes back in its field, with the reason.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let res = app.post_form("/api/apply_promo", &form(&[("code", "NO-SUCH")]), Some(&cookie)).await;
    let back = res.location().unwrap().to_owned();
    assert_eq!(back, "/cart?code=NO%2DSUCH&refused=promo%5Funknown");
    let page = app.get(&back, Some(&cookie)).await.text();
    assert!(page.contains(r#"value="NO-SUCH""#), "{page}");
    assert!(page.contains("Nincs ilyen kuponkód."), "{page}");
    assert_eq!(cart_promos::Entity::find().count(app.db()).await.unwrap(), 0);
    assert_eq!(cart::view(&app.state, &demo).await.unwrap().total, plain.total);

    // The demo's 10 % code, typed in lower case with spaces: a discount line of 10 % of the
    // periods' net (a restore fee is not discounted), taxed like the lines, and totals that are
    // still the lines' sums.
    cart::apply_promo(&app.state, &demo, "  portico10 ").await.unwrap();
    let view = cart::view(&app.state, &demo).await.unwrap();
    let promo = view.promo.clone().unwrap();
    assert_eq!(promo.code, "PORTICO10");
    assert_eq!(promo.refused, None);
    let net: i64 = plain.net.unwrap().minor;
    let fees: i64 = plain.lines.iter().filter_map(|l| l.restore_fee).map(|f| f.minor).sum();
    let off = (net - fees + 5) / 10;
    assert_eq!(promo.net_off.unwrap().minor, off);
    assert_eq!(view.net.unwrap().minor, net - off);
    let off_vat = (off * 27 + 50) / 100;
    assert_eq!(view.vat.unwrap().minor, plain.vat.unwrap().minor - off_vat);
    assert_eq!(view.total.unwrap().minor, view.net.unwrap().minor + view.vat.unwrap().minor);

    // Checkout: the proforma has the discount line and the cart's total; the code is used.
    let ordered = checkout(&app.state, &demo, "cart-promo-key-000001").await.unwrap();
    let proforma =
        invoices::Entity::find_by_id(ordered.proforma_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(proforma.total_minor, view.total.unwrap().minor);
    assert_eq!(proforma.net_minor, view.net.unwrap().minor);
    let discount = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(ordered.order_id))
        .filter(order_lines::Column::AmountMinor.lt(0))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(discount.amount_minor, -off);
    assert_eq!(discount.description, "Kuponkód: PORTICO10", "in the customer's language");
    let redemption = promo_redemptions::Entity::find().one(app.db()).await.unwrap().unwrap();
    assert_eq!((redemption.order_id, redemption.discount_minor), (ordered.order_id, off));
    let used = promo_codes::Entity::find()
        .filter(promo_codes::Column::Code.eq("PORTICO10"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(used.uses, 1);
    assert_eq!(cart_promos::Entity::find().count(app.db()).await.unwrap(), 0, "cart emptied");

    // Once per customer: the next cart is told so.
    let (third, _) = two_due(&app, &demo).await;
    cart::add(&app.state, &demo, third, None).await.unwrap();
    let res = cart::apply_promo(&app.state, &demo, "PORTICO10").await;
    assert_eq!(res, Err(refused(PromoRefusal::UsedByYou)));
}

#[tokio::test]
async fn promo_codes_cannot_be_found_by_guessing() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let anna = app.requester(ANNA).await;
    let (first, _) = two_due(&app, &demo).await;
    cart::add(&app.state, &demo, first, None).await.unwrap();
    for n in 0..cart::MAX_PROMO_GUESSES {
        let res = cart::apply_promo(&app.state, &demo, &format!("GUESS{n}")).await;
        assert_eq!(res, Err(refused(PromoRefusal::Unknown)));
    }
    // Then even the right code waits, for this customer only, until the window has passed.
    let res = cart::apply_promo(&app.state, &demo, "PORTICO10").await;
    assert_eq!(res, Err(AppError::RateLimited));
    let res = cart::apply_promo(&app.state, &anna, "NOPE").await;
    assert_eq!(res, Err(refused(PromoRefusal::Unknown)), "another customer is not limited");
    app.advance(Duration::minutes(16));
    cart::apply_promo(&app.state, &demo, "PORTICO10").await.unwrap();
}

#[tokio::test]
async fn a_line_that_cannot_be_bought_blocks_checkout_and_says_why() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let anna = app.requester(ANNA).await;
    let (first, second) = two_due(&app, &demo).await;
    cart::add(&app.state, &demo, first, None).await.unwrap();
    cart::add(&app.state, &demo, second, None).await.unwrap();

    // Another customer's service or cart line: as if it did not exist.
    assert_eq!(cart::add(&app.state, &anna, first, None).await, Err(AppError::NotFound));
    let line = cart_lines::Entity::find().one(app.db()).await.unwrap().unwrap();
    assert_eq!(cart::set_period(&app.state, &anna, line.id, 12).await, Err(AppError::NotFound));
    cart::remove(&app.state, &anna, line.id).await.unwrap();
    assert_eq!(cart_lines::Entity::find().count(app.db()).await.unwrap(), 2, "not Anna's");
    assert!(cart::view(&app.state, &anna).await.unwrap().lines.is_empty());

    // Renewed from its own page meanwhile: the line says so, checkout is refused, nothing
    // is ordered and the cart keeps both lines for the customer to decide.
    let months = renewal::options(&app.state, &demo, second).await.unwrap().default_months;
    let single = renewal::renew(&app.state, &demo, second, months).await.unwrap();
    let view = cart::view(&app.state, &demo).await.unwrap();
    let stale = view.lines.iter().find(|l| l.service_id == Some(second)).unwrap();
    assert_eq!(stale.problem, Some(LineProblem::AwaitingPayment));
    assert!(stale.total.minor > 0, "it still says what its period costs");
    assert!(!view.can_check_out());
    assert_eq!(
        view.total.unwrap(),
        view.lines.iter().find(|l| l.service_id == Some(first)).unwrap().total
    );
    let orders_before = orders::Entity::find().count(app.db()).await.unwrap();
    let res = checkout(&app.state, &demo, "cart-stale-key-000001").await;
    assert_eq!(res, Err(cart::line_refused(LineProblem::AwaitingPayment)));
    assert_eq!(orders::Entity::find().count(app.db()).await.unwrap(), orders_before);
    assert_eq!(cart::view(&app.state, &demo).await.unwrap().lines.len(), 2);

    // Removed, the rest checks out; the single renewal stays its own order.
    cart::remove(&app.state, &demo, stale.id).await.unwrap();
    let ordered = checkout(&app.state, &demo, "cart-stale-key-000002").await.unwrap();
    assert_ne!(ordered.order_id, single.order_id);
    let order = orders::Entity::find_by_id(ordered.order_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(order.service_id, Some(first), "one service: the order is that service's");
}

#[tokio::test]
async fn an_unpaid_cart_order_lapses_with_the_first_service_whose_step_ends() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let (first, second) = two_due(&app, &demo).await;
    cart::add(&app.state, &demo, first, None).await.unwrap();
    cart::add(&app.state, &demo, second, None).await.unwrap();
    let ordered = checkout(&app.state, &demo, "cart-lapse-key-000001").await.unwrap();
    let proforma =
        invoices::Entity::find_by_id(ordered.proforma_id).one(app.db()).await.unwrap().unwrap();
    // Due by the earliest deadline of the two, at most the usual days to pay.
    assert!(proforma.due_date <= today() + Duration::days(8));

    // Months later, unpaid: the lifecycle job finds the order through its lines and lapses it.
    app.advance(Duration::days(400));
    let done = app::server::lifecycle::advance(&app.state).await.unwrap();
    assert!(done.lapsed >= 1, "{done}");
    let order = orders::Entity::find_by_id(ordered.order_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(order.status, OrderStatus::Cancelled);
    let proforma =
        invoices::Entity::find_by_id(ordered.proforma_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(proforma.status, InvoiceStatus::Cancelled);
}

#[tokio::test]
async fn the_pages_and_forms_work_without_javascript() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let (first, _) = two_due(&app, &demo).await;

    let page = app.get("/services/renew", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("Szolgáltatások hosszabbítása"), "Hungarian title");
    assert!(html.contains(&format!("data-service=\"{first}\"")));

    // "Add all": a plain form post goes on to the cart.
    let res =
        app.post_form("/api/add_due_to_cart", &form(&[("horizon", "60")]), Some(&cookie)).await;
    assert_eq!(res.location(), Some("/cart"));
    let lines = cart_lines::Entity::find().count(app.db()).await.unwrap();
    assert!(lines >= 2);
    let cart_page = app.get("/cart", Some(&cookie)).await.text();
    assert_eq!(
        cart_page.matches("data-testid=\"cart-line\"").count(),
        usize::try_from(lines).unwrap()
    );
    assert!(cart_page.contains("data-testid=\"cart-total\""));

    // A refused code: the form post comes back, the cart keeps its lines.
    let res = app.post_form("/api/apply_promo", &form(&[("code", "NOPE")]), Some(&cookie)).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    assert_eq!(cart_lines::Entity::find().count(app.db()).await.unwrap(), lines);

    // Checkout by proforma: redirected to the proforma.
    let view = cart::view(&app.state, &demo).await.unwrap();
    let sent = form(&[("pay", "proforma"), ("key", &view.idempotency_key)]);
    let res = app.post_form("/api/checkout", &sent, Some(&cookie)).await;
    let to = res.location().unwrap().to_owned();
    assert!(to.starts_with("/invoices/"), "{to}");
    let proforma_id: i64 = to.trim_start_matches("/invoices/").parse().unwrap();
    let proforma = invoices::Entity::find_by_id(proforma_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(proforma.total_minor, view.total.unwrap().minor);
    assert_eq!(cart_lines::Entity::find().count(app.db()).await.unwrap(), 0);
}

/// Exactly once, with real parallel connections (PostgreSQL in CI): a code with 3 uses left
/// checked out by 8 customers at once is used 3 times; one cart checked out from 6 devices at
/// once (different form keys) makes one order.
#[tokio::test]
async fn parallel_checkouts_never_use_a_code_more_than_allowed_nor_order_a_cart_twice() {
    let app = TestApp::demo().await;
    let limited = code(&app, "THREE", Discount::Percent(5)).await;
    let mut limited: promo_codes::ActiveModel = limited.into();
    limited.max_uses = Set(Some(3));
    limited.update(app.db()).await.unwrap();

    // Eight customers of their own, each with a domain falling due and that code in the cart.
    let demo_service = service(&app, two_due(&app, &app.requester(DEMO).await).await.0).await;
    let mut buyers = Vec::new();
    for n in 0..8 {
        let email = format!("buyer{n}@example.test");
        let customer_id = app.new_customer(&format!("Buyer {n}"), &email, Lang::Hu).await;
        let mut copy: services::ActiveModel = demo_service.clone().into();
        copy.id = sea_orm::ActiveValue::NotSet;
        copy.customer_id = Set(customer_id);
        copy.name = Set(format!("buyer{n}.hu"));
        copy.domain = Set(Some(format!("buyer{n}.hu")));
        let copy = copy.insert(app.db()).await.unwrap();
        let who = Requester { customer_id, ip: None };
        cart::add(&app.state, &who, copy.id, None).await.unwrap();
        cart::apply_promo(&app.state, &who, "THREE").await.unwrap();
        buyers.push(who);
    }
    let runs = buyers.iter().enumerate().map(|(n, who)| {
        let (app, who) = (app.clone(), who.clone());
        tokio::spawn(async move {
            checkout(&app.state, &who, &format!("parallel-code-key-{n:04}")).await
        })
    });
    let results: Vec<_> =
        futures_util::future::join_all(runs).await.into_iter().map(Result::unwrap).collect();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 3, "{results:?}");
    assert!(
        results.iter().filter(|r| r.is_err()).all(|r| *r == Err(refused(PromoRefusal::UsedUp)))
    );
    let uses = promo_codes::Entity::find_by_id(limited_id(&app).await).one(app.db()).await;
    assert_eq!(uses.unwrap().unwrap().uses, 3);
    assert_eq!(promo_redemptions::Entity::find().count(app.db()).await.unwrap(), 3);

    // One cart, six devices at once.
    let demo = app.requester(DEMO).await;
    let (first, second) = two_due(&app, &demo).await;
    cart::add(&app.state, &demo, first, None).await.unwrap();
    cart::add(&app.state, &demo, second, None).await.unwrap();
    let before = orders::Entity::find().count(app.db()).await.unwrap();
    let runs = (0..6).map(|n| {
        let (app, who) = (app.clone(), demo.clone());
        tokio::spawn(async move {
            checkout(&app.state, &who, &format!("parallel-cart-key-{n:04}")).await
        })
    });
    let results: Vec<_> =
        futures_util::future::join_all(runs).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert_eq!(orders::Entity::find().count(app.db()).await.unwrap(), before + 1);
}

async fn limited_id(app: &TestApp) -> i64 {
    promo_codes::Entity::find()
        .filter(promo_codes::Column::Code.eq("THREE"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A customer of the benchmark's own with `n` copies of `template` (domains falling due soon).
async fn customer_with(
    app: &TestApp,
    name: &str,
    template: &services::Model,
    n: usize,
) -> (Requester, Vec<i64>) {
    let customer_id = app.new_customer(name, &format!("{name}@bench.test"), Lang::Hu).await;
    let mut ids = Vec::with_capacity(n);
    for k in 0..n {
        let mut copy: services::ActiveModel = template.clone().into();
        copy.id = sea_orm::ActiveValue::NotSet;
        copy.customer_id = Set(customer_id);
        copy.name = Set(format!("{name}-{k}.hu"));
        copy.domain = Set(Some(format!("{name}-{k}.hu")));
        copy.auto_renew = Set(false);
        ids.push(copy.insert(app.db()).await.unwrap().id);
    }
    (Requester { customer_id, ip: None }, ids)
}

/// One complete renewal as a customer makes it: the order and proforma, the card payment
/// opened, and the sandbox gateway's form posted through `router` (built once, as a running
/// server has it), which settles it (final invoice, extension).
async fn renew_by_card(app: &TestApp, router: &Router, who: &Requester, id: i64, key: &str) {
    let ordered = renewal::renew(&app.state, who, id, 12).await.unwrap();
    app.pay_by_card_through(router.clone(), who, ordered.proforma_id, key).await;
}

/// Each of `runners` renews its one service once for every round in `rounds`, all of them at
/// once.
async fn renew_all_at_once(
    app: &TestApp,
    router: &Router,
    runners: &[(Requester, Vec<i64>)],
    rounds: std::ops::Range<usize>,
) {
    let tasks = runners.iter().enumerate().map(|(n, (who, ids))| {
        let (app, router, who, id) = (app.clone(), router.clone(), who.clone(), ids[0]);
        let rounds = rounds.clone();
        tokio::spawn(async move {
            for k in rounds {
                let key = format!("bench-par-{n:03}-{k:04}");
                renew_by_card(&app, &router, &who, id, &key).await;
            }
        })
    });
    for task in futures_util::future::join_all(tasks).await {
        task.unwrap();
    }
}

/// The `p`th percentile of `sorted` durations, in milliseconds.
#[allow(clippy::float_arithmetic, clippy::cast_precision_loss)] // The benchmark's figures.
fn percentile(sorted: &[std::time::Duration], p: usize) -> f64 {
    let i = (sorted.len() * p / 100).min(sorted.len() - 1);
    sorted[i].as_micros() as f64 / 1000.0
}

/// Benchmark, not a test (issue 10: checkout of a 10-line cart and a renewal paid by card
/// through the sandbox, p50 under 30 ms of server time each; at least 300 complete renewals a
/// second with 32 at once), on SQLite or, with `PORTICO_TEST_PG_URL`, PostgreSQL. Times are
/// the use cases' (and, for the card, the sandbox form's request through the router), without
/// a browser's network. `scripts/bench.sh` runs it on the release build:
/// `cargo test --release -p server --test cart -- --ignored --nocapture checkout_benchmark`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: scripts/bench.sh runs it"]
#[allow(clippy::float_arithmetic, clippy::print_stdout, clippy::cast_precision_loss)]
async fn checkout_benchmark() {
    const CARTS: usize = 100;
    const SEQUENTIAL: usize = 100;
    const PARALLEL: usize = 32;
    const WARM_UP: usize = 3;
    const EACH: usize = 40;
    let app = TestApp::demo().await;
    let backend = format!("{:?}", app.db().get_database_backend());
    let demo = app.requester(DEMO).await;
    let template = service(&app, two_due(&app, &demo).await.0).await;
    let router = app.router();

    // Checkout of a 10-line cart, one cart after another.
    let mut times = Vec::with_capacity(CARTS);
    for n in 0..CARTS {
        let (who, ids) = customer_with(&app, &format!("cart{n}"), &template, 10).await;
        for id in ids {
            cart::add(&app.state, &who, id, None).await.unwrap();
        }
        let started = std::time::Instant::now();
        checkout(&app.state, &who, &format!("bench-checkout-{n:06}")).await.unwrap();
        times.push(started.elapsed());
    }
    times.sort();
    let checkout = (percentile(&times, 50), percentile(&times, 99));

    // A renewal paid by card, one after another.
    let (who, ids) = customer_with(&app, "card", &template, 1).await;
    let mut times = Vec::with_capacity(SEQUENTIAL);
    for n in 0..SEQUENTIAL {
        let started = std::time::Instant::now();
        renew_by_card(&app, &router, &who, ids[0], &format!("bench-card-{n:08}")).await;
        times.push(started.elapsed());
    }
    times.sort();
    let card = (percentile(&times, 50), percentile(&times, 99));

    // 32 customers at once, each renewing its domain again and again, paid by card: first a few
    // rounds that open the pool's connections (on PostgreSQL each new one also prepares every
    // statement afresh), reported apart, then the rounds measured, as a running server's warm
    // pool serves them.
    let mut runners = Vec::with_capacity(PARALLEL);
    for n in 0..PARALLEL {
        runners.push(customer_with(&app, &format!("par{n}"), &template, 1).await);
    }
    let started = std::time::Instant::now();
    renew_all_at_once(&app, &router, &runners, 0..WARM_UP).await;
    let warming = (PARALLEL * WARM_UP) as f64 / started.elapsed().as_secs_f64();
    let started = std::time::Instant::now();
    renew_all_at_once(&app, &router, &runners, WARM_UP..WARM_UP + EACH).await;
    let elapsed = started.elapsed().as_secs_f64();
    let rate = (PARALLEL * EACH) as f64 / elapsed;

    // The floor under all of it: one round trip to the database for a statement that does
    // nothing (on SQLite a hand-over to the connection's own thread and back). A renewal by card
    // makes 36 of them (30 statements, three BEGINs and three COMMITs), and on SQLite those of
    // its write transactions cannot overlap another renewal's.
    let mut trips = Vec::with_capacity(1000);
    for _ in 0..1000 {
        let started = std::time::Instant::now();
        app.count("SELECT CAST(1 AS BIGINT)").await;
        trips.push(started.elapsed());
    }
    trips.sort();
    let trip = percentile(&trips, 50);

    // Every invariant still holds: each domain exactly one year longer per round, one final
    // invoice per paid proforma, no balance below zero.
    for (_, ids) in &runners {
        let now = service(&app, ids[0]).await;
        let months = u32::try_from(WARM_UP + EACH).unwrap() * 12;
        let expected = template.expires_on.unwrap().checked_add_months(chrono::Months::new(months));
        assert_eq!(now.expires_on, expected, "{}", now.name);
    }
    let paid =
        app.count("SELECT COUNT(*) FROM invoices WHERE kind = 'proforma' AND status = 'paid'");
    let finals = app
        .count("SELECT COUNT(*) FROM invoices WHERE kind = 'invoice' AND proforma_id IS NOT NULL");
    assert_eq!(paid.await, finals.await);
    assert_eq!(app.count("SELECT COUNT(*) FROM customers WHERE balance_minor < 0").await, 0);
    println!(
        "checkout benchmark ({backend}): 10-line cart checkout p50 {:.1} ms, p99 {:.1} ms; \
         renewal paid by card p50 {:.1} ms, p99 {:.1} ms (goal: p50 under 30 ms each); \
         {} renewals by card from {PARALLEL} customers at once: {rate:.0} per second \
         (goal: at least 300; {warming:.0} per second in the {} renewals before, while the pool \
         opened its connections); invariants hold; one round trip for SELECT 1: p50 {:.0} us, \
         36 of them {:.1} ms",
        checkout.0,
        checkout.1,
        card.0,
        card.1,
        PARALLEL * EACH,
        PARALLEL * WARM_UP,
        trip * 1000.0,
        trip * 36.0,
    );
}

/// The statements of a renewal paid by card, counted: the benchmark's rate follows them (each
/// is a round trip, and on SQLite all of them wait for the one writer), so a change that adds
/// one should say so here.
#[tokio::test]
async fn a_renewal_paid_by_card_takes_thirty_statements() {
    let mut app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let template = service(&app, two_due(&app, &demo).await.0).await;
    let (who, ids) = customer_with(&app, "counted", &template, 1).await;
    let counter = app.count_queries();
    // Built after the counter, so the gateway's form is counted too.
    let router = app.router();
    let (ordering, ordered) = counter.of(renewal::renew(&app.state, &who, ids[0], 12)).await;
    let ordered = ordered.unwrap();
    let paying = app.pay_by_card_through(router, &who, ordered.proforma_id, "counted-card-0001");
    let (paying, ()) = counter.of(paying).await;
    // Order and proforma 12; card payment opened 5, gateway's form and settlement 13.
    assert_eq!((ordering, paying), (12, 18));
    let renewed = service(&app, ids[0]).await;
    assert_eq!(
        renewed.expires_on,
        template.expires_on.unwrap().checked_add_months(chrono::Months::new(12))
    );
}
