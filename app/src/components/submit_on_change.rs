//! A GET form that applies a new choice at once (an island): a change inside it submits the
//! form, which loads the page for the new URL. The form and its button work without it.

use leptos::prelude::*;

/// Wraps controls of a form; `children` stay server HTML.
#[island]
pub fn SubmitOnChange(children: Children) -> impl IntoView {
    view! { <div on:change=submit_form>{children()}</div> }
}

fn submit_form(ev: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok());
        if let Some(form) = form {
            let _ = form.request_submit();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
