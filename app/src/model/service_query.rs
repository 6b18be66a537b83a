//! Which part of the services list to show. It lives in the URL (`/services?status=active&page=2`),
//! so every view is a link that works without JavaScript, survives a reload and can be shared.

use super::ServiceStatus;
use serde::{Deserialize, Serialize};

/// Rows per page of the services list.
pub const SERVICES_PER_PAGE: u32 = 20;

/// The order of the services list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceSort {
    /// Next due date, soonest first, services without one last (seed 001: what to pay next).
    #[default]
    Due,
    Name,
    /// In the order of [`ServiceQuery::STATUSES`], then by due date.
    Status,
}

impl ServiceSort {
    pub const ALL: &'static [ServiceSort] =
        &[ServiceSort::Due, ServiceSort::Name, ServiceSort::Status];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceSort::Due => "due",
            ServiceSort::Name => "name",
            ServiceSort::Status => "status",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|sort| sort.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServiceQuery {
    /// `None` shows every status.
    pub status: Option<ServiceStatus>,
    pub sort: ServiceSort,
    /// 1-based.
    pub page: u32,
}

impl Default for ServiceQuery {
    fn default() -> Self {
        Self { status: None, sort: ServiceSort::default(), page: 1 }
    }
}

impl ServiceQuery {
    /// The statuses in the order the filter offers them and the status sort uses: what is in
    /// use first, what has ended last.
    pub const STATUSES: [ServiceStatus; 6] = [
        ServiceStatus::Active,
        ServiceStatus::Pending,
        ServiceStatus::Suspended,
        ServiceStatus::Expired,
        ServiceStatus::Cancelled,
        ServiceStatus::Terminated,
    ];

    /// Lenient on purpose: the values come from a URL a person may have edited or bookmarked
    /// long ago, and an unknown value is better answered with the default view than an error.
    pub fn parse(status: Option<&str>, sort: Option<&str>, page: Option<u32>) -> Self {
        Self {
            status: status.and_then(ServiceStatus::parse),
            sort: sort.and_then(ServiceSort::parse).unwrap_or_default(),
            page: page.unwrap_or(1).max(1),
        }
    }

    /// Parses the raw query-string values, where the page is still text.
    pub fn from_url(status: Option<&str>, sort: Option<&str>, page: Option<&str>) -> Self {
        Self::parse(status, sort, page.and_then(|p| p.trim().parse().ok()))
    }

    /// Rows to skip before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.max(1) - 1) * u64::from(SERVICES_PER_PAGE)
    }

    pub fn with_page(self, page: u32) -> Self {
        Self { page: page.max(1), ..self }
    }

    /// The link to this view. Defaults are left out, so the plain list stays `/services`.
    pub fn href(&self) -> String {
        let mut params = Vec::new();
        if let Some(status) = self.status {
            params.push(format!("status={}", status.as_str()));
        }
        if self.sort != ServiceSort::default() {
            params.push(format!("sort={}", self.sort.as_str()));
        }
        if self.page > 1 {
            params.push(format!("page={}", self.page));
        }
        if params.is_empty() {
            "/services".to_owned()
        } else {
            format!("/services?{}", params.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_fall_back_to_the_default_view() {
        assert_eq!(
            ServiceQuery::parse(Some("bogus"), Some("price"), Some(0)),
            ServiceQuery::default()
        );
        assert_eq!(ServiceQuery::from_url(Some(""), None, Some("-3")), ServiceQuery::default());
        assert_eq!(ServiceQuery::from_url(None, None, Some("two")).page, 1);
        let q = ServiceQuery::from_url(Some("suspended"), Some("name"), Some("3"));
        assert_eq!(q.status, Some(ServiceStatus::Suspended));
        assert_eq!(q.sort, ServiceSort::Name);
        assert_eq!(q.page, 3);
        assert_eq!(q.offset(), 40);
    }

    #[test]
    fn href_round_trips_and_omits_defaults() {
        assert_eq!(ServiceQuery::default().href(), "/services");
        let q = ServiceQuery::parse(Some("active"), Some("status"), Some(2));
        assert_eq!(q.href(), "/services?status=active&sort=status&page=2");
        assert_eq!(q.with_page(1).href(), "/services?status=active&sort=status");
        assert_eq!(q.with_page(0).page, 1);
    }

    #[test]
    fn the_filter_offers_every_status_once() {
        for status in ServiceStatus::ALL {
            assert_eq!(ServiceQuery::STATUSES.iter().filter(|s| *s == status).count(), 1);
        }
    }
}
