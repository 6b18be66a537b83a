//! A service's status as a coloured badge; the colour only repeats what the word says.

use crate::i18n::use_texts;
use crate::model::ServiceStatus;
use leptos::prelude::*;

/// `ok` in use, `warning` waiting for something, `danger` stopped but recoverable, `muted`
/// over for good.
pub fn tone(status: ServiceStatus) -> &'static str {
    match status {
        ServiceStatus::Active => "ok",
        ServiceStatus::Pending => "warning",
        ServiceStatus::Suspended | ServiceStatus::Expired => "danger",
        ServiceStatus::Cancelled | ServiceStatus::Terminated => "muted",
    }
}

#[component]
pub fn ServiceStatusBadge(status: ServiceStatus) -> impl IntoView {
    let t = use_texts();
    view! {
        <span class=format!("badge badge--{}", tone(status)) data-status=status.as_str()>
            {t.services.service_status(status)}
        </span>
    }
}
