//! A domain order in steps (`/orders/domain`, `/orders/continue/{id}`, seeds 000 and 001):
//! the registry's answer decides registration or transfer; every step is stored as it is
//! left and the dashboard offers to continue there; the review puts the domain in the cart,
//! and paying starts it with its nameservers. A `.hu` transfer's declaration is uploaded
//! through the real route, checked by content and size, kept outside the database, given
//! back only to its owner, rejected with reasons and replaced, then accepted.

use crate::common::{TestApp, today};
use app::model::domain_order::{DomainOrderKind, Registrant, Step};
use app::model::service_details::ServiceDetails;
use app::model::{
    AppError, CartLineKind, DocumentStatus, JobStatus, Operation, ServiceKind, ServiceStatus,
};
use app::server::entities::{documents, jobs, order_lines, services};
use app::server::jobs::run_due;
use app::server::service_details;
use app::server::usecases::documents::{self as docs, Review};
use app::server::usecases::orders::domain;
use app::server::usecases::services::operations;
use app::server::usecases::{cart, dashboard};
use axum::body::Body;
use axum::http::{Request, header};
use chrono::{Months, TimeDelta};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const DEMO: &str = "demo@portico.test";
const ANNA: &str = "anna@portico.test";
const PASSWORD: &str = "portico-demo";

fn invalid(field: &str, code: &str) -> AppError {
    AppError::Invalid { field: field.into(), code: code.into() }
}

fn registrant() -> Registrant {
    Registrant {
        name: "Kovács és Társa Kft.".into(),
        email: "peter@kovacs.hu".into(),
        phone: "+36 1 234 5678".into(),
        address: "Fő utca 14., 1011 Budapest".into(),
    }
}

/// Posts `bytes` as the declaration of order `id`, as the step's form does: where the browser
/// goes next.
async fn upload(app: &TestApp, cookie: &str, id: i64, name: &str, bytes: &[u8]) -> Option<String> {
    upload_answer(app, cookie, id, name, bytes).await.location().map(str::to_owned)
}

