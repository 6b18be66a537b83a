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
    lang_name: "Italiano",
    skip_to_content: "Vai al contenuto",
    main_navigation: "Navigazione principale",
    nav_dashboard: "Pannello di controllo",
    nav_services: "Servizi",
    log_out: "Esci",
    language: "Lingua",
    switch_language: "Cambia",
    footer_note: "Area Clienti Portico",
    sign_in_title: "Accesso",
    sign_in: "Accedi",
    too_many_attempts: "Troppi tentativi di accesso. Riprovi più tardi.",
    busy: "Il server è momentaneamente sovraccarico. Riprovi tra qualche istante.",
    session_expired: "Acceda per continuare.",
    col_document: "Documento",
    col_name: "Nome",
    col_number: "Numero",
    col_actions: "Azioni",
    renew: "Rinnova",
    days_left: |d| match d {
        0 => "oggi".to_string(),
        1 => "tra 1 giorno".to_string(),
        d if d < 0 => "scaduto".to_string(),
        d => format!("tra {d} giorni"),
    },
    new_order: "Effettua un nuovo ordine",
    view_addons: "Visualizza i servizi aggiuntivi disponibili",
    col_status: "Stato",
    manage: "Gestisci",
    nav_invoices: "Fatture",
    open_ticket: "Apri un ticket",
    pagination: "Pagine",
    previous_page: "Precedente",
    next_page: "Successiva",
    page_of: |page, pages| format!("Pagina {page} di {pages}"),
    not_found_title: "Pagina non trovata",
    not_found_body: "La pagina richiesta non esiste o non è accessibile con il Suo account.",
    error_title: "Si è verificato un errore",
    error_body: "Non è stato possibile completare la richiesta. Nessun dato è andato perso; riprovi.",
    error_reference: "Codice di riferimento",
    error_invalid: "Verifichi i dati inseriti.",
    error_conflict: "Il contenuto è stato modificato nel frattempo. Ricarichi la pagina.",
    back_to_dashboard: "Torna al pannello di controllo",
    loading: "Caricamento…",
    tab_details: "Dettagli",
    nav_orders: "Ordini",
    order_actions_for: |number| format!("Azioni per l'ordine {number}"),
    err_not_now: "Non è possibile nello stato attuale del servizio, oppure è ancora in corso un'altra operazione. La pagina ora mostra lo stato attuale.",
    section_lines: "Voci",
    col_description: "Descrizione",
    col_quantity: "Quantità",
    col_unit_price: "Prezzo unitario",
    col_net: "Imponibile",
    col_vat_rate: "Aliquota IVA",
    col_vat: "IVA",
    col_gross: "Totale",
    reverse_charge_note: "Inversione contabile: l'IVA è assolta dal destinatario (art. 196 della direttiva 2006/112/CE).",
};
