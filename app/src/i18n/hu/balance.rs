use crate::i18n::balance::BalanceTexts;

pub const TEXTS: BalanceTexts = BalanceTexts {
    title: "Egyenleg",
    lead: "Az Ön javára nálunk tartott összeg, az Ön pénznemében. Egy díjbekérőt akkor fizet ki, ha teljes egészében fedezi.",
    current: "Jelenlegi egyenleg",
    col_date: "Dátum",
    col_movement: "Mozgás",
    col_amount: "Összeg",
    col_after: "Egyenleg utána",
    empty: "Még nincs mozgás.",
    top_up: "Feltöltés",
    payment: "Bizonylat kifizetése",
    payment_credited: "Egyenlegre írt befizetés",
    refund: "Visszatérítés",
    credit_note: "Jóváíró számla",
    top_up_heading: "Feltöltés bankkártyával",
    top_up_lead: "Töltsön pénzt az egyenlegére; ebből a fizetési lépésnél díjbekérőket fizethet.",
    amount: "Összeg",
    top_up_range: |min, max| format!("{min} és {max} között."),
    top_up_by_card: "Feltöltés bankkártyával",
};
