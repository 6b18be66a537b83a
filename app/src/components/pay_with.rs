//! How to pay an order about to be made (seed 000): by card now (recommended, where cards are
//! taken) or by a proforma paid later. Radio buttons named `pay`, as `PayWith` reads them.

use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn PayWithChoice(
    /// Whether paying by card is offered; it is then chosen unless the customer picks the
    /// proforma.
    card: bool,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <fieldset class="choices" data-testid=(!test_id.is_empty()).then_some(test_id)>
            <legend>{t.services.label_pay_with}</legend>
            {card.then(|| view! {
                <label class="choice">
                    <input type="radio" name="pay" value="card" checked=true data-testid="pay-card"/>
                    <span class="choice-text">
                        <strong>{t.services.pay_card}</strong>
                        " " <span class="badge badge--ok">{t.services.recommended}</span>
                        <span class="muted small">{t.services.pay_card_note}</span>
                    </span>
                </label>
            })}
            <label class="choice">
                <input type="radio" name="pay" value="proforma" checked=!card data-testid="pay-proforma"/>
                <span class="choice-text">
                    <strong>{t.services.pay_proforma}</strong>
                    <span class="muted small">{t.services.pay_proforma_note}</span>
                </span>
            </label>
        </fieldset>
    }
}
