mod account;
mod balance;
mod cart;
mod catalogue;
mod dashboard;
mod domain_order;
mod invoices;
#[cfg(feature = "ssr")]
pub(crate) mod mail;
mod orders;
mod payments;
mod services;

use crate::i18n::Texts;

pub const TEXTS: Texts = Texts {
    account: &account::TEXTS,
    balance: &balance::TEXTS,
    cart: &cart::TEXTS,
    catalogue: &catalogue::TEXTS,
    dashboard: &dashboard::TEXTS,
    domain_order: &domain_order::TEXTS,
    services: &services::TEXTS,
    orders: &orders::TEXTS,
    invoices: &invoices::TEXTS,
    payments: &payments::TEXTS,
    lang_name: "Polski",
    skip_to_content: "Przejdź do treści",
    main_navigation: "Nawigacja główna",
    nav_dashboard: "Pulpit",
    nav_services: "Usługi",
    log_out: "Wyloguj",
    language: "Język",
    switch_language: "Zmień",
    footer_note: "Panel Klienta Portico",
    sign_in_title: "Logowanie",
    sign_in: "Zaloguj się",
    too_many_attempts: "Zbyt wiele prób logowania. Prosimy spróbować ponownie później.",
    busy: "Serwer jest w tej chwili przeciążony. Prosimy spróbować ponownie za chwilę.",
    session_expired: "Aby kontynuować, należy się zalogować.",
    col_document: "Dokument",
    col_name: "Nazwa",
    col_number: "Numer",
    col_actions: "Czynności",
    renew: "Odnów",
    // "dzień" only for exactly 1; every other count (2–4 and 5+ alike) takes "dni".
    days_left: |d| match d {
        0 => "dzisiaj".to_string(),
        1 => "za 1 dzień".to_string(),
        d if d < 0 => "termin minął".to_string(),
        d => format!("za {d} dni"),
    },
    new_order: "Złóż nowe zamówienie",
    view_addons: "Wyświetl dostępne dodatki",
    col_status: "Status",
    manage: "Zarządzaj",
    nav_invoices: "Faktury",
    open_ticket: "Otwórz zgłoszenie",
    pagination: "Strony",
    previous_page: "Poprzednia",
    next_page: "Następna",
    page_of: |page, pages| format!("Strona {page} z {pages}"),
    not_found_title: "Nie znaleziono strony",
    not_found_body: "Żądana strona nie istnieje lub brak uprawnień do jej wyświetlenia.",
    error_title: "Wystąpił błąd",
    error_body: "Nie udało się zrealizować żądania. Żadne dane nie zostały utracone; prosimy spróbować ponownie.",
    error_reference: "Numer referencyjny",
    error_invalid: "Prosimy sprawdzić wprowadzone dane.",
    error_conflict: "W międzyczasie wprowadzono zmiany. Prosimy odświeżyć stronę.",
    back_to_dashboard: "Powrót do pulpitu",
    loading: "Ładowanie…",
    tab_details: "Szczegóły",
    nav_orders: "Zamówienia",
    order_actions_for: |number| format!("Czynności: zamówienie {number}"),
    err_not_now: "Nie można tego wykonać w obecnym stanie usługi lub trwa jeszcze inna operacja. Strona pokazuje teraz aktualny stan.",
    section_lines: "Pozycje",
    col_description: "Opis",
    col_quantity: "Ilość",
    col_unit_price: "Cena jednostkowa",
    col_net: "Netto",
    col_vat_rate: "Stawka VAT",
    col_vat: "VAT",
    col_gross: "Brutto",
    reverse_charge_note: "Odwrotne obciążenie: VAT rozlicza nabywca (art. 196 dyrektywy 2006/112/WE).",
};
