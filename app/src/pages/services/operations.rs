//! The operations asked of a service, newest first, with progress while they run.

use crate::i18n::{use_lang, use_texts};
use crate::model::JobStatus;
use crate::model::service_detail::OperationView;
use leptos::prelude::*;

#[component]
pub fn Operations(operations: Vec<OperationView>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    if operations.is_empty() {
        return ().into_any();
    }
    let items = operations
        .into_iter()
        .map(|op| {
            let running = op.status.is_unfinished();
            let tone = match op.status {
                JobStatus::Done => "badge badge--ok",
                JobStatus::Failed => "badge badge--danger",
                _ => "badge badge--warning",
            };
            let when = crate::format::date(op.requested_at.date_naive(), lang);
            let time = op.requested_at.format("%H:%M").to_string();
            view! {
                <li class="item" data-testid="operation" data-op=op.op.as_str() data-status=op.status.as_str()>
                    <p>
                        <strong>{t.services.operation(op.op)}</strong>
                        {op.argument.clone().map(|a| view! { " " <span class="muted">{a}</span> })}
                        " "
                        <span class=tone>{t.services.job(op.status)}</span>
                        " "
                        <span class="muted small">{when} " " {time} " UTC"</span>
                    </p>
                    {running.then(|| view! {
                        <progress max="100" value=op.progress aria-label=t.services.operation(op.op)>
                            {(t.services.percent_done)(op.progress)}
                        </progress>
                        " "
                        <span class="small">{(t.services.percent_done)(op.progress)}</span>
                    })}
                    {op.error.as_deref().map(|code| view! { <p class="text-danger small">{t.services.reason(code)}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="box" aria-labelledby="operations-title" data-testid="operations">
            <h2 class="box-title" id="operations-title">{t.services.section_operations}</h2>
            <ul class="item-list">{items}</ul>
        </section>
    }
    .into_any()
}
