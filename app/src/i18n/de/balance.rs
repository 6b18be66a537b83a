use crate::i18n::balance::BalanceTexts;

pub const TEXTS: BalanceTexts = BalanceTexts {
    title: "Guthaben",
    lead: "Geld, das wir für Sie halten, in Ihrer Währung. Es bezahlt eine Proforma-Rechnung, wenn es sie ganz deckt.",
    current: "Guthaben jetzt",
    col_date: "Datum",
    col_movement: "Bewegung",
    col_amount: "Betrag",
    col_after: "Guthaben danach",
    empty: "Noch keine Bewegungen.",
    top_up: "Aufladung",
    payment: "Beleg bezahlt",
    payment_credited: "Zahlung als Guthaben behalten",
    refund: "Erstattung",
    credit_note: "Gutschrift",
    top_up_heading: "Mit Karte aufladen",
    top_up_lead: "Laden Sie Geld auf Ihr Guthaben; damit bezahlen Sie Proforma-Rechnungen im Zahlungsschritt.",
    amount: "Betrag",
    top_up_range: |min, max| format!("Von {min} bis {max}."),
    top_up_by_card: "Mit Karte aufladen",
};
