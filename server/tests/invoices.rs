//! Invoices (`/invoices`, `/invoices/{id}`, seed 002 "Rechnungen"): unpaid first by default,
//! the paid and all filters, one document with its lines and VAT per rate, another customer's
//! document answering like a missing one, and a list whose cost does not grow with the history.

#![allow(clippy::unwrap_used)]

mod common;

use app::model::invoices::InvoiceFilter;
use app::model::{AppError, InvoiceKind, InvoiceStatus};
use app::server::usecases::invoices;
use common::{TestApp, today};

const DEMO: &str = "demo@portico.test";
const ANNA: &str = "anna@portico.test";
const PASSWORD: &str = "portico-demo";

#[tokio::test]
async fn the_list_opens_on_unpaid_documents_and_each_filter_shows_its_own() {
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let list = |filter| invoices::list(app.db(), demo, filter, 1, today());

    let unpaid = list(InvoiceFilter::Unpaid).await.unwrap();
    // Seed 000: two renewal proformas await payment, one of them past its due date.
    assert_eq!(unpaid.rows.len(), 2);
    assert!(
        unpaid
            .rows
            .iter()
            .all(|r| r.kind == InvoiceKind::Proforma && r.status == InvoiceStatus::Unpaid)
    );
    assert_eq!(unpaid.rows.iter().filter(|r| r.overdue).count(), 1);
    assert!(!unpaid.has_next);

    let paid = list(InvoiceFilter::Paid).await.unwrap();
    assert!(!paid.rows.is_empty());
    assert!(paid.rows.iter().all(|r| r.status == InvoiceStatus::Paid && !r.overdue));
    assert!(paid.rows.iter().any(|r| r.kind == InvoiceKind::Invoice));

    let all = list(InvoiceFilter::All).await.unwrap();
    assert_eq!(all.rows.len(), unpaid.rows.len() + paid.rows.len());
    // Newest first.
    assert!(all.rows.windows(2).all(|w| w[0].issue_date >= w[1].issue_date));

    // Nobody else's documents: Anna's list holds none of the company's numbers.
    let anna =
        invoices::list(app.db(), app.customer_id(ANNA).await, InvoiceFilter::All, 1, today())
            .await
            .unwrap();
    let company: Vec<&str> = all.rows.iter().map(|r| r.number.as_str()).collect();
    assert!(anna.rows.iter().all(|r| !company.contains(&r.number.as_str())));
}

#[tokio::test]
async fn a_final_invoice_shows_its_lines_vat_per_rate_totals_and_its_proforma() {
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let paid = invoices::list(app.db(), demo, InvoiceFilter::Paid, 1, today()).await.unwrap();
    let row = paid.rows.iter().find(|r| r.kind == InvoiceKind::Invoice).unwrap();

    let detail = invoices::detail(app.db(), demo, row.id, today()).await.unwrap();
    assert!(!detail.lines.is_empty());
    assert!(detail.paid_at.is_some());
    let proforma = detail.proforma.clone().expect("a final invoice names its proforma");
    assert!(proforma.number.starts_with("DBK"));
    let order = detail.order.clone().expect("a renewal's invoice names its order");
    assert!(order.number.starts_with("R-2026-"));
    // The proforma is the customer's own document, paid by the same amount.
    let paid_proforma = invoices::detail(app.db(), demo, proforma.id, today()).await.unwrap();
    assert_eq!(paid_proforma.invoice.status, InvoiceStatus::Paid);
    assert_eq!(paid_proforma.invoice.total, detail.invoice.total);
    let gross: i64 = detail.lines.iter().map(|l| l.gross.minor).sum();
    assert_eq!(gross, detail.invoice.total.minor);
    assert_eq!(detail.net.minor + detail.vat.minor, detail.invoice.total.minor);
    // Hungarian company: 27 % on every line, one breakdown row that adds up.
    assert_eq!(detail.vat_breakdown.len(), 1);
    assert_eq!(detail.vat_breakdown[0].vat_rate_bp, 2700);
    assert_eq!(detail.vat_breakdown[0].net, detail.net);
    assert_eq!(detail.vat_breakdown[0].vat, detail.vat);
}

