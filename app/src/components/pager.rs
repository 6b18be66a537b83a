//! "Previous / page 2 of 4 / next" under a paged list; plain links, so paging works without
//! JavaScript and every page has its own URL.

use crate::i18n::use_texts;
use leptos::prelude::*;

/// `href` gives the address of a page number, keeping the rest of the list's view.
#[component]
pub fn Pager(
    page: u32,
    pages: u32,
    href: impl Fn(u32) -> String,
    test_id: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let previous = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <nav class="pager" aria-label=t.pagination data-testid=test_id>
            {previous
                .map(|href| {
                    view! {
                        <a class="btn btn--small btn--secondary" rel="prev" href=href>
                            {t.previous_page}
                        </a>
                    }
                })}
            <span class="pager-status">{(t.page_of)(page, pages)}</span>
            {next
                .map(|href| {
                    view! {
                        <a class="btn btn--small btn--secondary" rel="next" href=href>
                            {t.next_page}
                        </a>
                    }
                })}
        </nav>
    }
}
