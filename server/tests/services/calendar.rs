//! The private calendar feed (`/calendar/{token}.ics`): read back with an iCalendar parser as a
//! calendar app would, each service's due date and each unpaid proforma's, in the customer's
//! language; the address replaced, the old one stops working.

use crate::common::TestApp;
use app::model::{InvoiceKind, InvoiceStatus, ServiceKind, ServiceStatus};
use app::server::entities::{invoices, services};
use app::server::usecases::services::calendar;
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const DEMO: &str = "demo@portico.test";
const PASSWORD: &str = "portico-demo";

fn dates(ics: &str) -> Vec<(String, chrono::NaiveDate, Option<String>)> {
    let parsed: Calendar = ics.parse().expect("an RFC 5545 calendar");
    parsed
        .events()
        .map(|e| {
            let date = match e.get_start() {
                Some(DatePerhapsTime::Date(d)) => d,
                Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(t))) => t.date(),
                other => panic!("an all-day event, not {other:?}"),
            };
            (e.get_summary().unwrap_or_default().to_owned(), date, e.get_uid().map(str::to_owned))
        })
        .collect()
}

#[tokio::test]
async fn the_feed_holds_due_dates_and_its_address_can_be_replaced() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    assert_eq!(calendar::token(&app.state, &demo).await.unwrap(), None);
    let token = calendar::replace(&app.state, &demo).await.unwrap();
    assert_eq!(calendar::token(&app.state, &demo).await.unwrap().as_deref(), Some(&*token));

    // A calendar app has no session: the address alone opens it.
    let res = app.get(&calendar::path(&token), None).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), Some("text/calendar; charset=utf-8"));
    let events = dates(&res.text());

    // Every service that can still fall due, on its due date, in Hungarian.
    let due: Vec<services::Model> = services::Entity::find()
        .filter(services::Column::CustomerId.eq(demo.customer_id))
        .filter(services::Column::Kind.ne(ServiceKind::Addon))
        .filter(services::Column::Status.is_in([
            ServiceStatus::Active,
            ServiceStatus::Expired,
            ServiceStatus::Suspended,
        ]))
        .all(app.db())
        .await
        .unwrap();
    assert!(!due.is_empty());
    for service in due.iter().filter(|s| s.expires_on.or(s.next_due_date).is_some()) {
        let uid = format!("service-{}@portico", service.id);
        let (summary, date, _) = events
            .iter()
            .find(|(_, _, u)| u.as_deref() == Some(&*uid))
            .unwrap_or_else(|| panic!("{} in the feed", service.name));
        assert_eq!(Some(*date), service.expires_on.or(service.next_due_date));
        assert!(summary.ends_with("hosszabbítás esedékes"), "{summary}");
    }
    // Every unpaid proforma on its due date, with its number and amount.
    let unpaid = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(demo.customer_id))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Proforma))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .all(app.db())
        .await
        .unwrap();
    assert!(!unpaid.is_empty());
    for proforma in &unpaid {
        let uid = format!("invoice-{}@portico", proforma.id);
        let (summary, date, _) =
            events.iter().find(|(_, _, u)| u.as_deref() == Some(&*uid)).unwrap();
        assert_eq!(*date, proforma.due_date);
        assert!(summary.contains(&proforma.number), "{summary}");
    }
    assert_eq!(events.len(), due.len() + unpaid.len());

    // The page shows the address; replacing it: the old one is gone, the new one works.
    let page = app.get("/services/forecast", Some(&cookie)).await.text();
    assert!(page.contains(&calendar::path(&token)));
    let res = app.post_form("/api/replace_calendar_link", "", Some(&cookie)).await;
    assert!(res.status.is_redirection() || res.status.is_success(), "{}", res.status);
    let new = calendar::token(&app.state, &demo).await.unwrap().unwrap();
    assert_ne!(new, token);
    assert_eq!(app.get(&calendar::path(&token), None).await.status, 404);
    assert_eq!(app.get(&calendar::path(&new), None).await.status, 200);
    assert_eq!(app.get("/calendar/not-a-token.ics", None).await.status, 404);
}
