//! The services list (`/services`, seed 001): what each customer sees, the status filter,
//! pages, the constant query count, and the page as the browser gets it with and without a
//! session.

use crate::common::{TestApp, form, today};
use app::model::views::ServicePage;
use app::model::{BillingCycle, Currency, ServiceKind, ServiceQuery, ServiceSort, ServiceStatus};
use app::server::entities::services;
use app::server::usecases;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::TimeDelta;
use sea_orm::{EntityTrait, Set};
use std::collections::HashSet;

const DEMO: &str = "demo@portico.test";
const PASSWORD: &str = "portico-demo";

async fn list(app: &TestApp, email: &str, query: ServiceQuery) -> ServicePage {
    let id = app.customer_id(email).await;
    usecases::services::list::list(app.db(), id, query).await.unwrap()
}

fn with_status(status: ServiceStatus) -> ServiceQuery {
    ServiceQuery { status: Some(status), ..Default::default() }
}

fn labels(page: &ServicePage) -> Vec<String> {
    page.rows
        .iter()
        .map(|r| match &r.domain {
            Some(d) if *d != r.name => format!("{} ({d})", r.name),
            _ => r.name.clone(),
        })
        .collect()
}

/// `count` extra services for a customer: every tenth without a next due date (a service that
/// is not billed again), the rest spread over the coming months.
async fn add_services(app: &TestApp, customer_id: i64, count: i64) {
    let now = app.state.clock.now();
    let rows = (0..count).map(|i| services::ActiveModel {
        customer_id: Set(customer_id),
        product_id: Set(None),
        kind: Set(ServiceKind::Domain),
        name: Set(format!("extra-{i:02}.hu")),
        domain: Set(Some(format!("extra-{i:02}.hu"))),
        status: Set(ServiceStatus::Active),
        billing_cycle: Set(BillingCycle::Annual),
        currency: Set(Currency::Huf),
        price_minor: Set(4990),
        next_due_date: Set((i % 10 != 0).then(|| today() + TimeDelta::days(i * 7))),
        expires_on: Set(None),
        auto_renew: Set(false),
        details: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    services::Entity::insert_many(rows).exec(app.db()).await.unwrap();
}

#[tokio::test]
async fn demo_company_sees_its_twenty_services_on_one_page() {
    let app = TestApp::demo().await;
    let page = list(&app, DEMO, ServiceQuery::default()).await;
    assert_eq!((page.total, page.pages, page.rows.len()), (20, 1, 20));
    assert_eq!(page.query, ServiceQuery::default());

    // Soonest due first: the long-lapsed ones lead, then what is due next.
    let labels = labels(&page);
    assert_eq!(
        labels[..4],
        [
            "regi-kovacs.hu",
            "SSL DV (regi-kovacs.hu)",
            "E-mail csomag (kovacs-tars.hu)",
            "kovacs-webshop.hu"
        ]
    );
    let keys: Vec<_> = page.rows.iter().map(|r| (r.next_due_date, r.id)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "not sorted by due date, then id: {keys:?}");

    let domain = page.rows.iter().find(|r| r.name == "kovacs.hu").unwrap();
    assert_eq!((domain.price.minor, domain.price.currency), (4990, Currency::Huf));
    assert_eq!(domain.cycle, BillingCycle::Annual);
    assert_eq!(domain.next_due_date, Some(today() + TimeDelta::days(12)));
}

#[tokio::test]
async fn the_status_filter_shows_only_that_status() {
    let app = TestApp::demo().await;
    let suspended = list(&app, DEMO, with_status(ServiceStatus::Suspended)).await;
    assert_eq!(labels(&suspended), ["E-mail csomag (kovacs-tars.hu)"]);
    assert_eq!(suspended.total, 1);

    let cancelled = list(&app, DEMO, with_status(ServiceStatus::Cancelled)).await;
    assert_eq!(labels(&cancelled), ["regi-kovacs.hu"]);

    let expired = list(&app, DEMO, with_status(ServiceStatus::Expired)).await;
    assert_eq!(labels(&expired), ["SSL DV (regi-kovacs.hu)"]);

    let active = list(&app, DEMO, with_status(ServiceStatus::Active)).await;
    assert_eq!(active.total, 17);
    assert!(active.rows.iter().all(|r| r.status == ServiceStatus::Active));

    // Nothing pending: an empty first page, not an error.
    let pending = list(&app, DEMO, with_status(ServiceStatus::Pending)).await;
    assert_eq!((pending.total, pending.pages, pending.rows.len()), (0, 1, 0));
}

#[tokio::test]
async fn sorting_by_name_and_by_status() {
    let app = TestApp::demo().await;
    let by_name =
        list(&app, DEMO, ServiceQuery { sort: ServiceSort::Name, ..Default::default() }).await;
    // The database's collation decides where "kovacs-tars.hu" and "kovacs.com" go (byte order
    // on SQLite, possibly a language's rules on PostgreSQL); names that start with a capital
    // letter and differ in letters sort the same under every collation.
    let capitalised: Vec<_> = by_name
        .rows
        .iter()
        .map(|r| r.name.as_str())
        .filter(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect();
    assert_eq!(
        capitalised,
        [
            "Archív tárhely 100 GB",
            "Dedikált szerver DS-2",
            "E-mail csomag",
            "Napi mentés",
            "SSL DV",
            "SSL DV",
            "Tárhely Pro",
            "Tárhely Standard",
            "VPS L",
            "VPS M",
            "Wildcard SSL",
        ]
    );
    assert_eq!(by_name.rows.len(), 20);

    let by_status =
        list(&app, DEMO, ServiceQuery { sort: ServiceSort::Status, ..Default::default() }).await;
    let statuses: Vec<_> = by_status.rows.iter().map(|r| r.status).collect();
    let rank = |s: &ServiceStatus| ServiceQuery::STATUSES.iter().position(|x| x == s).unwrap();
    assert!(statuses.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])), "{statuses:?}");
    assert_eq!(statuses.last(), Some(&ServiceStatus::Cancelled));
}

