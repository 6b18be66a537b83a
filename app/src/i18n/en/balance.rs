use crate::i18n::balance::BalanceTexts;

pub const TEXTS: BalanceTexts = BalanceTexts {
    title: "Balance",
    lead: "Money we hold for you, in your currency. It pays a proforma whole when it covers it.",
    current: "Balance now",
    col_date: "Date",
    col_movement: "Movement",
    col_amount: "Amount",
    col_after: "Balance after",
    empty: "No movements yet.",
    top_up: "Top-up",
    payment: "Document paid",
    payment_credited: "Payment kept as balance",
    refund: "Refund",
    credit_note: "Credit note",
    top_up_heading: "Top up by card",
    top_up_lead: "Add money to your balance; it pays your proformas from the payment step.",
    amount: "Amount",
    top_up_range: |min, max| format!("From {min} to {max}."),
    top_up_by_card: "Top up by card",
};
