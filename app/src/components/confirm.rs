//! A confirmation before a step that cannot be taken back: a disclosure whose panel asks the
//! question and holds the form, so it works without JavaScript and from the keyboard.

use leptos::prelude::*;

/// `id` must be unique on the page: it ties the question to its panel for screen readers.
/// `children` is the form that carries the step out.
#[component]
pub fn Confirm(
    id: String,
    /// Classes of the button that opens the question.
    tone: &'static str,
    summary: AnyView,
    question: &'static str,
    #[prop(optional)] test_id: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="confirm" data-testid=test_id>
            <summary class=tone>{summary}</summary>
            <div class="confirm-panel" role="group" aria-labelledby=id.clone()>
                <p id=id.clone()>{question}</p>
                {children()}
            </div>
        </details>
    }
}
