pub mod confirm;
pub mod layout;
pub mod pager;
pub mod service_status;
pub mod table;
