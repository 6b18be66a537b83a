use super::Texts;

pub const TEXTS: Texts = Texts {
    m: &super::manage::pl::TEXTS,
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
    sign_in_lead: "Po zalogowaniu można zarządzać usługami, fakturami i zgłoszeniami do pomocy technicznej.",
    email: "Adres e-mail",
    password: "Hasło",
    sign_in: "Zaloguj się",
    invalid_credentials: "Nieprawidłowy adres e-mail lub hasło.",
    too_many_attempts: "Zbyt wiele prób logowania. Prosimy spróbować ponownie później.",
    sign_in_wait: |m| {
        format!(
            "Zbyt wiele prób logowania. Prosimy odczekać {m} {} i spróbować ponownie.",
            minutes(m)
        )
    },
    busy: "Serwer jest w tej chwili przeciążony. Prosimy spróbować ponownie za chwilę.",
    signed_out: "Wylogowano.",
    session_expired: "Aby kontynuować, należy się zalogować.",

    dashboard_title: "Pulpit",
    dashboard_lead: "Sprawy wymagające uwagi.",
    nothing_pending: "Obecnie nic nie wymaga uwagi.",
    box_abandoned_orders: "Niedokończone zamówienia",
    box_rejected_documents: "Odrzucone dokumenty",
    box_expiring_domains: "Domeny wygasające w ciągu 30 dni",
    box_expiring_hosting: "Hosting wygasający w ciągu 30 dni",
    box_expiring_ssl: "Certyfikaty SSL wygasające w ciągu 30 dni",
    box_unpaid_proformas: "Nieopłacone faktury proforma",
    col_order: "Zamówienie",
    col_step: "Przerwano na",
    col_last_change: "Ostatnia zmiana",
    col_document: "Dokument",
    col_reasons: "Powody odrzucenia",
    col_name: "Nazwa",
    col_expires: "Data wygaśnięcia",
    col_number: "Numer",
    col_amount: "Kwota",
    col_due_date: "Termin płatności",
    col_actions: "Czynności",
    continue_order: "Kontynuuj",
    delete: "Usuń",
    delete_order_question: "Usunąć to niedokończone zamówienie? Tej operacji nie można cofnąć.",
    delete_confirm: "Tak, usuń",
    renew: "Odnów",
    fix_and_resubmit: "Popraw i prześlij ponownie",
    overdue: "Po terminie",
    order_kind_domain_registration: "Rejestracja domeny",
    order_kind_domain_transfer: "Transfer domeny",
    order_kind_other: "Zamówienie",
    document_kind_hu_transfer: "Oświadczenie o transferze domeny .hu",
    document_kind_other: "Dokument",
    step_n: |n| format!("Krok {n}"),
    // "dzień" only for exactly 1; every other count (2–4 and 5+ alike) takes "dni".
    days_left: |d| match d {
        0 => "dzisiaj".to_string(),
        1 => "za 1 dzień".to_string(),
        d if d < 0 => "termin minął".to_string(),
        d => format!("za {d} dni"),
    },

    services_title: "Usługi",
    services_lead: "Wszystkie zakupione usługi.",
    services_actions: "Czynności",
    renew_services: "Odnów usługi",
    new_order: "Złóż nowe zamówienie",
    view_addons: "Wyświetl dostępne dodatki",
    filter_view: "Zobacz",
    filter_all: "Wszystkie",
    sort_by: "Sortuj według",
    show: "Pokaż",
    col_service: "Usługa",
    col_price: "Cena",
    col_next_due: "Data następnej płatności",
    col_status: "Status",
    no_due_date: "Brak",
    no_services: "Brak usług w tym widoku.",
    manage: "Zarządzaj",
    invoices: "Faktury",
    open_ticket: "Otwórz zgłoszenie",
    actions_for: |name| format!("Czynności: {name}"),
    pagination: "Strony",
    previous_page: "Poprzednia",
    next_page: "Następna",
    page_of: |page, pages| format!("Strona {page} z {pages}"),
    status_pending: "Oczekująca",
    status_active: "Aktywna",
    status_suspended: "Zawieszona",
    status_cancelled: "Anulowana",
    status_expired: "Wygasła",
    status_terminated: "Zakończona",
    cycle_monthly: "miesiąc",
    cycle_quarterly: "kwartał",
    cycle_semiannual: "pół roku",
    cycle_annual: "rok",
    cycle_biennial: "2 lata",
    cycle_triennial: "3 lata",

    not_found_title: "Nie znaleziono strony",
    not_found_body: "Żądana strona nie istnieje lub brak uprawnień do jej wyświetlenia.",
    error_title: "Wystąpił błąd",
    error_body: "Nie udało się zrealizować żądania. Żadne dane nie zostały utracone; prosimy spróbować ponownie.",
    error_reference: "Numer referencyjny",
    error_invalid: "Prosimy sprawdzić wprowadzone dane.",
    error_conflict: "W międzyczasie wprowadzono zmiany. Prosimy odświeżyć stronę.",
    back_to_dashboard: "Powrót do pulpitu",
    loading: "Ładowanie…",
};

/// "minuta" after a number, in the accusative ("odczekać 1 minutę"): 1 minutę; 2-4, 22-24,
/// 32-34 … minuty (but 12-14 minut); everything else minut.
fn minutes(n: i64) -> &'static str {
    let (last, last_two) = (n % 10, n % 100);
    if n == 1 {
        "minutę"
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        "minuty"
    } else {
        "minut"
    }
}
