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
    lang_name: "Magyar",
    skip_to_content: "Ugrás a tartalomra",
    main_navigation: "Főmenü",
    nav_dashboard: "Vezérlőpult",
    nav_services: "Szolgáltatások",
    log_out: "Kilépés",
    language: "Nyelv",
    switch_language: "Váltás",
    footer_note: "Portico ügyfélfelület",
    sign_in_title: "Bejelentkezés",
    sign_in: "Bejelentkezés",
    too_many_attempts: "Túl sok bejelentkezési kísérlet. Kérjük, próbálja újra később.",
    busy: "A kiszolgáló jelenleg túlterhelt. Kérjük, próbálja újra egy pillanat múlva.",
    session_expired: "A folytatáshoz kérjük, jelentkezzen be.",
    col_document: "Dokumentum",
    col_name: "Név",
    col_number: "Sorszám",
    col_actions: "Műveletek",
    renew: "Hosszabbítás",
    days_left: |d| match d {
        0 => "ma".to_string(),
        1 => "1 nap múlva".to_string(),
        d if d < 0 => "lejárt".to_string(),
        d => format!("{d} nap múlva"),
    },
    new_order: "Új megrendelés",
    view_addons: "Elérhető kiegészítők",
    col_status: "Állapot",
    manage: "Kezelés",
    nav_invoices: "Számlák",
    open_ticket: "Hibajegy nyitása",
    pagination: "Oldalak",
    previous_page: "Előző",
    next_page: "Következő",
    page_of: |page, pages| format!("{page}. oldal (összesen {pages})"),
    not_found_title: "Az oldal nem található",
    not_found_body: "A keresett oldal nem létezik, vagy nincs jogosultsága a megtekintéséhez.",
    error_title: "Hiba történt",
    error_body: "Nem sikerült teljesíteni a kérését. Semmi sem veszett el; kérjük, próbálja újra.",
    error_reference: "Hivatkozási azonosító",
    error_invalid: "Kérjük, ellenőrizze a megadott adatokat.",
    error_conflict: "Ezt időközben valaki módosította. Kérjük, töltse be újra az oldalt.",
    back_to_dashboard: "Vissza a vezérlőpultra",
    loading: "Betöltés…",
    tab_details: "Részletek",
    nav_orders: "Megrendelések",
    order_actions_for: |number| format!("Megrendelés {number}: műveletek"),
    err_not_now: "Ez a szolgáltatás jelenlegi állapotában nem hajtható végre, vagy még fut egy másik művelet. Az oldal most a jelenlegi állapotot mutatja.",
    section_lines: "Tételek",
    col_description: "Megnevezés",
    col_quantity: "Mennyiség",
    col_unit_price: "Egységár",
    col_net: "Nettó",
    col_vat_rate: "ÁFA-kulcs",
    col_vat: "ÁFA",
    col_gross: "Bruttó",
    reverse_charge_note: "Fordított adózás: az áfát a vevő fizeti (2006/112/EK irányelv 196. cikk).",
};
