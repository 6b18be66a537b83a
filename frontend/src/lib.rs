//! The browser entry point. Leptos runs in islands mode: the page is server HTML, and the
//! island script calls `hydrate` and then brings each `<leptos-island>` to life.

#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The island script hydrates the islands right after this returns, each in a microtask;
    // a task queued now runs after all of them. `data-hydrated` tells end-to-end tests (and
    // anyone debugging) that the page's islands are live.
    leptos::prelude::set_timeout(app::mark_hydrated, std::time::Duration::ZERO);
}
