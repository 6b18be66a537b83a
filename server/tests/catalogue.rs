//! Ordering something new (seed 001 "new order"): the catalogue by group priced in the
//! customer's currency, new services and addons in the cart with their choices, checkout with
//! a renewal as one order, the new services pending until paid and started by the payment,
//! cancelled with their order; and what is refused (unknown choices, a missing domain, a
//! domain from the catalogue, an addon for a service it does not fit or someone else's).

#![allow(clippy::unwrap_used)]

mod common;

use app::model::cart::LineProblem;
use app::model::catalogue::{OptionKey, ProductGroup};
use app::model::service_details::ServiceDetails;
use app::model::{AppError, CartLineKind, OrderKind, OrderStatus, ServiceStatus};
use app::server::context::Requester;
use app::server::entities::{invoices, order_lines, orders, products, services};
use app::server::service_details;
use app::server::usecases::catalogue::{self, NewService};
use app::server::usecases::services::renewal::Ordered;
use app::server::usecases::{cart, orders as order_cases};
use chrono::Months;
use common::{TestApp, today};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

const DEMO: &str = "demo@portico.test";
const ANNA: &str = "anna@portico.test";
const PASSWORD: &str = "portico-demo";

async fn product(app: &TestApp, code: &str) -> products::Model {
    products::Entity::find()
        .filter(products::Column::Code.eq(code))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
}

