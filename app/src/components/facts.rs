//! Facts about a thing shown as a definition list (`<dl class="facts">`).

use leptos::prelude::*;

/// A definition list row.
pub fn fact(label: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}
