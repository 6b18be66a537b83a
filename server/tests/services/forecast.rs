//! The renewal forecast (`/services/forecast`): twelve months of renewals and their cost per
//! currency, and "Renew all of these" putting a month's next renewals in the cart.

use crate::common::{TestApp, today};
use app::model::forecast::{FORECAST_MONTHS, forecast_end, month_of};
use app::model::{BillingCycle, Money};
use app::server::entities::services;
use app::server::usecases::cart;
use app::server::usecases::services::due;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const DEMO: &str = "demo@portico.test";
const PASSWORD: &str = "portico-demo";

#[tokio::test]
async fn twelve_months_of_renewals_with_their_cost_and_a_month_goes_into_the_cart() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let forecast = due::forecast(&app.state, &demo).await.unwrap();
    assert!(!forecast.months.is_empty());
    assert!(forecast.months.len() <= FORECAST_MONTHS as usize);
    assert!(forecast.months.windows(2).all(|w| w[0].month < w[1].month));
    let (start, end) = (month_of(today()), forecast_end(today()));
    for month in &forecast.months {
        assert!(month.month >= start && month.month < end);
        for item in &month.items {
            // A date already past is this month's; every other is in its own month.
            assert_eq!(month_of(item.due.max(today())), month.month, "{}", item.label);
        }
        // Per currency, the month's total is the sum of its items.
        for total in &month.totals {
            let sum: i64 = month
                .items
                .iter()
                .filter(|i| i.total.currency == total.currency)
                .map(|i| i.total.minor)
                .sum();
            assert_eq!(*total, Money::new(sum, total.currency));
        }
    }

    // A monthly server falls due every month, its next renewal once; the later ones cost the
    // same period's price.
    let monthly = services::Entity::find()
        .filter(services::Column::CustomerId.eq(demo.customer_id))
        .filter(services::Column::BillingCycle.eq(BillingCycle::Monthly))
        .filter(services::Column::Status.eq(app::model::ServiceStatus::Active))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let items: Vec<_> = forecast
        .months
        .iter()
        .flat_map(|m| m.items.iter())
        .filter(|i| i.service_id == monthly.id)
        .collect();
    assert!(items.len() >= 11, "{} falls due {} times", monthly.name, items.len());
    assert_eq!(items.iter().filter(|i| i.next).count(), 1);
    assert!(items.windows(2).all(|w| w[0].due < w[1].due && w[0].total == w[1].total));

    // "Renew all of these" for the first month with something to add: exactly those go in.
    let month = forecast.months.iter().find(|m| m.addable() > 0).unwrap();
    let expected: Vec<i64> = month
        .items
        .iter()
        .filter(|i| i.next && !i.in_cart && !i.awaiting)
        .map(|i| i.service_id)
        .collect();
    let added = cart::add_month(&app.state, &demo, month.month).await.unwrap();
    assert_eq!(added, expected.len());
    let in_cart: Vec<i64> = cart::view(&app.state, &demo)
        .await
        .unwrap()
        .lines
        .iter()
        .filter_map(|l| l.service_id)
        .collect();
    assert!(expected.iter().all(|id| in_cart.contains(id)));
    assert_eq!(cart::add_month(&app.state, &demo, month.month).await.unwrap(), 0, "no twice");
    let again = due::forecast(&app.state, &demo).await.unwrap();
    let same = again.months.iter().find(|m| m.month == month.month).unwrap();
    assert_eq!(same.addable(), 0);

    // The page, in Hungarian, with the month headings.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let page = app.get("/services/forecast", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("2026. november"), "Hungarian month heading");
    assert_eq!(html.matches("data-testid=\"forecast-month\"").count(), forecast.months.len());
}
