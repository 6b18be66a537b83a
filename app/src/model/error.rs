//! The one error type of every server function. Users see a translated message chosen by the
//! variant, never internal text; an unexpected failure carries only a reference that is in
//! the server log next to the real cause.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: the browser is sent to the sign-in page.
    #[error("unauthorized")]
    Unauthorized,
    /// Missing, or belonging to another customer: both answer the same.
    #[error("not found")]
    NotFound,
    /// Input that does not parse; `field` names the form field, `code` the i18n key.
    #[error("invalid {field}: {code}")]
    Invalid { field: String, code: String },
    /// The state machine does not allow this step from the object's current state.
    #[error("conflict")]
    Conflict,
    /// Too many attempts; the answer says when the next one is allowed.
    #[error("rate limited")]
    RateLimited,
    /// The server is at capacity for this work (password checks) and asks to try again in a
    /// moment: HTTP 503 with `Retry-After`.
    #[error("busy")]
    Busy,
    /// Anything unexpected. `reference` is logged with the cause.
    #[error("internal error, reference {reference}")]
    Internal { reference: String },
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid { field: String::new(), code: "bad_request".into() }
            }
            // Transport failures on the client: no server log entry exists for them.
            _ => AppError::Internal { reference: "NET".into() },
        }
    }
}
