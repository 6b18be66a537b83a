pub mod confirm;
pub mod errors;
pub mod facts;
pub mod layout;
pub mod order_table;
pub mod pager;
pub mod service_status;
pub mod table;
