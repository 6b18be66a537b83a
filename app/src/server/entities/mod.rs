//! SeaORM entities, one module per table. They mirror the schema created by the
//! `migration` crate; the migrations are the source of truth.
//!
//! Conventions: ids are `i64`; money is `i64` in minor units of the row's currency;
//! instants are `DateTimeUtc`; calendar dates are `Date`; vocabulary columns use the
//! shared enums of `crate::model::enums`.

pub mod prelude;

pub mod alt_mailboxes;
pub mod audit_log;
pub mod balance_ledger;
pub mod calendar_feeds;
pub mod cart_lines;
pub mod cart_promos;
pub mod carts;
pub mod contacts;
pub mod customer_networks;
pub mod customers;
pub mod documents;
pub mod email_outbox;
pub mod idempotency_keys;
pub mod invoice_lines;
pub mod invoice_sequences;
pub mod invoices;
pub mod jobs;
pub mod login_events;
pub mod order_lines;
pub mod orders;
pub mod pay_all_documents;
pub mod pay_all_links;
pub mod pay_links;
pub mod payment_documents;
pub mod payment_events;
pub mod payments;
pub mod product_prices;
pub mod products;
pub mod promo_code_products;
pub mod promo_codes;
pub mod promo_redemptions;
pub mod sandbox_operations;
pub mod services;
pub mod sessions;
pub mod sign_in_limits;
pub mod ticket_messages;
pub mod tickets;
pub mod traffic_samples;