/// Another customer's document is refused exactly like one that does not exist, by the use
/// case and by the page.
#[tokio::test]
async fn another_customers_document_answers_like_a_missing_one() {
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let anna = app.customer_id(ANNA).await;
    let theirs =
        invoices::list(app.db(), demo, InvoiceFilter::All, 1, today()).await.unwrap().rows[0].id;

    let refused = invoices::detail(app.db(), anna, theirs, today()).await.unwrap_err();
    assert_eq!(refused, AppError::NotFound);
    assert_eq!(
        invoices::detail(app.db(), anna, i64::MAX, today()).await.unwrap_err(),
        AppError::NotFound
    );

    let cookie = app.sign_in(ANNA, PASSWORD).await;
    let other = app.get(&format!("/invoices/{theirs}"), Some(&cookie)).await;
    let missing = app.get("/invoices/987654321", Some(&cookie)).await;
    assert_eq!(other.status, missing.status);
    assert_eq!(other.status.as_u16(), 404);
    let number = invoices::detail(app.db(), demo, theirs, today()).await.unwrap().invoice.number;
    assert!(!other.body.contains(&number));
}

#[tokio::test]
async fn the_pages_show_the_filter_the_rows_and_a_document() {
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let unpaid = invoices::list(app.db(), demo, InvoiceFilter::Unpaid, 1, today()).await.unwrap();

    let page = app.get("/invoices", Some(&cookie)).await;
    assert_eq!(page.status.as_u16(), 200);
    assert!(page.body.contains(r#"data-filter="unpaid""#));
    assert!(
        page.body.contains(r#"aria-current="page" data-filter="unpaid""#),
        "unpaid is the default"
    );
    for row in &unpaid.rows {
        assert!(page.body.contains(&row.number));
    }
    assert!(page.body.contains(r#"data-testid="overdue""#));

    let paid = app.get("/invoices?filter=paid", Some(&cookie)).await;
    assert!(paid.body.contains(r#"aria-current="page" data-filter="paid""#));
    assert!(unpaid.rows.iter().all(|r| !paid.body.contains(&r.number)));

    let document = app.get(&format!("/invoices/{}", unpaid.rows[0].id), Some(&cookie)).await;
    assert_eq!(document.status.as_u16(), 200);
    assert!(document.body.contains(r#"data-testid="invoice-total""#));
    assert!(
        document.body.contains(r#"data-testid="pay-note""#),
        "an unpaid document says how to pay it"
    );

    // Signed out: the sign-in page, never a document.
    let signed_out = app.get(&format!("/invoices/{}", unpaid.rows[0].id), None).await;
    assert_eq!(signed_out.location(), Some("/login"));
}

/// A page of the list costs one query however long the history is, and paging walks it.
#[tokio::test]
async fn the_list_costs_one_query_whatever_the_history_and_pages_follow() {
    let mut app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let queries = app.count_queries();
    let db = app.db().clone();
    let list = |page| invoices::list(&db, demo, InvoiceFilter::All, page, today());
    let (before, small) = queries.of(list(1)).await;
    let small = small.unwrap();
    assert!(!small.has_next);

    // A long paid history: every tenth of 3,000 invoices is the demo company's.
    app::server::demo::seed_scale(app.db(), today(), 20, 3000).await.unwrap();
    let (after, first) = queries.of(list(1)).await;
    let first = first.unwrap();
    assert_eq!(before, after, "queries grew with history");
    assert_eq!(before, 1);
    assert_eq!(first.rows.len(), invoices::INVOICES_PER_PAGE as usize);
    assert!(first.has_next);
    let second = list(2).await.unwrap();
    assert!(
        second.rows.iter().all(|r| first.rows.iter().all(|f| f.id != r.id)),
        "pages do not overlap"
    );
    assert!(first.rows.last().unwrap().issue_date >= second.rows[0].issue_date);
}
