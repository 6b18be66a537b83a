//! E-mail. A message is composed in the customer's language and written to the outbox inside
//! the transaction of the change it reports ([`outbox`]): it exists exactly when the change
//! does. A worker sends the outbox over SMTP and retries with back-off ([`delivery`]).

pub mod compose;
pub mod delivery;
pub mod outbox;
