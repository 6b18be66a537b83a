use crate::i18n::balance::BalanceTexts;

pub const TEXTS: BalanceTexts = BalanceTexts {
    title: "Saldo",
    lead: "Środki, które przechowujemy dla Ciebie, w Twojej walucie. Opłacają fakturę proforma, gdy pokrywają ją w całości.",
    current: "Saldo teraz",
    col_date: "Data",
    col_movement: "Operacja",
    col_amount: "Kwota",
    col_after: "Saldo po",
    empty: "Brak operacji.",
    top_up: "Doładowanie",
    payment: "Opłacony dokument",
    payment_credited: "Płatność zapisana na saldo",
    refund: "Zwrot",
    credit_note: "Faktura korygująca",
    top_up_heading: "Doładuj kartą",
    top_up_lead: "Dodaj środki do salda; opłacisz nimi faktury proforma na etapie płatności.",
    amount: "Kwota",
    top_up_range: |min, max| format!("Od {min} do {max}."),
    top_up_by_card: "Doładuj kartą",
};
