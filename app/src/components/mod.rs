pub mod layout;
pub mod service_status;
pub mod table;
