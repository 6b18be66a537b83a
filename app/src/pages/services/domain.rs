//! Domains: expiry and automatic renewal, nameservers (2-13 host names), the registrar's
//! transfer lock, the EPP code (requested from the registrar, then shown only on request, each
//! showing audit-logged), and the WHOIS contacts.

use super::detail::Actions;
use super::editor::NameserverEditor;
use super::operations::Operations;
use super::renewal::Renewal;
use super::reveal::EppReveal;
use crate::components::errors::{ActionError, entry_or_refused};
use crate::components::facts::fact;
use crate::i18n::use_texts;
use crate::model::Operation;
use crate::model::domain_order::DomainOrderKind;
use crate::model::service_detail::{DomainInfo, ServiceDetail};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn Domain(detail: ServiceDetail, info: DomainInfo, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let id = detail.id;
    let busy = detail.busy();
    // Back from a list refused without JavaScript: the editor shows it again with the reason.
    let (entry, refused) = entry_or_refused("nameservers", info.nameservers.join("\n"));
    let contacts = info
        .contacts
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <td data-label=t.services.col_role>{t.services.role(&c.role)}</td>
                    <td data-label=t.col_name>{c.name.clone()}</td>
                    <td data-label=t.services.col_email>{c.email.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="detail-grid">
            <section class="box" aria-labelledby="ns-title" data-testid="nameservers">
                <h2 class="box-title" id="ns-title">{t.services.section_nameservers}</h2>
                <ul class="plain-list" data-testid="nameserver-list">
                    {info.nameservers.iter().map(|ns| view! { <li><code>{ns.clone()}</code></li> }).collect_view()}
                </ul>
                {match info.arriving {
                    Some(kind) => {
                        let note = match kind {
                            DomainOrderKind::Registration => t.services.registering_note,
                            DomainOrderKind::Transfer => t.services.transferring_note,
                        };
                        view! { <p class="notice" data-testid="arriving">{note}</p> }.into_any()
                    }
                    None => view! {
                        {busy.then(|| view! { <p class="notice" data-testid="busy">{t.services.busy_note}</p> })}
                        <NameserverEditor id stored=entry busy refused/>
                    }
                    .into_any(),
                }}
            </section>
            // Nothing can be changed at the registry until the name is there.
            {info.arriving.is_none().then(|| view! {
                <Registry id locked=info.locked epp_code_ready=info.epp_code_ready busy actions/>
            })}
            <Operations operations=detail.operations.clone()/>
            <Renewal detail=detail.clone() actions/>
            <section class="box" aria-labelledby="whois-title" data-testid="whois">
                <h2 class="box-title" id="whois-title">{t.services.section_whois}</h2>
                <table class="table">
                    <caption class="visually-hidden">{t.services.section_whois}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.services.col_role}</th>
                            <th scope="col">{t.col_name}</th>
                            <th scope="col">{t.services.col_email}</th>
                        </tr>
                    </thead>
                    <tbody>{contacts}</tbody>
                </table>
            </section>
        </div>
    }
}

/// The transfer lock and the EPP code, for a name that is at the registry.
#[component]
fn Registry(
    id: i64,
    locked: bool,
    epp_code_ready: bool,
    busy: bool,
    actions: Actions,
) -> impl IntoView {
    let t = use_texts();
    let lock_op = if locked { Operation::Unlock } else { Operation::Lock };
    let simple_op = move |op: Operation, label: &'static str| {
        view! {
            <ActionForm action=actions.operation>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="op" value=op.as_str()/>
                <button type="submit" class="btn btn--secondary btn--small" disabled=busy data-testid=format!("op-{}", op.as_str())>
                    {label}
                </button>
            </ActionForm>
        }
    };
    view! {
        <section class="box" aria-labelledby="lock-title" data-testid="lock">
            <h2 class="box-title" id="lock-title">{t.services.label_lock}</h2>
            <dl class="facts">
                {fact(
                    t.services.label_lock,
                    view! {
                        <span class=if locked { "badge badge--ok" } else { "badge badge--warning" } data-testid="lock-state">
                            {if locked { t.services.lock_on } else { t.services.lock_off }}
                        </span>
                    },
                )}
            </dl>
            <div class="button-row">{simple_op(lock_op, t.services.operation(lock_op))}</div>
            <h3 class="box-subtitle">{t.services.section_epp}</h3>
            {if epp_code_ready {
                view! { <EppReveal id/> }.into_any()
            } else {
                simple_op(Operation::EppCode, t.services.op_epp_code).into_any()
            }}
            <p class="muted small">{t.services.epp_note}</p>
            <ActionError action=actions.operation/>
        </section>
    }
}
