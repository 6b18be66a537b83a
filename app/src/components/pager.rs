//! "Previous / page 2 of 4 / next" under a paged list; plain links, so paging works without
//! JavaScript and every page has its own URL. A list that does not count its rows (invoices:
//! counting a long history would cost more than the page) leaves out "of 4".

use crate::i18n::use_texts;
use leptos::prelude::*;

/// `href` gives the address of a page number, keeping the rest of the list's view; `pages` is
/// the number of pages where the list knows it, and `has_next` whether another page follows.
#[component]
pub fn Pager(
    page: u32,
    #[prop(optional)] pages: Option<u32>,
    has_next: bool,
    href: impl Fn(u32) -> String,
    test_id: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let previous = (page > 1).then(|| href(page - 1));
    let next = has_next.then(|| href(page + 1));
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
            {pages.map(|pages| view! { <span class="pager-status">{(t.page_of)(page, pages)}</span> })}
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
