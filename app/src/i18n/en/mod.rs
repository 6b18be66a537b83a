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
    lang_name: "English",
    skip_to_content: "Skip to content",
    main_navigation: "Main navigation",
    nav_dashboard: "Dashboard",
    nav_services: "Services",
    log_out: "Log out",
    language: "Language",
    switch_language: "Switch",
    footer_note: "Portico client area",
    sign_in_title: "Sign in",
    sign_in: "Sign in",
    too_many_attempts: "Too many sign-in attempts. Please try again later.",
    busy: "The server is busy right now. Please try again in a moment.",
    session_expired: "Please sign in to continue.",
    col_document: "Document",
    col_name: "Name",
    col_number: "Number",
    col_actions: "Actions",
    renew: "Renew",
    days_left: |d| match d {
        0 => "today".to_string(),
        1 => "in 1 day".to_string(),
        d if d < 0 => "expired".to_string(),
        d => format!("in {d} days"),
    },
    new_order: "Place a new order",
    view_addons: "View available addons",
    col_status: "Status",
    manage: "Manage",
    nav_invoices: "Invoices",
    open_ticket: "Open a ticket",
    pagination: "Pages",
    previous_page: "Previous",
    next_page: "Next",
    page_of: |page, pages| format!("Page {page} of {pages}"),
    not_found_title: "Page not found",
    not_found_body: "The page you asked for does not exist or is not yours to see.",
    error_title: "Something went wrong",
    error_body: "We could not complete your request. Nothing was lost; please try again.",
    error_reference: "Reference",
    error_invalid: "Please check what you entered.",
    error_conflict: "This was changed in the meantime. Please reload the page.",
    back_to_dashboard: "Back to the dashboard",
    loading: "Loading…",
    tab_details: "Details",
    nav_orders: "Orders",
    order_actions_for: |number| format!("Actions for order {number}"),
    err_not_now: "This cannot be done in the service's current state, or another operation is still running. The page now shows the current state.",
    section_lines: "Items",
    col_description: "Description",
    col_quantity: "Quantity",
    col_unit_price: "Unit price",
    col_net: "Net",
    col_vat_rate: "VAT rate",
    col_vat: "VAT",
    col_gross: "Gross",
    reverse_charge_note: "Reverse charge: VAT to be accounted for by the recipient (Article 196 of Directive 2006/112/EC).",
};
