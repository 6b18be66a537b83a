//! Small view helpers shared by every table.

use leptos::prelude::*;

/// A data cell that carries its column name, which phones show as the row's label.
#[component]
pub fn Cell(
    label: &'static str,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <td data-label=label class=class>
            {children()}
        </td>
    }
}
