//! Read models returned by server functions: exactly what a page shows, nothing more.

use super::{BillingCycle, CustomerKind, Lang, Money, ServiceKind, ServiceQuery, ServiceStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who is looking at the page. `user` is `None` before sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub user: Option<SignedInUser>,
    pub lang: Lang,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignedInUser {
    /// The company name for companies, the person's name otherwise (seed 000).
    pub display_name: String,
    pub kind: CustomerKind,
    pub is_staff: bool,
}

/// Everything the dashboard shows. Each list feeds one box; an empty list hides its box.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub abandoned_orders: Vec<AbandonedOrder>,
    pub rejected_documents: Vec<RejectedDocument>,
    pub expiring_domains: Vec<ExpiringService>,
    pub expiring_hosting: Vec<ExpiringService>,
    pub expiring_ssl: Vec<ExpiringService>,
    pub unpaid_proformas: Vec<UnpaidProforma>,
}

impl Dashboard {
    pub fn is_empty(&self) -> bool {
        self.abandoned_orders.is_empty()
            && self.rejected_documents.is_empty()
            && self.expiring_domains.is_empty()
            && self.expiring_hosting.is_empty()
            && self.expiring_ssl.is_empty()
            && self.unpaid_proformas.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbandonedOrder {
    pub id: i64,
    /// What was being ordered, e.g. the domain name.
    pub subject: String,
    pub kind: String,
    /// The 1-based step the customer stopped at; "continue" resumes there.
    pub step: i32,
    pub last_change: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RejectedDocument {
    pub id: i64,
    /// The order in steps it belongs to: "Fix and resubmit" opens its declaration step.
    pub order_id: Option<i64>,
    pub file_name: String,
    pub kind: String,
    pub reasons: Vec<String>,
    pub reviewed_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpiringService {
    pub id: i64,
    pub name: String,
    pub domain: Option<String>,
    pub expires_on: NaiveDate,
    pub days_left: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnpaidProforma {
    pub id: i64,
    pub number: String,
    pub total: Money,
    pub due_date: NaiveDate,
    pub overdue: bool,
}

/// One page of the services list (seed 001).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServicePage {
    pub rows: Vec<ServiceRow>,
    /// The view actually shown: the one asked for, with the page brought into range.
    pub query: ServiceQuery,
    /// Services matching the filter, on all pages.
    pub total: u64,
    /// At least 1, so an empty list is "page 1 of 1".
    pub pages: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceRow {
    pub id: i64,
    pub kind: ServiceKind,
    pub name: String,
    pub domain: Option<String>,
    pub status: ServiceStatus,
    /// The price of one billing cycle.
    pub price: Money,
    pub cycle: BillingCycle,
    pub next_due_date: Option<NaiveDate>,
}