/// [`upload`], with the whole answer.
async fn upload_answer(
    app: &TestApp,
    cookie: &str,
    id: i64,
    name: &str,
    bytes: &[u8],
) -> crate::common::TestResponse {
    let boundary = "----portico-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::post(format!("/orders/continue/{id}/declaration"))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn a_free_name_is_ordered_in_steps_left_at_the_contacts_continued_and_bought() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;

    // The search refuses what cannot be ordered, with the reason.
    let refused = domain::start(&app.state, &demo, "not a domain").await;
    assert!(matches!(refused, Err(AppError::Invalid { ref field, .. }) if field == "domain"));
    let refused = domain::start(&app.state, &demo, "kovacs.xyz").await;
    assert_eq!(refused.unwrap_err(), invalid("domain", "domain_ending_not_sold"));
    let refused = domain::start(&app.state, &demo, "kovacs.hu").await;
    assert_eq!(refused.unwrap_err(), invalid("domain", "domain_already_yours"));
    // Without JavaScript the search comes back with the name in its field and the reason.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let sent = crate::common::form(&[("domain", "kovacs.xyz")]);
    let res = app.post_form("/api/start_domain_order", &sent, Some(&cookie)).await;
    let back = res.location().unwrap().to_owned();
    assert_eq!(back, "/orders/domain?domain=kovacs%2Exyz&refused=domain%5Fending%5Fnot%5Fsold");
    let page = app.get(&back, Some(&cookie)).await.text();
    assert!(page.contains(r#"value="kovacs.xyz""#), "{page}");
    assert!(page.contains("Ilyen végződésű domaint nem forgalmazunk."), "{page}");

    // A free name: a registration, at its first step.
    let id = domain::start(&app.state, &demo, " Kovacs-Webaruhaz.HU ").await.unwrap();
    let again = domain::start(&app.state, &demo, "kovacs-webaruhaz.hu").await.unwrap();
    assert_eq!(again, id, "searching the same name again continues the open order");
    let order = domain::view(&app.state, &demo, id, None).await.unwrap();
    assert_eq!((order.kind, order.step), (DomainOrderKind::Registration, Step::Period));
    assert_eq!(order.domain, "kovacs-webaruhaz.hu");
    assert_eq!(order.steps.len(), 4, "no declaration for a registration");
    assert_eq!(order.periods.len(), 10, "one to ten years");
    assert_eq!(order.periods[1].total.minor, 12_675, "9 980 Ft + 27 % VAT, rounded");
    // A later step cannot be opened before the ones before it.
    let asked = domain::view(&app.state, &demo, id, Some(Step::Review)).await.unwrap();
    assert_eq!(asked.step, Step::Period);
    assert_eq!(
        domain::save_nameservers(&app.state, &demo, id, "ns1.a.hu\nns2.a.hu").await.unwrap_err(),
        AppError::Conflict
    );
    let refused = domain::save_period(&app.state, &demo, id, 11).await;
    assert_eq!(refused.unwrap_err(), invalid("years", "period_not_offered"));
    domain::save_period(&app.state, &demo, id, 2).await.unwrap();

    // The contacts step offers the customer's own details; a bad e-mail is refused.
    let order = domain::view(&app.state, &demo, id, None).await.unwrap();
    assert_eq!(order.step, Step::Contacts);
    assert_eq!(order.registrant.name, "Kovács és Társa Kft.");
    let bad = Registrant { email: "peter@".into(), ..registrant() };
    let refused = domain::save_registrant(&app.state, &demo, id, bad).await;
    assert_eq!(refused.unwrap_err(), invalid("email", "email_invalid"));
    // What was typed comes back with the refusal, and the step is still open.
    let order = domain::view(&app.state, &demo, id, None).await.unwrap();
    assert_eq!((order.step, order.registrant.email.as_str()), (Step::Contacts, "peter@"));
    assert_eq!(order.registrant.phone, registrant().phone);

    // Left at the contacts step: the dashboard offers it, and "Continue" opens that step.
    let board = dashboard::load(&app.state.db, demo.customer_id, today()).await.unwrap();
    let left = board.abandoned_orders.iter().find(|o| o.id == id).unwrap();
    assert_eq!(
        (left.subject.as_str(), left.step),
        ("kovacs-webaruhaz.hu", Step::Contacts.number())
    );
    let page = app.get(&format!("/orders/continue/{id}"), Some(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("data-step=\"3\""), "the page opens the contacts step");
    let other = app.sign_in(ANNA, PASSWORD).await;
    let page = app.get(&format!("/orders/continue/{id}"), Some(&other)).await;
    assert_eq!(page.status, 404, "another customer's order is not found");

    domain::save_registrant(&app.state, &demo, id, registrant()).await.unwrap();
    let order = domain::view(&app.state, &demo, id, None).await.unwrap();
    assert_eq!(order.registrant, registrant(), "saved: the draft is gone");
    // Without JavaScript a refused step comes back as a new page, with what was typed in it.
    let typed = "ns1.kovacs.hu\nns2 kovacs hu";
    let sent = crate::common::form(&[("id", &id.to_string()), ("nameservers", typed)]);
    let res = app.post_form("/api/save_domain_nameservers", &sent, Some(&cookie)).await;
    let back = res.location().unwrap().to_owned();
    assert!(back.contains("__err"), "{back}");
    let page = app.get(&format!("/orders/continue/{id}"), Some(&cookie)).await;
    assert!(page.text().contains("ns2 kovacs hu"), "the refused nameservers are shown again");
    domain::save_nameservers(&app.state, &demo, id, "ns1.kovacs.hu\nns2.kovacs.hu").await.unwrap();
    let order = domain::view(&app.state, &demo, id, None).await.unwrap();
    assert_eq!(order.step, Step::Review);
    assert_eq!(order.data.draft, None);
    assert_eq!(order.total.map(|t| t.minor), Some(order.periods[1].total.minor));

    // The review puts it in the cart once, and the order leaves the dashboard.
    domain::finish(&app.state, &demo, id).await.unwrap();
    assert_eq!(domain::finish(&app.state, &demo, id).await.unwrap_err(), AppError::NotFound);
    let board = dashboard::load(&app.state.db, demo.customer_id, today()).await.unwrap();
    assert!(board.abandoned_orders.iter().all(|o| o.id != id));
    let view = cart::view(&app.state, &demo).await.unwrap();
    let line = view.lines.iter().find(|l| l.kind == CartLineKind::New).unwrap();
    assert_eq!((line.detail.as_deref(), line.months), (Some("kovacs-webaruhaz.hu"), 24));
    assert_eq!(line.total.minor, order.periods[1].total.minor);

    // Checked out and paid: the domain starts for two years with its nameservers.
    let ordered =
        cart::checkout::checkout(&app.state, &demo, "domain-order-checkout-0001").await.unwrap();
    let service_id = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(ordered.order_id))
        .one(app.db())
        .await
        .unwrap()
        .and_then(|l| l.service_id)
        .unwrap();
    app.pay_by_card(&demo, ordered.proforma_id, "domain-order-card-0001").await;
    let domain = services::Entity::find_by_id(service_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!((domain.kind, domain.status), (ServiceKind::Domain, ServiceStatus::Active));
    assert_eq!(domain.domain.as_deref(), Some("kovacs-webaruhaz.hu"));
    assert_eq!(domain.name, "kovacs-webaruhaz.hu", "named by its name, as the list shows it");
    assert_eq!(domain.expires_on, today().checked_add_months(Months::new(24)));
    let ServiceDetails::Domain(details) = service_details::read(&domain) else { panic!() };
    assert_eq!(details.nameservers, vec!["ns1.kovacs.hu", "ns2.kovacs.hu"]);

    // The registry registers it (8 s in the sandbox); until then nothing can be changed
    // there, and the page says why.
    assert_eq!(details.arriving, Some(DomainOrderKind::Registration));
    let page = app.get(&format!("/services/{service_id}"), Some(&cookie)).await.text();
    assert!(page.contains(r#"data-testid="arriving""#));
    assert!(page.contains(r#"data-op="register""#), "the registration is listed as it runs");
    assert!(!page.contains(r#"data-testid="lock""#));
    let refused = operations::request(&app.state, &demo, service_id, Operation::Lock, None).await;
    assert_eq!(refused.unwrap_err(), AppError::Conflict);
    let refused =
        operations::request(&app.state, &demo, service_id, Operation::Register, None).await;
    assert_eq!(refused.unwrap_err(), AppError::NotFound, "no customer can ask for it");
    settle(&app).await;
    let job = only_job(&app, service_id).await;
    assert_eq!((job.kind.as_str(), job.status), ("register", JobStatus::Done));
    let domain = services::Entity::find_by_id(service_id).one(app.db()).await.unwrap().unwrap();
    let ServiceDetails::Domain(details) = service_details::read(&domain) else { panic!() };
    assert_eq!((details.arriving, details.locked), (None, true));
    let page = app.get(&format!("/services/{service_id}"), Some(&cookie)).await.text();
    assert!(page.contains(r#"data-testid="lock""#));
    assert!(!page.contains(r#"data-testid="arriving""#));
    operations::request(&app.state, &demo, service_id, Operation::Unlock, None).await.unwrap();
}

/// Runs the job runner through a minute of the sandbox's time.
async fn settle(app: &TestApp) {
    for _ in 0..6 {
        run_due(&app.state).await.unwrap();
        app.advance(TimeDelta::seconds(10));
    }
}

/// The one job of a service.
async fn only_job(app: &TestApp, service_id: i64) -> jobs::Model {
    let all = jobs::Entity::find()
        .filter(jobs::Column::ServiceId.eq(service_id))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_iter().next().unwrap()
}

#[tokio::test]
async fn a_name_held_elsewhere_is_transferred_in_and_a_refused_transfer_says_why() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    // "taken" makes the sandbox registry say someone holds it; "locked", that its registrar
    // keeps the transfer lock on.
    for (n, (name, outcome, reason)) in [
        ("kovacs-taken.com", JobStatus::Done, None),
        ("kovacs-taken-locked.com", JobStatus::Failed, Some("transfer_locked")),
    ]
    .into_iter()
    .enumerate()
    {
        let id = domain::start(&app.state, &demo, name).await.unwrap();
        let order = domain::view(&app.state, &demo, id, None).await.unwrap();
        assert_eq!(order.kind, DomainOrderKind::Transfer, "{name}");
        domain::save_period(&app.state, &demo, id, 1).await.unwrap();
        domain::save_registrant(&app.state, &demo, id, registrant()).await.unwrap();
        domain::save_nameservers(&app.state, &demo, id, "ns1.kovacs.hu\nns2.kovacs.hu")
            .await
            .unwrap();
        domain::finish(&app.state, &demo, id).await.unwrap();
        let ordered =
            cart::checkout::checkout(&app.state, &demo, &format!("transfer-checkout-{n:04}"))
                .await
                .unwrap();
        app.pay_by_card(&demo, ordered.proforma_id, &format!("transfer-card-{n:04}")).await;
        let line = order_lines::Entity::find()
            .filter(order_lines::Column::OrderId.eq(ordered.order_id))
            .one(app.db())
            .await
            .unwrap();
        let service_id = line.and_then(|l| l.service_id).unwrap();
        let page = app.get(&format!("/services/{service_id}"), Some(&cookie)).await.text();
        assert!(page.contains(r#"data-op="transfer_in""#), "{name}");
        assert!(page.contains("A domain átköltöztetése"), "{name}: the transfer note");

        settle(&app).await;
        let job = only_job(&app, service_id).await;
        assert_eq!((job.kind.as_str(), job.status), ("transfer_in", outcome), "{name}");
        assert_eq!(job.last_error.as_deref(), reason, "{name}");
        let domain = services::Entity::find_by_id(service_id).one(app.db()).await.unwrap();
        let ServiceDetails::Domain(details) = service_details::read(&domain.unwrap()) else {
            panic!()
        };
        let arrived = outcome == JobStatus::Done;
        assert_eq!(details.arriving.is_none(), arrived, "{name}");
        let page = app.get(&format!("/services/{service_id}"), Some(&cookie)).await.text();
        assert_eq!(page.contains(r#"data-testid="lock""#), arrived, "{name}");
        if !arrived {
            assert!(page.contains("még be van kapcsolva az átviteli zár"), "{name}: the reason");
        }
    }
}

#[tokio::test]
async fn a_hu_transfer_needs_a_declaration_checked_kept_reviewed_and_replaced() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;

    // A name someone holds: a transfer, with the registry's declaration as a step.
    let id = domain::start(&app.state, &demo, "google.hu").await.unwrap();
    domain::save_period(&app.state, &demo, id, 1).await.unwrap();
    domain::save_registrant(&app.state, &demo, id, registrant()).await.unwrap();
    domain::save_nameservers(&app.state, &demo, id, "ns1.portico.test ns2.portico.test")
        .await
        .unwrap();
    let order = domain::view(&app.state, &demo, id, None).await.unwrap();
    assert_eq!((order.kind, order.step), (DomainOrderKind::Transfer, Step::Declaration));
    assert_eq!(domain::finish(&app.state, &demo, id).await.unwrap_err(), AppError::Conflict);

    // Checked by content, not by name, and by size; nothing is recorded for a refused file.
    let to = upload(&app, &cookie, id, "declaration.pdf", b"MZ\x90\0 not a pdf").await;
    assert_eq!(to.as_deref(), Some(&*format!("/orders/continue/{id}?step=5&error=file_type")));
    let big = [b"%PDF-1.7\n".as_slice(), &vec![b'x'; 10 * 1024 * 1024]].concat();
    let to = upload(&app, &cookie, id, "big.pdf", &big).await;
    assert!(to.is_some_and(|l| l.ends_with("error=file_too_large")));
    assert_eq!(app.count("SELECT COUNT(*) FROM documents WHERE stored_as IS NOT NULL").await, 0);

    let pdf = b"%PDF-1.4\n% a signed declaration\n%%EOF\n";
    // Someone else's order: the portal's "page not found", and nothing is kept.
    let anna = app.sign_in(ANNA, PASSWORD).await;
    let answer = upload_answer(&app, &anna, id, "nyilatkozat.pdf", pdf).await;
    assert_eq!(answer.status, 404);
    assert!(answer.text().contains("<h1>Seite nicht gefunden</h1>"), "in her language");
    assert_eq!(app.count("SELECT COUNT(*) FROM documents WHERE stored_as IS NOT NULL").await, 0);
    let to = upload(&app, &cookie, id, "C:\\scans\\nyilatkozat.pdf", pdf).await;
    assert_eq!(to.as_deref(), Some(&*format!("/orders/continue/{id}")));
    let order = domain::view(&app.state, &demo, id, None).await.unwrap();
    assert_eq!(order.step, Step::Review);
    // The dashboard's unfinished order moved on with the upload: its review, counted from the
    // search (a transfer's sixth step).
    let board = dashboard::load(&app.state.db, demo.customer_id, today()).await.unwrap();
    let left = board.abandoned_orders.iter().find(|o| o.id == id).unwrap();
    assert_eq!(left.step, 6);
    let first = order.declaration.unwrap();
    assert_eq!(
        (first.file_name.as_str(), first.status),
        ("nyilatkozat.pdf", DocumentStatus::Submitted)
    );

    // Kept outside the database, given back to its owner only, as a download.
    let stored = documents::Entity::find_by_id(first.id).one(app.db()).await.unwrap().unwrap();
    let path = app.state.settings.documents_dir.join(stored.stored_as.unwrap());
    assert_eq!(std::fs::read(&path).unwrap(), pdf);
    let got = app.get(&format!("/documents/{}", first.id), Some(&cookie)).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.header("content-type"), Some("application/pdf"));
    assert!(got.header("content-disposition").is_some_and(|d| d.starts_with("attachment")));
    assert_eq!(got.text().as_bytes(), pdf);
    let anna = app.sign_in(ANNA, PASSWORD).await;
    assert_eq!(app.get(&format!("/documents/{}", first.id), Some(&anna)).await.status, 404);

    // Rejected with reasons: the order stands at the declaration again and cannot finish.
    let reasons = vec!["The date is missing.".to_owned()];
    docs::review(&app.state, first.id, Review::Reject(reasons.clone())).await.unwrap();
    let again = docs::review(&app.state, first.id, Review::Accept).await;
    assert_eq!(again.unwrap_err(), AppError::Conflict, "a document is reviewed once");
    let order = domain::view(&app.state, &demo, id, None).await.unwrap();
    assert_eq!(order.step, Step::Declaration);
    let shown = order.declaration.unwrap();
    assert_eq!((shown.status, shown.reasons), (DocumentStatus::Rejected, reasons));
    assert_eq!(domain::finish(&app.state, &demo, id).await.unwrap_err(), AppError::Conflict);

    // A corrected one replaces it; accepted, the order goes to the cart.
    let to = upload(&app, &cookie, id, "nyilatkozat-2.pdf", pdf).await;
    assert_eq!(to.as_deref(), Some(&*format!("/orders/continue/{id}")));
    let second = domain::view(&app.state, &demo, id, None).await.unwrap().declaration.unwrap();
    assert_ne!(second.id, first.id);
    docs::review(&app.state, second.id, Review::Accept).await.unwrap();
    let status = documents::Entity::find_by_id(second.id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(status.status, DocumentStatus::Approved);
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action IN ('document.reject', 'document.accept') AND actor = 'staff'";
    assert_eq!(app.count(audited).await, 2);
    domain::finish(&app.state, &demo, id).await.unwrap();
    let view = cart::view(&app.state, &demo).await.unwrap();
    assert!(view.lines.iter().any(|l| l.detail.as_deref() == Some("google.hu")));
}

#[tokio::test]
async fn a_declaration_rejected_after_ordering_is_replaced_from_the_dashboard() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;

    // The demo's .hu transfer was ordered; the registry rejected its declaration.
    let board = dashboard::load(&app.state.db, demo.customer_id, today()).await.unwrap();
    let rejected = &board.rejected_documents[0];
    let order_id = rejected.order_id.expect("the declaration belongs to its order");
    let order = domain::view(&app.state, &demo, order_id, Some(Step::Period)).await.unwrap();
    assert!(order.in_cart);
    assert_eq!(order.step, Step::Declaration, "an ordered transfer opens at its declaration only");
    assert_eq!(
        order.declaration.map(|d| d.status),
        None,
        "the demo's was recorded without its file"
    );
    let page = app.get(&format!("/orders/continue/{order_id}?step=5"), Some(&cookie)).await;
    assert_eq!(page.status, 200);

    // A corrected scan (a PNG) replaces it, and the dashboard's box has nothing left to fix.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR a scanned declaration";
    let to = upload(&app, &cookie, order_id, "nyilatkozat.png", png).await;
    assert_eq!(to.as_deref(), Some(&*format!("/orders/continue/{order_id}")));
    let order = domain::view(&app.state, &demo, order_id, None).await.unwrap();
    let replaced = order.declaration.unwrap();
    assert_eq!(replaced.status, DocumentStatus::Submitted);
    let board = dashboard::load(&app.state.db, demo.customer_id, today()).await.unwrap();
    assert!(board.rejected_documents.is_empty(), "{:?}", board.rejected_documents);
    // Nothing else of an ordered transfer can be changed.
    let refused = domain::save_period(&app.state, &demo, order_id, 2).await;
    assert_eq!(refused.unwrap_err(), AppError::NotFound);
}