/// 20 demo services plus 45 more make 65: pages of 20, 20, 20 and 5.
#[tokio::test]
async fn a_long_list_is_paged_without_gaps_or_repeats() {
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    add_services(&app, demo, 45).await;

    let mut seen = Vec::new();
    for number in 1..=4 {
        let page = list(&app, DEMO, ServiceQuery::default().with_page(number)).await;
        assert_eq!((page.total, page.pages, page.query.page), (65, 4, number));
        let expected = if number == 4 { 5 } else { 20 };
        assert_eq!(page.rows.len(), expected, "page {number}");
        seen.extend(page.rows);
    }
    let ids: HashSet<_> = seen.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), 65, "every service exactly once");
    // Services without a next due date come last, in id order.
    let undated: Vec<_> = seen.iter().skip_while(|r| r.next_due_date.is_some()).collect();
    assert_eq!(undated.len(), 5);
    assert!(undated.iter().all(|r| r.next_due_date.is_none()));
    assert!(undated.windows(2).all(|w| w[0].id < w[1].id));

    // A page past the end shows the last page and says which page it is.
    let beyond = list(&app, DEMO, ServiceQuery::default().with_page(9)).await;
    assert_eq!((beyond.query.page, beyond.rows.len()), (4, 5));
    // Filters count only what they match: 62 active services fit on 4 pages.
    let active = list(&app, DEMO, with_status(ServiceStatus::Active).with_page(4)).await;
    assert_eq!((active.total, active.pages, active.rows.len()), (62, 4, 2));
}

#[tokio::test]
async fn another_customers_services_never_appear() {
    let app = TestApp::demo().await;
    let demo_ids: HashSet<_> =
        list(&app, DEMO, ServiceQuery::default()).await.rows.iter().map(|r| r.id).collect();

    let anna = list(&app, "anna@portico.test", ServiceQuery::default()).await;
    assert_eq!(anna.total, 3);
    assert!(anna.rows.iter().all(|r| !demo_ids.contains(&r.id)));
    assert!(anna.rows.iter().all(|r| r.price.currency == Currency::Eur));
    let mut names: Vec<_> = anna.rows.iter().map(|r| r.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["SSL DV", "Webhosting Basic", "anna-schmidt.de"]);

    // Through the server function too: Anna asking for suspended services gets none of
    // the demo company's.
    let cookie = app.sign_in("anna@portico.test", PASSWORD).await;
    let req = Request::post("/api/services")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, &cookie)
        .body(Body::from(form(&[("status", "suspended")])))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let page: ServicePage = serde_json::from_str(&res.body).unwrap();
    assert_eq!((page.total, page.rows.len()), (0, 0));

    let html = app.get("/services", Some(&cookie)).await.text();
    assert!(html.contains("anna-schmidt.de"));
    assert!(!html.contains("kovacs"), "another customer's service on Anna's page");
}

