use crate::i18n::balance::BalanceTexts;

pub const TEXTS: BalanceTexts = BalanceTexts {
    title: "Credito",
    lead: "Il denaro che teniamo per Lei, nella Sua valuta. Paga una proforma quando la copre interamente.",
    current: "Credito attuale",
    col_date: "Data",
    col_movement: "Movimento",
    col_amount: "Importo",
    col_after: "Credito dopo",
    empty: "Ancora nessun movimento.",
    top_up: "Ricarica",
    payment: "Documento pagato",
    payment_credited: "Pagamento tenuto come credito",
    refund: "Rimborso",
    credit_note: "Nota di credito",
    top_up_heading: "Ricarica con carta",
    top_up_lead: "Aggiunga denaro al credito; con esso paga le proforma al momento del pagamento.",
    amount: "Importo",
    top_up_range: |min, max| format!("Da {min} a {max}."),
    top_up_by_card: "Ricarica con carta",
};
