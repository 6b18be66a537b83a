//! Invoices (`/invoices`, `/invoices/{id}`, seed 002 "Rechnungen"): unpaid first by default,
//! the paid and all filters, one document with its lines and VAT per rate, another customer's
//! document answering like a missing one, and a list whose cost does not grow with the history.

#![allow(clippy::unwrap_used)]

mod common;

use app::model::invoices::InvoiceFilter;
use app::model::{AppError, InvoiceKind, InvoiceStatus};
use app::server::usecases::invoices;
use common::poppler::{pdf_text, poppler};
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
        document.body.contains(&format!(r#"href="/invoices/{}/pay""#, unpaid.rows[0].id)),
        "an unpaid proforma leads to its payment step"
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

async fn pdf_of(app: &TestApp, cookie: &str, id: i64) -> common::TestResponse {
    app.get(&format!("/invoices/{id}/pdf"), Some(cookie)).await
}

/// Every document is an A4 PDF in its customer's language, with number, dates, lines, VAT
/// per rate and totals, and the letters of Hungarian, Polish and German addresses intact.
#[tokio::test]
async fn a_document_is_an_a4_pdf_in_the_customers_language() {
    use app::format::{money, percent_bp};
    use app::model::Lang;
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let paid = invoices::list(app.db(), demo, InvoiceFilter::Paid, 1, today()).await.unwrap();
    let invoice = paid.rows.iter().find(|r| r.kind == InvoiceKind::Invoice).unwrap();
    let detail = invoices::detail(app.db(), demo, invoice.id, today()).await.unwrap();

    let res = pdf_of(&app, &cookie, invoice.id).await;
    assert_eq!(res.status.as_u16(), 200);
    assert_eq!(res.header("content-type"), Some("application/pdf"));
    let disposition = res.header("content-disposition").unwrap();
    assert!(disposition.contains(&format!("{}.pdf", invoice.number)), "{disposition}");
    assert_eq!(res.header("cache-control"), Some("private, no-store"));
    assert!(res.bytes.starts_with(b"%PDF-"));
    assert!(poppler("pdfinfo", &res.bytes).contains("(A4)"), "A4 pages");

    let text = pdf_text(&res.bytes);
    let plain = |s: String| s.replace('\u{a0}', " ");
    for expected in [
        format!("Számla {}", invoice.number),
        plain(money(invoice.total, Lang::Hu)),
        plain(money(detail.vat, Lang::Hu)),
        plain(percent_bp(2700, Lang::Hu)),
        detail.proforma.clone().unwrap().number,
        "Kovács és Társa Kft.".into(),
        "Fő utca 14.".into(),
        "12345678-2-42".into(),
        "Szőlő utca 12.".into(),
        "ÁFA kulcsonként".into(),
        "1. oldal / 1".into(),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing from:\n{text}");
    }
    assert!(!text.contains("Közlemény"), "a paid invoice asks for no transfer");

    // An unpaid proforma of the Polish customer: Polish texts and letters, and how to pay.
    let jan = app.customer_id("pl@portico.test").await;
    let jans = invoices::list(app.db(), jan, InvoiceFilter::All, 1, today()).await.unwrap();
    let proforma = jans.rows.iter().find(|r| r.kind == InvoiceKind::Proforma).unwrap();
    let pl_cookie = app.sign_in("pl@portico.test", PASSWORD).await;
    let text = pdf_text(&pdf_of(&app, &pl_cookie, proforma.id).await.bytes);
    for expected in ["ul. Żółkiewskiego 12", "90-001 Łódź", "Sprzedawca", "Nabywca"] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert_eq!(proforma.status, InvoiceStatus::Unpaid);
    for expected in ["Tytuł przelewu", "HU42 1177 3016 1111 1018 0000 0000", "nie fakturą"] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }

    // A German customer's document: German texts, and the ß of her street.
    let anna = app.customer_id(ANNA).await;
    let annas = invoices::list(app.db(), anna, InvoiceFilter::All, 1, today()).await.unwrap();
    let anna_cookie = app.sign_in(ANNA, PASSWORD).await;
    let text = pdf_text(&pdf_of(&app, &anna_cookie, annas.rows[0].id).await.bytes);
    for expected in ["Großbeerenstraße 12", "Verkäufer", "Käufer", "USt-IdNr."] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
}

/// Another customer's PDF, a missing one and a malformed id get the same "not found" page;
/// signed out, the sign-in page.
#[tokio::test]
async fn another_customers_pdf_answers_like_a_missing_one() {
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let theirs =
        &invoices::list(app.db(), demo, InvoiceFilter::All, 1, today()).await.unwrap().rows[0];
    let cookie = app.sign_in(ANNA, PASSWORD).await;

    let other = pdf_of(&app, &cookie, theirs.id).await;
    let missing = pdf_of(&app, &cookie, 987_654_321).await;
    let malformed = app.get("/invoices/abc/pdf", Some(&cookie)).await;
    for res in [&other, &missing, &malformed] {
        assert_eq!(res.status.as_u16(), 404);
        assert_ne!(res.header("content-type"), Some("application/pdf"));
        assert!(!res.body.contains(&theirs.number));
    }
    // The same page (only the per-response script nonce differs).
    let main = |body: &str| {
        body.split("<main").nth(1).unwrap().split("</main>").next().unwrap().to_owned()
    };
    assert_eq!(main(&other.body), main(&missing.body), "nothing tells the two apart");

    let signed_out = app.get(&format!("/invoices/{}/pdf", theirs.id), None).await;
    assert_eq!(signed_out.location(), Some("/login"));
}

/// Seed 002: an unpaid proforma can be deleted, which cancels it (its number stays taken) and
/// its order; through the list's form without JavaScript too. Another customer's, or a paid
/// document, cannot be.
#[tokio::test]
async fn an_unpaid_proforma_is_deleted_with_its_order() {
    use app::server::context::Requester;
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let unpaid = invoices::list(app.db(), demo, InvoiceFilter::Unpaid, 1, today()).await.unwrap();
    let (first, second) = (&unpaid.rows[0], &unpaid.rows[1]);
    let anna = Requester { customer_id: app.customer_id(ANNA).await, ip: None };
    assert_eq!(
        invoices::delete_proforma(&app.state, &anna, first.id).await,
        Err(AppError::NotFound)
    );
    let paid = invoices::list(app.db(), demo, InvoiceFilter::Paid, 1, today()).await.unwrap();
    let me = Requester { customer_id: demo, ip: Some("198.51.100.7".into()) };
    assert_eq!(
        invoices::delete_proforma(&app.state, &me, paid.rows[0].id).await,
        Err(AppError::Conflict)
    );

    // A card payment left open on the gateway's page does not keep it payable once deleted.
    let open = app::server::usecases::payments::start_card(
        &app.state,
        &me,
        first.id,
        "left-open-key-0001",
    )
    .await
    .unwrap();
    assert!(open.starts_with("/sandbox/gateway/"));
    invoices::delete_proforma(&app.state, &me, first.id).await.unwrap();
    assert_eq!(
        app::server::usecases::payments::start_card(
            &app.state,
            &me,
            first.id,
            "left-open-key-0001"
        )
        .await,
        Err(AppError::Conflict)
    );
    let deleted = invoices::detail(app.db(), demo, first.id, today()).await.unwrap();
    assert_eq!(deleted.invoice.status, InvoiceStatus::Cancelled);
    assert_eq!(deleted.invoice.number, first.number, "the number stays taken");
    let order = app::server::usecases::orders::detail(app.db(), demo, deleted.order.unwrap().id)
        .await
        .unwrap();
    assert_eq!(order.order.status, app::model::OrderStatus::Cancelled);
    assert_eq!(order.order.to_pay, None, "nothing left to pay");
    assert_eq!(invoices::delete_proforma(&app.state, &me, first.id).await, Err(AppError::Conflict));

    // The list's form, posted by the browser itself: back to the list, the document gone.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let list = app.get("/invoices", Some(&cookie)).await;
    assert!(list.body.contains(r#"data-testid="invoice-delete""#));
    let res = app
        .post_form(
            "/api/delete_proforma",
            &common::form(&[("id", &second.id.to_string())]),
            Some(&cookie),
        )
        .await;
    assert!(res.location().is_some_and(|l| l.starts_with("http://127.0.0.1:3000/")));
    let list = app.get("/invoices", Some(&cookie)).await;
    assert!(!list.body.contains(&second.number));
    assert!(list.body.contains(r#"data-testid="invoices-empty""#));
}

/// Seed 002 "request a quote": an unpaid proforma's lines as a non-binding PDF, dated today and
/// valid until the due date; for anything else, or another customer, "not found".
#[tokio::test]
async fn an_unpaid_proforma_gives_a_dated_non_binding_quote() {
    use app::format::{date, money};
    use app::model::Lang;
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let unpaid = invoices::list(app.db(), demo, InvoiceFilter::Unpaid, 1, today()).await.unwrap();
    let proforma = &unpaid.rows[0];

    let res = app.get(&format!("/invoices/{}/quote", proforma.id), Some(&cookie)).await;
    assert_eq!(res.status.as_u16(), 200);
    assert_eq!(res.header("content-type"), Some("application/pdf"));
    let disposition = res.header("content-disposition").unwrap();
    assert!(disposition.contains(&format!("{}-AJN.pdf", proforma.number)), "{disposition}");
    let text = pdf_text(&res.bytes);
    let plain = |s: String| s.replace('\u{a0}', " ");
    for expected in [
        "Árajánlat".to_owned(),
        format!("A(z) {} díjbekérő alapján", proforma.number),
        plain(money(proforma.total, Lang::Hu)),
        date(today(), Lang::Hu),
        date(proforma.due_date, Lang::Hu),
        "nem kötelező érvényű".to_owned(),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing from:\n{text}");
    }
    assert!(!text.contains("Közlemény"), "a quote asks for no payment");

    // A paid document has no quote; another customer's proforma neither.
    let paid = invoices::list(app.db(), demo, InvoiceFilter::Paid, 1, today()).await.unwrap();
    let res = app.get(&format!("/invoices/{}/quote", paid.rows[0].id), Some(&cookie)).await;
    assert_eq!(res.status.as_u16(), 404);
    let anna = app.sign_in(ANNA, PASSWORD).await;
    let res = app.get(&format!("/invoices/{}/quote", proforma.id), Some(&anna)).await;
    assert_eq!(res.status.as_u16(), 404);
    assert_ne!(res.header("content-type"), Some("application/pdf"));
}

/// A refund after payment: the paid final invoice stays as it was, a credit note of its own
/// series credits it in full, the amount goes to the balance with its ledger entry, the credit
/// note is mailed and printed, and a second credit of the same invoice is refused.
#[tokio::test]
async fn a_paid_invoice_is_credited_once_by_a_credit_note_to_the_balance() {
    use app::format::money;
    use app::model::{Lang, LedgerReason, Money};
    use app::server::entities::{balance_ledger, customers, email_outbox};
    use app::server::usecases::invoices::credit_note::{CreditRefused, credit_invoice};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let paid = invoices::list(app.db(), demo, InvoiceFilter::Paid, 1, today()).await.unwrap();
    let invoice = paid.rows.iter().find(|r| r.kind == InvoiceKind::Invoice).unwrap().clone();
    let balance = |app: &TestApp| {
        let db = app.db().clone();
        async move { customers::Entity::find_by_id(demo).one(&db).await.unwrap().unwrap() }
    };
    let before = balance(&app).await.balance_minor;

    assert_eq!(
        credit_invoice(&app.state, &invoice.number, "  ").await.unwrap_err(),
        CreditRefused::NoReason
    );
    let unpaid = invoices::list(app.db(), demo, InvoiceFilter::Unpaid, 1, today()).await.unwrap();
    assert!(matches!(
        credit_invoice(&app.state, &unpaid.rows[0].number, "refund").await,
        Err(CreditRefused::UnknownInvoice(_))
    ));

    let credited =
        credit_invoice(&app.state, &format!(" {} ", invoice.number), "service cancelled")
            .await
            .unwrap();
    let note = &credited.credit_note;
    assert!(note.number.starts_with("STO26-"), "{}", note.number);
    assert_eq!(note.kind, InvoiceKind::CreditNote);
    assert_eq!(note.total_minor, -invoice.total.minor);
    assert_eq!(credited.amount, invoice.total);
    assert_eq!(balance(&app).await.balance_minor, before + invoice.total.minor);
    let entry = balance_ledger::Entity::find()
        .filter(balance_ledger::Column::CustomerId.eq(demo))
        .filter(balance_ledger::Column::Reason.eq(LedgerReason::CreditNote))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((entry.amount_minor, entry.invoice_id), (invoice.total.minor, Some(note.id)));

    // The invoice is unchanged and names its credit note; the note names the invoice and
    // carries every line with the opposite sign.
    let original = invoices::detail(app.db(), demo, invoice.id, today()).await.unwrap();
    assert_eq!(
        (original.invoice.status, original.invoice.total),
        (InvoiceStatus::Paid, invoice.total)
    );
    assert_eq!(original.credited_by.as_ref().map(|r| r.id), Some(note.id));
    let shown = invoices::detail(app.db(), demo, note.id, today()).await.unwrap();
    assert_eq!(shown.credits.as_ref().map(|r| r.number.as_str()), Some(invoice.number.as_str()));
    assert_eq!(shown.lines.len(), original.lines.len());
    for (minus, plus) in shown.lines.iter().zip(&original.lines) {
        assert_eq!((minus.net.minor, minus.vat.minor), (-plus.net.minor, -plus.vat.minor));
    }
    assert!(shown.compared.is_empty(), "a credit note is not a renewal");

    // Mailed with its PDF, which says what it credits.
    let mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::InvoiceId.eq(note.id))
        .one(app.db())
        .await
        .unwrap()
        .expect("the credit note is queued");
    assert!(mail.subject.contains(&note.number), "{}", mail.subject);
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let text = pdf_text(&pdf_of(&app, &cookie, note.id).await.bytes);
    let minus = Money::new(-invoice.total.minor, invoice.total.currency);
    for expected in [
        format!("Jóváíró számla {}", note.number),
        "Helyesbített számla:".to_owned(),
        invoice.number.clone(),
        money(minus, Lang::Hu).replace('\u{a0}', " "),
        "jóváírtuk az egyenlegén".to_owned(),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing from:\n{text}");
    }
    // The list shows it among the paid documents, the balance page credits it.
    let page = app.get(&format!("/invoices/{}", invoice.id), Some(&cookie)).await.text();
    assert!(page.contains(&format!("href=\"/invoices/{}\"", note.id)), "credited-by link");

    assert_eq!(
        credit_invoice(&app.state, &invoice.number, "again").await.unwrap_err(),
        CreditRefused::AlreadyCredited {
            number: invoice.number.clone(),
            credit_note: note.number.clone()
        }
    );
    assert_eq!(balance(&app).await.balance_minor, before + invoice.total.minor);
}

/// "What changed" on a renewal document: against the same service's previous paid invoice,
/// the same terms say so, and a new price and period are shown before and after.
#[tokio::test]
async fn a_renewal_document_says_what_changed_since_the_last_paid_invoice() {
    use app::model::invoices::TermChange;
    use app::model::{BillingCycle, Money};
    use app::server::entities::services;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::demo().await;
    let demo = app.customer_id(DEMO).await;
    let vps = app.service_id("VPS M").await;
    // The demo's last paid VPS M invoice, against the one before it: the same terms.
    let paid = invoices::list(app.db(), demo, InvoiceFilter::Paid, 1, today()).await.unwrap();
    let mut vps_invoices = Vec::new();
    for row in paid.rows.iter().filter(|r| r.kind == InvoiceKind::Invoice) {
        let detail = invoices::detail(app.db(), demo, row.id, today()).await.unwrap();
        if detail.lines[0].description.starts_with("VPS M") {
            vps_invoices.push(detail);
        }
    }
    let [latest, earlier] = &vps_invoices[..] else { panic!("two paid VPS M invoices") };
    assert_eq!(latest.compared.len(), 1);
    assert_eq!(latest.compared[0].previous.number, earlier.invoice.number);
    assert!(latest.compared[0].changes.is_empty(), "{:?}", latest.compared);
    assert!(
        earlier.compared.is_empty() || earlier.compared[0].previous.number != latest.invoice.number
    );

    // The price rises and the service becomes yearly: the renewal's proforma says both.
    let before = latest.lines[0].unit_price;
    services::Entity::update_many()
        .col_expr(services::Column::PriceMinor, Expr::value(before.minor + 1_500))
        .col_expr(services::Column::BillingCycle, Expr::value(BillingCycle::Annual.as_str()))
        .filter(services::Column::Id.eq(vps))
        .exec(app.db())
        .await
        .unwrap();
    let proforma = app.renewal_proforma(DEMO, "VPS M").await;
    let detail = invoices::detail(app.db(), demo, proforma.id, today()).await.unwrap();
    assert_eq!(detail.compared.len(), 1);
    assert_eq!(detail.compared[0].previous.id, latest.invoice.id);
    assert_eq!(
        detail.compared[0].changes,
        vec![
            TermChange::Price { before, after: Money::new(before.minor + 1_500, before.currency) },
            TermChange::Period { before: BillingCycle::Monthly, after: BillingCycle::Annual },
        ]
    );
    // The page shows it, in the customer's language.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let page = app.get(&format!("/invoices/{}", proforma.id), Some(&cookie)).await.text();
    assert!(page.contains("Mi változott"), "the section is shown");
    assert!(page.contains(&latest.invoice.number));
    assert_eq!(page.matches("data-testid=\"change\"").count(), 2);

    // Another customer's invoice is never the "previous" one: Anna's documents compare only
    // with her own.
    let anna = app.customer_id(ANNA).await;
    let annas = invoices::list(app.db(), anna, InvoiceFilter::All, 1, today()).await.unwrap();
    for row in annas.rows {
        let detail = invoices::detail(app.db(), anna, row.id, today()).await.unwrap();
        for compared in detail.compared {
            assert!(invoices::detail(app.db(), anna, compared.previous.id, today()).await.is_ok());
        }
    }
}
