//! Servers, VPS and dedicated (seed 002): configuration, access data on request, power
//! actions, the IP-KVM console, reinstall, and the network tab with the reverse DNS editor.

use super::detail::Actions;
use super::editor::ReverseDnsEditor;
use super::operations::Operations;
use super::renewal::Renewal;
use super::reveal::AccessReveal;
use crate::api::services::RequestOperation;
use crate::components::confirm::Confirm;
use crate::components::errors::{ActionError, entry_or_refused};
use crate::components::facts::fact;
use crate::i18n::use_texts;
use crate::model::server_rules::{POWER_ACTIONS, power_transition};
use crate::model::service_detail::{ServerInfo, ServiceDetail};
use crate::model::{Operation, PowerState};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn Details(detail: ServiceDetail, info: ServerInfo, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let power = info.power.unwrap_or(PowerState::Running);
    let power_tone = match power {
        PowerState::Running => "badge badge--ok",
        PowerState::Installing => "badge badge--warning",
        PowerState::Disabled | PowerState::Blocked => "badge badge--danger",
    };
    // Until the data centre has set a new server up there is nothing to log in to, power or
    // reinstall: the page says so and follows the set-up.
    let installing = power == PowerState::Installing;
    view! {
        <div class="detail-grid">
            <section class="box" aria-labelledby="config-title" data-testid="configuration">
                <h2 class="box-title" id="config-title">{t.services.section_configuration}</h2>
                <dl class="facts">
                    // The address and the size come with the set-up: until then there is
                    // nothing to show but the system chosen.
                    {(!installing).then(|| view! {
                        {fact(t.services.label_ip, info.ip.clone())}
                        {fact(t.services.label_cpu, info.cpu.to_string())}
                        {fact(t.services.label_ram, (t.services.gigabytes)(i64::from(info.ram_gb)))}
                        {fact(t.services.label_disk, (t.services.gigabytes)(i64::from(info.disk_gb)))}
                    })}
                    {fact(t.services.label_os, view! { <span data-testid="os">{info.os.clone()}</span> })}
                    {fact(
                        t.services.label_power,
                        view! {
                            <span class=power_tone data-testid="power" data-power=power.as_str()>
                                {t.services.power(power)}
                            </span>
                        },
                    )}
                </dl>
                {installing.then(|| view! {
                    <p class="notice" data-testid="installing">{t.services.installing_note}</p>
                })}
            </section>
            {(!installing).then(|| view! { <Controls detail=detail.clone() info=info.clone() actions/> })}
            <Operations operations=detail.operations.clone()/>
            <Renewal detail=detail.clone() actions/>
        </div>
    }
}

/// What a customer does with a server that is set up: access data, power, the console and a
/// reinstall.
#[component]
fn Controls(detail: ServiceDetail, info: ServerInfo, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let power = info.power.unwrap_or(PowerState::Running);
    let busy = detail.busy();
    view! {
        <Access id=detail.id/>
        <section class="box" aria-labelledby="power-title" data-testid="power-actions">
            <h2 class="box-title" id="power-title">{t.services.section_power}</h2>
            {busy.then(|| view! { <p class="notice" data-testid="busy">{t.services.busy_note}</p> })}
            <ul class="action-links">
                {POWER_ACTIONS
                    .iter()
                    .filter(|op| power_transition(**op, power).is_some())
                    .map(|op| view! {
                        <li><Confirmed id=detail.id op=*op disabled=busy action=actions.operation/></li>
                    })
                    .collect_view()}
            </ul>
            <ActionError action=actions.operation/>
        </section>
        {info.kvm_url.clone().map(|url| view! {
            <section class="box" aria-labelledby="kvm-title" data-testid="kvm">
                <h2 class="box-title" id="kvm-title">{t.services.section_kvm}</h2>
                <p>
                    <a class="btn btn--secondary btn--small" href=url target="_blank" rel="noopener noreferrer">
                        {t.services.open_kvm}
                    </a>
                </p>
                <p class="muted small">{t.services.access_logged_note}</p>
            </section>
        })}
        <Reinstall id=detail.id images=info.os_images.clone() current=info.os.clone() busy action=actions.operation/>
    }
}

