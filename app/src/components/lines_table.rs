//! The lines of a priced document (an order, a proforma, an invoice): description, quantity,
//! unit price, net, VAT rate, VAT and gross per line, and the reverse-charge sentence when
//! the document carries one.

use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::money::PricedLine;
use leptos::prelude::*;

#[component]
pub fn LinesTable(lines: Vec<PricedLine>, reverse_charge: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let rows = lines
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <Cell label=t.col_description>{l.description}</Cell>
                    <Cell label=t.col_quantity class="amount">{l.quantity}</Cell>
                    <Cell label=t.col_unit_price class="amount">{format::money(l.unit_price, lang)}</Cell>
                    <Cell label=t.col_net class="amount">{format::money(l.net, lang)}</Cell>
                    <Cell label=t.col_vat_rate class="amount">{format::percent_bp(l.vat_rate_bp, lang)}</Cell>
                    <Cell label=t.col_vat class="amount">{format::money(l.vat, lang)}</Cell>
                    <Cell label=t.col_gross class="amount">{format::money(l.gross, lang)}</Cell>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption class="visually-hidden">{t.section_lines}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.col_description}</th>
                    <th scope="col" class="amount">{t.col_quantity}</th>
                    <th scope="col" class="amount">{t.col_unit_price}</th>
                    <th scope="col" class="amount">{t.col_net}</th>
                    <th scope="col" class="amount">{t.col_vat_rate}</th>
                    <th scope="col" class="amount">{t.col_vat}</th>
                    <th scope="col" class="amount">{t.col_gross}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {reverse_charge
            .then(|| view! { <p class="notice" data-testid="reverse-charge">{t.reverse_charge_note}</p> })}
    }
}