async fn service(app: &TestApp, id: i64) -> services::Model {
    services::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

fn new_service(product_id: i64, months: Option<u32>) -> NewService {
    NewService { product_id, months, options: BTreeMap::new(), domain: None }
}

fn invalid(field: &str, code: &str) -> AppError {
    AppError::Invalid { field: field.into(), code: code.into() }
}

async fn vps_with(app: &TestApp, who: &Requester, os: &str, datacentre: &str) {
    let vps = product(app, "vps-l").await;
    let mut asked = new_service(vps.id, Some(3));
    asked.options.insert(OptionKey::Os, os.to_owned());
    asked.options.insert(OptionKey::Datacentre, datacentre.to_owned());
    catalogue::add(&app.state, who, asked).await.unwrap();
}

/// A VPS ordered alone and checked out under `key`: the order, and the server it reserved
/// (pending until paid).
async fn vps_ordered(app: &TestApp, who: &Requester, key: &str) -> (Ordered, i64) {
    vps_with(app, who, "debian-12", "bud1").await;
    let ordered = cart::checkout::checkout(&app.state, who, key).await.unwrap();
    let line = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(ordered.order_id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    (ordered, line.service_id.unwrap())
}

#[tokio::test]
async fn the_catalogue_lists_products_by_group_priced_in_the_customers_currency_with_vat() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let view = catalogue::view(&app.state, &demo).await.unwrap();
    let groups: Vec<ProductGroup> = view.groups.iter().map(|g| g.group).collect();
    assert_eq!(groups, ProductGroup::ALL.to_vec(), "every group, in the page's order");
    assert_eq!(view.vat_rate_bp, 2700, "a Hungarian company pays 27 % VAT");
    let all = || view.groups.iter().flat_map(|g| g.products.iter());
    assert!(all().all(|p| p.kind != app::model::ServiceKind::Addon), "addons have their page");

    // A monthly server: 1 to 36 months, each that many months' price with VAT, in forints.
    let vps = all().find(|p| p.name == "VPS M").unwrap();
    let months: Vec<u32> = vps.periods.iter().map(|c| c.months).collect();
    assert_eq!(months, vec![1, 3, 6, 12, 24, 36]);
    let month = &vps.periods[0];
    assert_eq!((month.net.minor, month.total.minor), (10_000, 12_700));
    assert_eq!(vps.periods[3].total.minor, 12 * 12_700);
    assert_eq!(month.total.currency, app::model::Currency::Huf);
    let os: Vec<_> = vps.options.iter().find(|o| o.key == OptionKey::Os).unwrap().choices.clone();
    assert!(os.iter().any(|c| c.label == "Debian 12"));
    // A setup fee is part of every period's price.
    let dedicated = all().find(|p| p.name == "Dedicated DS-2").unwrap();
    assert_eq!(dedicated.setup_fee.map(|f| f.minor), Some(20_000));
    assert_eq!(dedicated.periods[0].net.minor, 59_000 + 20_000);
    // Hosting needs the domain it is for; domains are listed, not ordered here.
    assert!(all().find(|p| p.name == "Hosting Standard").unwrap().needs_domain);
    let domains = view.groups.iter().find(|g| g.group == ProductGroup::Domains).unwrap();
    assert!(domains.products.iter().all(|p| !p.orderable));

    // A German customer sees euros with German VAT.
    let anna = app.requester(ANNA).await;
    let view = catalogue::view(&app.state, &anna).await.unwrap();
    let vps = view.groups.iter().flat_map(|g| &g.products).find(|p| p.name == "VPS M").unwrap();
    assert_eq!(vps.periods[0].net.minor, 2_900);
    assert_eq!(vps.periods[0].total.currency, app::model::Currency::Eur);

    // The page, in Hungarian, with a form per product that can be ordered here.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let page = app.get("/catalogue", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("Operációs rendszer") || html.contains("Debian 12"));
    let orderable = view.groups.iter().flat_map(|g| &g.products).filter(|p| p.orderable).count();
    assert_eq!(html.matches("data-testid=\"add-product\"").count(), orderable);

    // Without JavaScript a refused domain comes back in its product's field, with the reason.
    let hosting = all().find(|p| p.name == "Hosting Standard").unwrap().id.to_string();
    let lines = cart::view(&app.state, &demo).await.unwrap().lines.len();
    let sent = common::form(&[("product", &hosting), ("months", "12"), ("domain", "kovacs hu")]);
    let res = app.post_form("/api/add_product_to_cart", &sent, Some(&cookie)).await;
    let back = res.location().unwrap().to_owned();
    let expected = format!("/catalogue?product={hosting}&domain=kovacs%20hu&refused=");
    assert!(back.starts_with(&expected), "{back}");
    // The browser scrolls to the product's card, which keeps the fragment to itself.
    let (back, card) = back.split_once('#').unwrap();
    assert_eq!(card, format!("product-{hosting}-card"));
    let html = app.get(back, Some(&cookie)).await.text();
    assert!(html.contains(&format!(r#"id="{card}""#)));
    assert_eq!(html.matches(r#"value="kovacs hu""#).count(), 1, "in the hosting's form only");
    assert_eq!(html.matches(r#"data-testid="product-refused""#).count(), 1);
    assert_eq!(cart::view(&app.state, &demo).await.unwrap().lines.len(), lines, "nothing added");
}

#[tokio::test]
async fn new_services_and_addons_check_out_with_a_renewal_and_start_when_paid() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;

    // A VPS with its choices, hosting for a domain, an addon for the customer's VPS M, and a
    // renewal: one cart.
    vps_with(&app, &demo, "ubuntu-24.04", "fra1").await;
    let hosting = product(&app, "hosting-standard").await;
    let mut asked = new_service(hosting.id, None);
    asked.domain = Some(" Uj-Bolt.kovacs.HU ".into());
    catalogue::add(&app.state, &demo, asked).await.unwrap();
    let vps_m = app.service_id("VPS M").await;
    let addons = catalogue::addons(&app.state, &demo).await.unwrap();
    let backup = addons.addons.iter().find(|a| a.product.name == "Backup 100 GB").unwrap();
    assert!(backup.services.iter().any(|s| s.id == vps_m), "it fits the customer's VPS");
    let fits_hosting = backup.services.iter().any(|s| s.label.starts_with("Tárhely"));
    assert!(!fits_hosting, "a server backup is not offered for web hosting");
    catalogue::add_addon(&app.state, &demo, backup.product.id, vps_m, Some(12)).await.unwrap();
    let renewed = app.service_id("kovacs-tars.hu").await;
    let before = service(&app, renewed).await;
    cart::add(&app.state, &demo, renewed, None).await.unwrap();

    let view = cart::view(&app.state, &demo).await.unwrap();
    assert_eq!(view.lines.len(), 4);
    assert!(view.can_check_out(), "{:?}", view.lines);
    let vps_line = view.lines.iter().find(|l| l.label == "VPS L").unwrap();
    assert_eq!(vps_line.kind, CartLineKind::New);
    assert_eq!(vps_line.detail.as_deref(), Some("Ubuntu 24.04 LTS · Frankfurt am Main (FRA1)"));
    assert_eq!(vps_line.total.minor, 3 * 18_000 * 127 / 100);
    let hosting_line = view.lines.iter().find(|l| l.label == "Hosting Standard").unwrap();
    assert_eq!(hosting_line.detail.as_deref(), Some("uj-bolt.kovacs.hu"));
    let addon_line = view.lines.iter().find(|l| l.kind == CartLineKind::Addon).unwrap();
    assert!(addon_line.attached_to.as_deref().is_some_and(|s| s.starts_with("VPS M")));
    assert_eq!(addon_line.total.minor, 12 * 1_500 * 127 / 100);

    let ordered =
        cart::checkout::checkout(&app.state, &demo, "catalogue-checkout-1").await.unwrap();
    let order = orders::Entity::find_by_id(ordered.order_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(order.kind, OrderKind::FirstPurchase);
    let proforma =
        invoices::Entity::find_by_id(ordered.proforma_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(proforma.total_minor, view.total.unwrap().minor, "the proforma is the cart");

    // The new services exist, pending, with what was chosen; the addon is attached.
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(order.id))
        .all(app.db())
        .await
        .unwrap();
    let mut created = Vec::new();
    for line in lines.iter().filter(|l| l.service_id != Some(renewed)) {
        created.push(service(&app, line.service_id.unwrap()).await);
    }
    assert_eq!(created.len(), 3);
    assert!(created.iter().all(|s| s.status == ServiceStatus::Pending && s.expires_on.is_none()));
    let vps = created.iter().find(|s| s.name == "VPS L").unwrap();
    let ServiceDetails::Server(details) = service_details::read(vps) else { panic!("a server") };
    assert_eq!(
        (details.os.as_str(), details.datacentre.as_deref()),
        ("Ubuntu 24.04 LTS", Some("Frankfurt am Main (FRA1)"))
    );
    let web = created.iter().find(|s| s.name == "Hosting Standard").unwrap();
    assert_eq!(web.domain.as_deref(), Some("uj-bolt.kovacs.hu"));
    let addon = created.iter().find(|s| s.kind == app::model::ServiceKind::Addon).unwrap();
    assert_eq!(addon.parent_id, Some(vps_m));

    // Paid by card: each new service starts today for its period, the renewal extends.
    app.pay_by_card(&demo, proforma.id, "catalogue-card-1").await;
    let order = orders::Entity::find_by_id(order.id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(order.status, OrderStatus::Active);
    let vps = service(&app, vps.id).await;
    assert_eq!(vps.status, ServiceStatus::Active);
    assert_eq!(vps.next_due_date, today().checked_add_months(Months::new(3)));
    let addon = service(&app, addon.id).await;
    assert_eq!(addon.expires_on, today().checked_add_months(Months::new(12)));
    let web = service(&app, web.id).await;
    assert_eq!(web.expires_on, today().checked_add_months(Months::new(12)));
    let after = service(&app, renewed).await;
    assert_eq!(after.expires_on, before.expires_on.unwrap().checked_add_months(Months::new(12)));
}

#[tokio::test]
async fn a_paid_server_is_set_up_by_the_data_centre_once_before_it_can_be_used() {
    use app::model::{JobStatus, Operation, PowerState};
    use app::server::entities::jobs;
    use app::server::jobs::run_due;
    use app::server::usecases::services::operations;
    use chrono::TimeDelta;

    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let (ordered, vps) = vps_ordered(&app, &demo, "catalogue-setup-1").await;
    let setups = format!("SELECT COUNT(*) FROM jobs WHERE kind = 'create' AND service_id = {vps}");
    assert_eq!(app.count(&setups).await, 0, "nothing is set up before it is paid");

    // Paid: active for its period at once, and the data centre is asked to set it up.
    app.pay_by_card(&demo, ordered.proforma_id, "catalogue-setup-card").await;
    let paid = service(&app, vps).await;
    assert_eq!(paid.status, ServiceStatus::Active);
    let server = service_details::server(&paid).unwrap();
    assert_eq!((server.power(), server.ip.as_str()), (PowerState::Installing, ""));
    assert_eq!(app.count(&setups).await, 1);

    // Meanwhile the page says so and offers nothing to do with it; the use cases agree.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let html = app.get(&format!("/services/{vps}"), Some(&cookie)).await.text();
    assert!(html.contains(r#"data-testid="installing""#));
    assert!(!html.contains("IP-cím"), "no address, nor a size of 0, before the set-up");
    assert!(html.contains(r#"data-op="create""#), "the set-up is listed as it runs");
    assert!(!html.contains(r#"data-testid="power-actions""#));
    assert!(!html.contains(r#"data-testid="access""#));
    let network = app.get(&format!("/services/{vps}?tab=network"), Some(&cookie)).await.text();
    assert!(network.contains(r#"data-testid="installing""#));
    assert!(!network.contains("IP-cím"), "nor on the network tab");
    for op in [Operation::Reboot, Operation::Disable] {
        let refused = operations::request(&app.state, &demo, vps, op, None).await;
        assert_eq!(refused.unwrap_err(), AppError::Conflict, "{op:?}");
    }
    let refused =
        operations::request(&app.state, &demo, vps, Operation::ReverseDns, Some("vps.kovacs.hu"))
            .await;
    assert_eq!(refused.unwrap_err(), AppError::Conflict);
    let refused = operations::reveal_access(&app.state, &demo, vps).await;
    assert_eq!(refused.unwrap_err(), AppError::Conflict, "no password before the set-up");
    let asked = operations::request(&app.state, &demo, vps, Operation::Create, None).await;
    assert_eq!(asked.unwrap_err(), AppError::NotFound, "no customer can ask for a set-up");

    // The data centre takes 30 s and reports the server's address, size and password.
    for _ in 0..4 {
        run_due(&app.state).await.unwrap();
        app.advance(TimeDelta::seconds(15));
    }
    let job = jobs::Entity::find()
        .filter(jobs::Column::ServiceId.eq(vps))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((job.kind.as_str(), job.status), ("create", JobStatus::Done));
    let ready = service(&app, vps).await;
    let server = service_details::server(&ready).unwrap();
    assert_eq!(server.power(), PowerState::Running);
    assert!(server.ip.starts_with("198.1"), "{}", server.ip);
    assert_eq!((server.cpu, server.ram_gb, server.disk_gb), (4, 8, 160), "a VPS L");
    assert_eq!(server.os, "Debian 12", "the system chosen");
    let stored = ready.details.clone().unwrap().to_string();
    let access = operations::reveal_access(&app.state, &demo, vps).await.unwrap();
    assert_eq!((access.username.as_str(), access.password.len()), ("root", 16));
    assert!(!stored.contains(&access.password), "the password is stored sealed only");
    let html = app.get(&format!("/services/{vps}"), Some(&cookie)).await.text();
    assert!(html.contains(r#"data-testid="power-actions""#));
    assert!(!html.contains(r#"data-testid="installing""#));
    assert!(html.contains(&server.ip));

    // Set up once: more runs ask nothing more of the data centre.
    run_due(&app.state).await.unwrap();
    assert_eq!(app.count(&setups).await, 1);
    let keys = format!(
        "SELECT COUNT(*) FROM sandbox_operations WHERE idempotency_key = 'portico-job-{}'",
        job.id
    );
    assert_eq!(app.count(&keys).await, 1, "the data centre set it up once");
}

#[tokio::test]
async fn a_cancelled_order_cancels_its_new_services_and_a_withdrawn_product_blocks_checkout() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let (ordered, pending) = vps_ordered(&app, &demo, "catalogue-checkout-2").await;
    order_cases::cancel(&app.state, &demo, ordered.order_id).await.unwrap();
    assert_eq!(service(&app, pending).await.status, ServiceStatus::Cancelled);

    // The product is withdrawn while it is in the cart: the line says so, checkout refuses.
    vps_with(&app, &demo, "debian-12", "bud1").await;
    products::Entity::update_many()
        .col_expr(products::Column::Active, Expr::value(false))
        .filter(products::Column::Code.eq("vps-l"))
        .exec(app.db())
        .await
        .unwrap();
    let view = cart::view(&app.state, &demo).await.unwrap();
    assert_eq!(view.lines[0].problem, Some(LineProblem::NotOffered));
    assert_eq!(view.lines[0].label, "VPS L", "the line still names what it was");
    assert!(!view.can_check_out());
    let refused = cart::checkout::checkout(&app.state, &demo, "catalogue-checkout-3").await;
    assert_eq!(refused.unwrap_err(), invalid("service", "cart_line_not_offered"));
}

#[tokio::test]
async fn what_cannot_be_ordered_is_refused_with_the_reason_and_adds_nothing() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let vps = product(&app, "vps-m").await;
    let mut asked = new_service(vps.id, None);
    asked.options.insert(OptionKey::Os, "windows-95".into());
    let refused = catalogue::add(&app.state, &demo, asked).await;
    assert_eq!(refused.unwrap_err(), invalid("os", "option_unknown"));
    let refused = catalogue::add(&app.state, &demo, new_service(vps.id, Some(2))).await;
    assert_eq!(refused.unwrap_err(), invalid("months", "period_not_offered"));
    let ssl = product(&app, "ssl-dv").await;
    let refused = catalogue::add(&app.state, &demo, new_service(ssl.id, None)).await;
    assert_eq!(refused.unwrap_err(), invalid("domain", "domain_required"));
    let domain = product(&app, "domain-hu").await;
    let refused = catalogue::add(&app.state, &demo, new_service(domain.id, None)).await;
    assert_eq!(refused.unwrap_err(), invalid("product", "not_orderable"));
    let backup = product(&app, "addon-backup").await;
    let refused = catalogue::add(&app.state, &demo, new_service(backup.id, None)).await;
    assert_eq!(refused.unwrap_err(), invalid("product", "not_orderable"), "addons need a service");

    // An addon for a service it does not fit, and for another customer's service.
    let hosting = app.service_id("Tárhely Standard").await;
    let refused = catalogue::add_addon(&app.state, &demo, backup.id, hosting, None).await;
    assert_eq!(refused.unwrap_err(), invalid("service", "cart_line_addon_unfit"));
    let anna = app.requester(ANNA).await;
    let vps_m = app.service_id("VPS M").await;
    let refused = catalogue::add_addon(&app.state, &anna, backup.id, vps_m, None).await;
    assert_eq!(refused.unwrap_err(), AppError::NotFound);
    assert!(cart::view(&app.state, &demo).await.unwrap().lines.is_empty());
    assert!(cart::view(&app.state, &anna).await.unwrap().lines.is_empty());
}

#[tokio::test]
async fn an_unpaid_order_of_something_new_lapses_two_weeks_after_its_due_date() {
    use app::model::invoices::new_order_deadline;
    use app::server::lifecycle;
    use app::server::usecases::payments;
    use chrono::TimeDelta;

    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let mut orders_placed = Vec::new();
    for key in ["catalogue-lapse-1", "catalogue-lapse-2"] {
        orders_placed.push(vps_ordered(&app, &demo, key).await);
    }
    let [(late, late_vps), (unpaid, unpaid_vps)] = &orders_placed[..] else { unreachable!() };
    let db = app.db();
    let proforma =
        |id| async move { invoices::Entity::find_by_id(id).one(db).await.unwrap().unwrap() };
    let order_status =
        |id| async move { orders::Entity::find_by_id(id).one(db).await.unwrap().unwrap().status };
    let due = proforma(late.proforma_id).await.due_date;
    let balance = format!("SELECT balance_minor FROM customers WHERE id = {}", demo.customer_id);
    let before = app.count(&balance).await;

    // On the last day it can be paid the job leaves both orders; the customer starts paying
    // one by card, and the money arrives a day later.
    let deadline = new_order_deadline(due);
    app.advance(TimeDelta::days((deadline - today()).num_days()));
    lifecycle::advance(&app.state).await.unwrap();
    assert_eq!(order_status(unpaid.order_id).await, OrderStatus::AwaitingPayment);
    assert_eq!(service(&app, *unpaid_vps).await.status, ServiceStatus::Pending);
    let url = payments::start_card(&app.state, &demo, late.proforma_id, "catalogue-lapse-card")
        .await
        .unwrap();
    app.advance(TimeDelta::days(1));
    let res = app.post_form(&url, &common::form(&[("card", "4242 4242 4242 4242")]), None).await;
    assert!(res.location().is_some_and(|l| l.starts_with("/payments/")));
    assert_eq!(service(&app, *late_vps).await.status, ServiceStatus::Cancelled, "not started");
    assert_eq!(order_status(late.order_id).await, OrderStatus::Cancelled);
    let total = proforma(late.proforma_id).await.total_minor;
    assert_eq!(app.count(&balance).await, before + total, "kept as balance");

    // The job lapses the other one: proforma, order and the server it would have started.
    let run = lifecycle::advance(&app.state).await.unwrap();
    assert!(run.lapsed >= 1, "{run}");
    assert_eq!(proforma(unpaid.proforma_id).await.status, app::model::InvoiceStatus::Cancelled);
    assert_eq!(order_status(unpaid.order_id).await, OrderStatus::Cancelled);
    assert_eq!(service(&app, *unpaid_vps).await.status, ServiceStatus::Cancelled);
    let audited = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'order.lapsed' AND subject_id IN ({}, {})",
            late.order_id, unpaid.order_id
        ))
        .await;
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn an_addon_is_renewed_with_its_service_to_the_same_end_and_ends_with_it() {
    use app::model::renewal::addon_catch_up;
    use app::server::lifecycle;
    use app::server::usecases::services::renewal;
    use chrono::TimeDelta;

    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let db = app.db();
    // A backup bought for one month for VPS M (due in 14 days, 10,000 HUF a month), which
    // already carries the demo's daily backup (1,500 HUF a month, paid to the same day).
    let vps_m = app.service_id("VPS M").await;
    let daily = app.service_id("Napi mentés").await;
    let backup = product(&app, "addon-backup").await;
    catalogue::add_addon(&app.state, &demo, backup.id, vps_m, Some(1)).await.unwrap();
    let bought =
        cart::checkout::checkout(&app.state, &demo, "catalogue-addon-renewal-1").await.unwrap();
    app.pay_by_card(&demo, bought.proforma_id, "catalogue-addon-card-1").await;
    let addon = services::Entity::find()
        .filter(services::Column::ParentId.eq(vps_m))
        .filter(services::Column::Id.ne(daily))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let paid_until = today().checked_add_months(Months::new(1)).unwrap();
    assert_eq!((addon.status, addon.expires_on), (ServiceStatus::Active, Some(paid_until)));

    // The renewal page names both, and each period's price carries each one's share from its
    // own end to the server's new end.
    let options = renewal::options(&app.state, &demo, vps_m).await.unwrap();
    let named = ["Napi mentés (app.kovacs.hu)", "Backup 100 GB (app.kovacs.hu)"];
    assert_eq!(options.addons, named.map(str::to_owned));
    let three = options.choices.iter().find(|c| c.months == 3).unwrap();
    let share = addon_catch_up(1_500, addon.billing_cycle, paid_until, three.until).unwrap();
    assert!(share > 1_500, "more than a month: {share}");
    let daily_until = service(&app, daily).await.expires_on.unwrap();
    let daily_share = addon_catch_up(1_500, addon.billing_cycle, daily_until, three.until).unwrap();
    assert_eq!(three.net.minor, 3 * 10_000 + share + daily_share);

    // Renewed for 3 months by card: the proforma has the addon's line, and both run to the
    // same day.
    let ordered = renewal::renew(&app.state, &demo, vps_m, 3).await.unwrap();
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(ordered.order_id))
        .all(db)
        .await
        .unwrap();
    let addon_line = lines.iter().find(|l| l.service_id == Some(addon.id)).unwrap();
    assert_eq!(addon_line.period_months, None, "not a renewal of its own");
    assert!(addon_line.description.starts_with("Backup 100 GB"), "{}", addon_line.description);
    let proforma =
        invoices::Entity::find_by_id(ordered.proforma_id).one(db).await.unwrap().unwrap();
    assert_eq!(proforma.total_minor, three.total.minor, "as the page priced it");
    app.pay_by_card(&demo, ordered.proforma_id, "catalogue-addon-card-2").await;
    let server = service(&app, vps_m).await;
    let addon = service(&app, addon.id).await;
    assert_eq!(server.expires_on.or(server.next_due_date), Some(three.until));
    assert_eq!(addon.expires_on, Some(three.until));
    assert_eq!(service(&app, daily).await.expires_on, Some(three.until));

    // From then on a month of the server brings a month of each backup: 13,000 + 27 % VAT in
    // the cart.
    cart::add(&app.state, &demo, vps_m, Some(1)).await.unwrap();
    let view = cart::view(&app.state, &demo).await.unwrap();
    let line = view.lines.iter().find(|l| l.service_id == Some(vps_m)).unwrap();
    assert_eq!((line.net.minor, line.total.minor), (13_000, 16_510));
    cart::remove(&app.state, &demo, line.id).await.unwrap();

    // Never renewed again, the server is deleted at the end of its lifecycle; the backup
    // ends with it.
    app.advance(TimeDelta::days(400));
    lifecycle::advance(&app.state).await.unwrap();
    assert_eq!(service(&app, vps_m).await.status, ServiceStatus::Terminated);
    assert_eq!(service(&app, addon.id).await.status, ServiceStatus::Terminated);
    assert_eq!(service(&app, daily).await.status, ServiceStatus::Terminated);
    let audited = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'service.deleted' AND subject_id = {vps_m} \
             AND CAST(detail AS TEXT) LIKE '%addons%'"
        ))
        .await;
    assert_eq!(audited, 1);
}
