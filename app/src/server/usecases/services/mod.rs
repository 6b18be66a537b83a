//! A customer's services (`/services`, `/services/{id}`): the list, one service's page, the
//! operations asked of it, and renewing it.

pub mod calendar;
pub mod detail;
pub mod due;
pub mod list;
pub mod operations;
pub mod renewal;