/// The list's query count must not grow with the customer's services or anyone's history.
#[tokio::test]
async fn services_query_count_is_constant() {
    let mut app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let queries = app.count_queries();
    let db = app.db().clone();
    let measure = |query: ServiceQuery| {
        let list = usecases::services::list::list(&db, demo, query);
        queries.of(async move { list.await.unwrap() })
    };
    let (before, small) = measure(ServiceQuery::default()).await;

    app::server::demo::seed_scale(app.db(), today(), 20, 2000).await.unwrap();
    add_services(&app, demo, 200).await;
    let (after, big) = measure(ServiceQuery::default().with_page(7)).await;
    let (filtered, _) = measure(with_status(ServiceStatus::Active)).await;

    assert_eq!(before, 2, "one count and one page query");
    assert_eq!((after, filtered), (before, before), "queries grew with the list");
    assert_eq!((small.rows.len(), big.rows.len(), big.total), (20, 20, 220));
}

#[tokio::test]
async fn rendered_page_is_in_hungarian_with_the_filter_in_the_url() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let page = app.get("/services?status=active", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    for expected in [
        "<html lang=\"hu\"",
        "Szolgáltatások",
        "Következő esedékesség", // a column header
        "4 990 Ft",
        "/ év",
        "2026. 12. 04.", // kovacs.hu is due in 12 days
        "Aktív",
        "badge badge--ok",
        // The filter: a GET form whose select shows the view in the URL.
        "method=\"get\"",
        "name=\"status\"",
        "<option value=\"active\" selected",
        // The row menu and the actions above the list.
        "<details class=\"row-menu\"",
        "aria-label=\"kovacs.hu: műveletek\"",
        "aria-label=\"SSL DV (shop.kovacs.hu): műveletek\"",
        // Only links to pages that exist: orders, and the service's own renewal box.
        "href=\"/orders\"",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    let kovacs = list(&app, DEMO, ServiceQuery::default())
        .await
        .rows
        .into_iter()
        .find(|r| r.name == "kovacs.hu")
        .unwrap();
    assert!(text.contains(&format!("href=\"/services/{}#renewal\"", kovacs.id)));
    for missing in ["/invoices?service=", "/tickets/new", "/order/addons"] {
        assert!(!text.contains(missing), "links to {missing}, which does not exist yet");
    }
    // Seed 001 "Odnów usługi": the renew-services page, which exists.
    assert!(text.contains("href=\"/services/renew\""));
    // Only active services are listed.
    assert!(!text.contains("E-mail csomag"));
    assert!(!text.contains("regi-kovacs.hu"));
    // The navigation marks where we are; one page needs no pager.
    assert!(text.contains("href=\"/services\" aria-current=\"page\""), "nav entry not current");
    assert!(!text.contains("data-testid=\"services-pager\""));
}

#[tokio::test]
async fn pager_links_keep_the_filter() {
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    add_services(&app, demo, 45).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;

    let text = app.get("/services?status=active&page=2", Some(&cookie)).await.text();
    assert!(text.contains("2. oldal (összesen 4)"), "no page status");
    assert!(text.contains("rel=\"prev\" href=\"/services?status=active\""));
    assert!(text.contains("rel=\"next\" href=\"/services?status=active&amp;page=3\""));

    // Out of range: the last page, with no link further on.
    let last = app.get("/services?page=99", Some(&cookie)).await.text();
    assert!(last.contains("4. oldal (összesen 4)"));
    assert!(!last.contains("rel=\"next\""));
}

#[tokio::test]
async fn unknown_query_values_show_the_default_view() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let page = app.get("/services?status=bogus&page=abc&sort=price", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    assert!(text.contains("E-mail csomag") && text.contains("regi-kovacs.hu"));
    assert!(text.contains("<option value=\"\" selected"), "'All' not selected");
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    let app = TestApp::demo().await;
    let res = app.get("/services?status=active", None).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    assert_eq!(res.location(), Some("/login"));
}