/// A power action behind a confirmation (a disclosure, so it works without JavaScript).
#[component]
fn Confirmed(
    id: i64,
    op: Operation,
    disabled: bool,
    action: ServerAction<RequestOperation>,
) -> impl IntoView {
    let t = use_texts();
    let question = format!("confirm-{}", op.as_str());
    let danger = matches!(op, Operation::Disable | Operation::Block);
    let tone = if danger { "btn btn--danger btn--small" } else { "btn btn--secondary btn--small" };
    if disabled {
        return view! {
            <button type="button" class=tone disabled=true>{t.services.operation(op)}</button>
        }
        .into_any();
    }
    view! {
        <Confirm
            id=question
            tone
            summary=t.services.operation(op).into_any()
            question=t.services.confirm_server_action
            test_id=format!("op-{}", op.as_str())
        >
            <ActionForm action>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="op" value=op.as_str()/>
                <button type="submit" class=tone>{t.services.confirm} ": " {t.services.operation(op)}</button>
            </ActionForm>
        </Confirm>
    }
    .into_any()
}

/// Login data, fetched only when asked for; the server logs each request.
#[component]
fn Access(id: i64) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="box" aria-labelledby="access-title" data-testid="access">
            <h2 class="box-title" id="access-title">{t.services.section_access}</h2>
            <AccessReveal id/>
            <p class="muted small">{t.services.access_logged_note}</p>
        </section>
    }
}

#[component]
fn Reinstall(
    id: i64,
    images: Vec<String>,
    current: String,
    busy: bool,
    action: ServerAction<RequestOperation>,
) -> impl IntoView {
    let t = use_texts();
    let options = images
        .into_iter()
        .map(|image| {
            let selected = image == current;
            view! { <option value=image.clone() selected=selected>{image.clone()}</option> }
        })
        .collect_view();
    view! {
        <section class="box" aria-labelledby="reinstall-title" data-testid="reinstall">
            <h2 class="box-title" id="reinstall-title">{t.services.section_reinstall}</h2>
            <p class="muted small">{t.services.reinstall_warning}</p>
            <ActionForm action>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="op" value=Operation::Reinstall.as_str()/>
                <div class="filter-field">
                    <label for="reinstall-image">{t.services.label_image}</label>
                    <select id="reinstall-image" name="argument" disabled=busy>{options}</select>
                </div>
                <details class="confirm">
                    <summary class="btn btn--danger btn--small">{t.services.op_reinstall}</summary>
                    <div class="confirm-panel" role="group" aria-labelledby="reinstall-question">
                        <p id="reinstall-question">{t.services.reinstall_warning} " " {t.services.confirm_server_action}</p>
                        <button type="submit" class="btn btn--danger btn--small" disabled=busy>
                            {t.services.confirm} ": " {t.services.op_reinstall}
                        </button>
                    </div>
                </details>
            </ActionForm>
        </section>
    }
}

/// The network tab (seed 002 "Netzwerk"): addresses and the reverse DNS editor.
#[component]
pub fn Network(id: i64, info: ServerInfo, busy: bool) -> impl IntoView {
    let t = use_texts();
    let stored = info.reverse_dns.clone();
    // Back from a name refused without JavaScript: the editor shows it again with the reason.
    let (entry, refused) = entry_or_refused("hostname", stored.clone());
    view! {
        <section class="box" aria-labelledby="network-title" data-testid="network">
            <h2 class="box-title" id="network-title">{t.services.tab_network}</h2>
            // A server being set up has no address yet: the note stands in for the facts.
            {if info.power == Some(PowerState::Installing) {
                view! { <p class="notice" data-testid="installing">{t.services.installing_note}</p> }
                    .into_any()
            } else {
                view! {
                    <dl class="facts">
                        {fact(t.services.label_ip, info.ip.clone())}
                        {fact(t.services.label_netmask, info.netmask.clone())}
                        {fact(t.services.label_gateway, info.gateway.clone())}
                        {fact(t.services.label_mac, view! { <code>{info.mac.clone()}</code> })}
                        {fact(t.services.label_reverse_dns, view! { <span data-testid="reverse-dns">{stored.clone()}</span> })}
                    </dl>
                    {busy.then(|| view! { <p class="notice" data-testid="busy">{t.services.busy_note}</p> })}
                    <ReverseDnsEditor id stored=entry busy refused/>
                }
                .into_any()
            }}
        </section>
    }
}
