//! Archive storage (seed 003), hosting and SSL certificates: what they are, their usage, the
//! panel link, and their renewal.

use super::detail::Actions;
use super::renewal::Renewal;
use crate::components::errors::ActionError;
use crate::components::facts::fact;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::service_detail::{HostingInfo, ServiceDetail, SslInfo, StorageInfo};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// A usage bar: red above the warning share (seed 003: 70 % of the space).
#[component]
fn UsageBar(percent: i64, warning: bool, label: String) -> impl IntoView {
    // An SVG rect: its width is an attribute, which the CSP allows (inline styles it does not).
    let width = percent.clamp(0, 100);
    view! {
        <div class="usage" data-testid="usage" data-percent=percent data-warning=warning.to_string()>
            <svg
                class="usage-bar"
                viewBox="0 0 100 4"
                preserveAspectRatio="none"
                role="meter"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=percent
                aria-label=label.clone()
            >
                <rect class=if warning { "usage-fill usage-fill--danger" } else { "usage-fill" } x="0" y="0" width=width height="4"></rect>
            </svg>
            <span class:text-danger=warning>{label}</span>
        </div>
    }
}

fn panel_link(url: String, label: &'static str) -> impl IntoView {
    view! {
        <a class="btn btn--secondary btn--small" href=url target="_blank" rel="noopener noreferrer">
            {label}
        </a>
    }
}

#[component]
pub fn Storage(detail: ServiceDetail, info: StorageInfo, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let percent = info.percent_used();
    let total_gb = info.total_mb / 1024;
    view! {
        <div class="detail-grid">
            <section class="box" aria-labelledby="storage-title" data-testid="storage">
                <h2 class="box-title" id="storage-title">{t.services.section_configuration}</h2>
                <dl class="facts">
                    {fact(t.services.label_panel_username, view! { <code>{info.panel_username.clone()}</code> })}
                    {fact(
                        t.services.label_space_used,
                        view! { <UsageBar percent warning=info.space_warning() label=(t.services.space_of)(percent, total_gb)/> },
                    )}
                </dl>
                <div class="button-row">
                    {(!info.panel_url.is_empty()).then(|| panel_link(info.panel_url.clone(), t.services.open_panel))}
                    <ActionForm action=actions.increase_space>
                        <input type="hidden" name="id" value=detail.id/>
                        <button type="submit" class="btn btn--secondary btn--small" data-testid="increase-space">
                            {t.services.increase_space}
                        </button>
                    </ActionForm>
                </div>
                <ActionError action=actions.increase_space/>
            </section>
            <Renewal detail actions/>
        </div>
    }
}

#[component]
pub fn Hosting(detail: ServiceDetail, info: HostingInfo, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let percent =
        if info.disk_total_mb > 0 { info.disk_used_mb * 100 / info.disk_total_mb } else { 0 };
    // Hosting has no rule in the seeds; a nearly full disk is what stops a site.
    let disk_full = percent > 90;
    let label = format!(
        "{} / {}",
        (t.services.gigabytes)(info.disk_used_mb / 1024),
        (t.services.gigabytes)(info.disk_total_mb / 1024)
    );
    view! {
        <div class="detail-grid">
            <section class="box" aria-labelledby="hosting-title" data-testid="hosting">
                <h2 class="box-title" id="hosting-title">{t.services.section_configuration}</h2>
                <dl class="facts">
                    {fact(t.services.label_plan, info.plan.clone())}
                    {detail.domain.clone().map(|d| fact(t.services.label_domain, d))}
                    {(info.disk_total_mb > 0).then(|| fact(
                        t.services.label_disk_usage,
                        view! { <UsageBar percent warning=disk_full label/> },
                    ))}
                    {fact(t.services.label_traffic_used, (t.services.gigabytes)(info.traffic_used_gb))}
                </dl>
                <div class="button-row">
                    {info.panel_url.clone().map(|url| panel_link(url, t.services.open_panel))}
                </div>
            </section>
            <Renewal detail actions/>
        </div>
    }
}

#[component]
pub fn Ssl(detail: ServiceDetail, info: SslInfo, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <div class="detail-grid">
            <section class="box" aria-labelledby="ssl-title" data-testid="ssl">
                <h2 class="box-title" id="ssl-title">{t.services.section_configuration}</h2>
                <dl class="facts">
                    {detail.domain.clone().map(|d| fact(t.services.label_domain, d))}
                    {(!info.issuer.is_empty()).then(|| fact(t.services.label_issuer, info.issuer.clone()))}
                    {info.valid_from.map(|d| fact(t.services.label_valid_from, format::date(d, lang)))}
                    {detail.expires_on.map(|d| fact(t.services.label_valid_until, format::date(d, lang)))}
                </dl>
            </section>
            <Renewal detail actions/>
        </div>
    }
}
