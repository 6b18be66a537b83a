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
    lang_name: "Deutsch",
    skip_to_content: "Zum Inhalt springen",
    main_navigation: "Hauptnavigation",
    nav_dashboard: "Übersicht",
    nav_services: "Dienste",
    log_out: "Abmelden",
    language: "Sprache",
    switch_language: "Wechseln",
    footer_note: "Portico-Kundenbereich",
    sign_in_title: "Anmelden",
    sign_in: "Anmelden",
    too_many_attempts: "Zu viele Anmeldeversuche. Bitte versuchen Sie es später erneut.",
    busy: "Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
    session_expired: "Bitte melden Sie sich an, um fortzufahren.",
    col_document: "Dokument",
    col_name: "Name",
    col_number: "Nummer",
    col_actions: "Aktionen",
    renew: "Verlängern",
    days_left: |d| match d {
        0 => "heute".to_string(),
        1 => "in 1 Tag".to_string(),
        d if d < 0 => "abgelaufen".to_string(),
        d => format!("in {d} Tagen"),
    },
    new_order: "Neue Bestellung aufgeben",
    view_addons: "Verfügbare Zusatzoptionen anzeigen",
    col_status: "Status",
    manage: "Verwalten",
    nav_invoices: "Rechnungen",
    open_ticket: "Ticket eröffnen",
    pagination: "Seiten",
    previous_page: "Zurück",
    next_page: "Weiter",
    page_of: |page, pages| format!("Seite {page} von {pages}"),
    not_found_title: "Seite nicht gefunden",
    not_found_body: "Die angeforderte Seite existiert nicht oder Sie haben keinen Zugriff darauf.",
    error_title: "Ein Fehler ist aufgetreten",
    error_body: "Ihre Anfrage konnte nicht abgeschlossen werden. Es ist nichts verloren gegangen; bitte versuchen Sie es erneut.",
    error_reference: "Referenz",
    error_invalid: "Bitte überprüfen Sie Ihre Eingaben.",
    error_conflict: "Dies wurde zwischenzeitlich geändert. Bitte laden Sie die Seite neu.",
    back_to_dashboard: "Zurück zur Übersicht",
    loading: "Wird geladen…",
    tab_details: "Details",
    nav_orders: "Aufträge",
    order_actions_for: |number| format!("Aktionen für Auftrag {number}"),
    err_not_now: "Dies ist im aktuellen Zustand des Dienstes nicht möglich, oder ein anderer Vorgang läuft noch. Die Seite zeigt jetzt den aktuellen Zustand.",
    section_lines: "Positionen",
    col_description: "Beschreibung",
    col_quantity: "Menge",
    col_unit_price: "Einzelpreis",
    col_net: "Netto",
    col_vat_rate: "USt.-Satz",
    col_vat: "USt.",
    col_gross: "Brutto",
    reverse_charge_note: "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 der Richtlinie 2006/112/EG).",
};
