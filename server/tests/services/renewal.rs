//! Renewing a service for a chosen period (`/services/{id}/renew`, seed 000): the periods on
//! offer and their prices with VAT, the proforma or the card page, one renewal awaiting
//! payment at a time, and the service extended by exactly the period paid for.

use crate::common::{TestApp, form, today};
use app::model::renewal::RenewalOptions;
use app::model::{AppError, InvoiceStatus, OrderStatus};
use app::server::context::Requester;
use app::server::entities::{invoices, order_lines, orders, services};
use app::server::usecases::services::renewal;
use chrono::Months;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const DEMO: &str = "demo@portico.test";
const ANNA: &str = "anna@portico.test";
const PASSWORD: &str = "portico-demo";

async fn service(app: &TestApp, name: &str) -> services::Model {
    let id = app.service_id(name).await;
    services::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

async fn options(app: &TestApp, who: &Requester, id: i64) -> RenewalOptions {
    renewal::options(&app.state, who, id).await.unwrap()
}

async fn line_of(app: &TestApp, order_id: i64) -> order_lines::Model {
    order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(order_id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_domain_renews_for_the_years_chosen_at_the_price_shown_with_vat() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let domain = service(&app, "kovacs-webshop.hu").await;
    let expires = domain.expires_on.unwrap();

    // Seed 000: 1 to 10 years, one cycle chosen unless the customer picks another, each
    // period priced as its proforma will be (27 % Hungarian VAT) with the new end date.
    let page = options(&app, &demo, domain.id).await;
    let months: Vec<u32> = page.choices.iter().map(|c| c.months).collect();
    assert_eq!(months, (1..=10).map(|y| y * 12).collect::<Vec<_>>());
    assert_eq!(page.default_months, 12);
    assert_eq!(page.vat_rate_bp, 2700);
    assert!(page.card, "the sandbox takes cards in tests");
    assert!(page.waiting.is_none());
    let two_years = page.choices.iter().find(|c| c.months == 24).unwrap();
    let net = domain.price_minor * 2;
    assert_eq!(two_years.net.minor, net);
    assert_eq!(two_years.vat.minor, (net * 27 + 50) / 100);
    assert_eq!(two_years.total.minor, net + two_years.vat.minor);
    assert_eq!(two_years.until, expires.checked_add_months(Months::new(24)).unwrap());

    // Renewing for 2 years: one order, its line for 24 months, a proforma of the price shown.
    let ordered = renewal::renew(&app.state, &demo, domain.id, 24).await.unwrap();
    let proforma =
        invoices::Entity::find_by_id(ordered.proforma_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(proforma.order_id, Some(ordered.order_id));
    assert_eq!(proforma.total_minor, two_years.total.minor);
    let line = line_of(&app, ordered.order_id).await;
    assert_eq!(line.period_months, Some(24));
    assert_eq!(line.billing_cycle.as_deref(), Some("biennial"));
    // The customer is Hungarian: the document line says for how long, in Hungarian.
    assert_eq!(line.description, "kovacs-webshop.hu, 2 év");

    // The page now leads to that renewal instead of offering a second one.
    let waiting = options(&app, &demo, domain.id).await.waiting.unwrap();
    assert_eq!(waiting.order_id, ordered.order_id);
    assert_eq!(waiting.proforma_id, Some(ordered.proforma_id));
    assert_eq!(waiting.total.minor, two_years.total.minor);

    // Paid by card: the domain runs exactly two years longer, the order is done.
    app.pay_by_card(&demo, ordered.proforma_id, "renewal-test-key-0001").await;
    let after = service(&app, "kovacs-webshop.hu").await;
    assert_eq!(after.expires_on, Some(two_years.until));
    let order = orders::Entity::find_by_id(ordered.order_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(order.status, OrderStatus::Active);
    let page = options(&app, &demo, domain.id).await;
    assert!(page.waiting.is_none(), "paid: a next renewal can be ordered");
    let one_year = page.choices.iter().find(|c| c.months == 12).unwrap();
    assert_eq!(one_year.until, two_years.until.checked_add_months(Months::new(12)).unwrap());
}

#[tokio::test]
async fn a_period_the_page_does_not_offer_is_refused_and_orders_nothing() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let domain = app.service_id("kovacs.hu").await;
    let vps = app.service_id("VPS M").await;
    let refused =
        Err(AppError::Invalid { field: "months".into(), code: "period_not_offered".into() });
    assert_eq!(renewal::renew(&app.state, &demo, domain, 132).await, refused, "11 years");
    assert_eq!(renewal::renew(&app.state, &demo, domain, 6).await, refused, "half a year");
    assert_eq!(renewal::renew(&app.state, &demo, domain, 0).await, refused);
    assert_eq!(renewal::renew(&app.state, &demo, vps, 2).await, refused, "two months");
    let waiting = format!(
        "SELECT COUNT(*) FROM orders WHERE status = 'awaiting_payment' AND service_id = {vps}"
    );
    assert_eq!(app.count(&waiting).await, 0);
    // A monthly server offers its cycle and the longer standard ones, priced as that many months.
    let page = options(&app, &demo, vps).await;
    let months: Vec<u32> = page.choices.iter().map(|c| c.months).collect();
    assert_eq!(months, vec![1, 3, 6, 12, 24, 36]);
    assert_eq!(page.choices[1].net.minor, 3 * page.choices[0].net.minor);
    // Someone else's service: not found, as everywhere.
    let anna = app.requester(ANNA).await;
    assert_eq!(renewal::options(&app.state, &anna, domain).await.unwrap_err(), AppError::NotFound);
    assert_eq!(renewal::renew(&app.state, &anna, domain, 12).await, Err(AppError::NotFound));
}

#[tokio::test]
async fn without_javascript_the_page_shows_every_price_and_the_form_leads_to_the_proforma_or_the_card_page()
 {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let domain = service(&app, "kovacs-tars.hu").await;

    // The page, as the server renders it: every period with its total, card preselected.
    let page = app.get(&format!("/services/{}/renew", domain.id), Some(&cookie)).await;
    assert_eq!(page.status.as_u16(), 200);
    for years in 1..=10 {
        assert!(page.body.contains(&format!(r#"data-testid="period-{}""#, years * 12)));
    }
    assert!(page.body.contains(r#"name="pay" value="card" checked"#), "card is recommended");
    assert!(page.body.contains("kovacs-tars.hu hosszabbítása"), "the title, in Hungarian");

    // Five years, by proforma: the browser goes on to the proforma, of five years' price.
    let key = "renewal-form-key-00000001";
    let sent = form(&[
        ("id", &domain.id.to_string()),
        ("months", "60"),
        ("pay", "proforma"),
        ("key", key),
    ]);
    let res = app.post_form("/api/renew_service", &sent, Some(&cookie)).await;
    let to = res.location().unwrap().to_owned();
    let proforma_id: i64 = to.strip_prefix("/invoices/").unwrap().parse().unwrap();
    let proforma = invoices::Entity::find_by_id(proforma_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(proforma.status, InvoiceStatus::Unpaid);
    let net = domain.price_minor * 5;
    assert_eq!(proforma.total_minor, net + (net * 27 + 50) / 100);
    let line = line_of(&app, proforma.order_id.unwrap()).await;
    assert_eq!((line.period_months, line.billing_cycle), (Some(60), None), "no cycle is 5 years");
    assert_eq!(line.description, "kovacs-tars.hu, 5 év");
    assert_eq!(app.get(&to, Some(&cookie)).await.status.as_u16(), 200);

    // The form sent again, now by card: the same renewal, paid at the gateway's page.
    let again =
        form(&[("id", &domain.id.to_string()), ("months", "12"), ("pay", "card"), ("key", key)]);
    let res = app.post_form("/api/renew_service", &again, Some(&cookie)).await;
    let gateway = res.location().unwrap().to_owned();
    assert!(gateway.starts_with("/sandbox/gateway/"), "{gateway}");
    let waiting = format!(
        "SELECT COUNT(*) FROM orders WHERE status = 'awaiting_payment' AND service_id = {}",
        domain.id
    );
    assert_eq!(app.count(&waiting).await, 1);
    let paid = app.post_form(&gateway, &form(&[("card", "4242 4242 4242 4242")]), None).await;
    assert!(paid.location().is_some_and(|l| l.starts_with("/payments/")));
    let after = service(&app, "kovacs-tars.hu").await;
    let five_years = domain.expires_on.unwrap().checked_add_months(Months::new(60)).unwrap();
    assert_eq!(after.expires_on, Some(five_years), "five years, as ordered");
    assert_eq!(after.expires_on, after.next_due_date);
    assert!(today() < five_years);

    // A period that is not offered comes back as a message on the page, nothing ordered.
    let bad = form(&[
        ("id", &domain.id.to_string()),
        ("months", "7"),
        ("pay", "proforma"),
        ("key", "renewal-form-key-00000002"),
    ]);
    let res = app.post_form("/api/renew_service", &bad, Some(&cookie)).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    assert_eq!(app.count(&waiting).await, 0);
}

#[tokio::test]
async fn the_dashboard_and_the_service_page_lead_to_the_renewal_page_only_where_it_can_renew() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let expiring = app.service_id("kovacs.hu").await;
    let dashboard = app.get("/", Some(&cookie)).await;
    assert!(dashboard.body.contains(&format!(r#"href="/services/{expiring}/renew""#)));
    // Its renewal of seed 000 awaits payment: the page leads to that proforma, no second form.
    let page = app.get(&format!("/services/{expiring}/renew"), Some(&cookie)).await;
    assert!(page.body.contains(r#"data-testid="renewal-waiting""#));
    assert!(page.body.contains("R-2026-0352"));
    assert!(!page.body.contains(r#"data-testid="renew-submit""#));
    // The service page's "Renew" goes to the renewal page; with automatic renewal on, no button.
    let page = app.get(&format!("/services/{expiring}"), Some(&cookie)).await;
    assert!(page.body.contains(&format!(r#"href="/services/{expiring}/renew""#)));
    let automatic = app.service_id("kovacsbolt.hu").await;
    let page = app.get(&format!("/services/{automatic}"), Some(&cookie)).await;
    assert!(!page.body.contains("/renew\""));
    // A service that cannot be renewed (an addon) has no renewal page.
    let addon = app.service_id("Napi mentés").await;
    let page = app.get(&format!("/services/{addon}/renew"), Some(&cookie)).await;
    assert!(!page.body.contains(r#"data-testid="renew-submit""#));
    let demo = app.requester(DEMO).await;
    assert_eq!(renewal::options(&app.state, &demo, addon).await.unwrap_err(), AppError::Conflict);
}
