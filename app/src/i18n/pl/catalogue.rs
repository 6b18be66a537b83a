use crate::i18n::catalogue::CatalogueTexts;

pub const TEXTS: CatalogueTexts = CatalogueTexts {
    order_title: "Nowe zamówienie",
    order_lead: "Wybierz produkt i okres, dodaj go do koszyka, a gdy skończysz, złóż zamówienie. Ceny zawierają VAT.",
    group_domains: "Domeny",
    group_hosting: "Hosting",
    group_ssl: "Certyfikaty SSL",
    group_servers: "Serwery",
    group_storage: "Przestrzeń archiwalna",
    domains_note: "Roczna cena domeny w każdym rozszerzeniu. Domenę zamawia się krok po kroku, zaczynając od sprawdzenia, czy nazwa jest wolna.",
    label_period: "Okres",
    period_price: |period, price| format!("{period}: {price}"),
    label_os: "System operacyjny",
    label_datacentre: "Centrum danych",
    label_domain: "Nazwa domeny",
    domain_hint: "Domena, dla której zamawiasz usługę, np. example.com.",
    setup_fee_note: |amount| {
        format!("Opłata instalacyjna {amount} (netto) przy pierwszym okresie, wliczona w cenę.")
    },
    setup_fee_line: "Opłata instalacyjna",
    add_to_cart: "Dodaj do koszyka",
    add_named: |name| format!("Dodaj {name} do koszyka"),
    added: "Dodano do koszyka.",
    addons_link: "Dodatki do Twoich usług",
    addons_title: "Dodatki",
    addons_lead: "Dodatki do usług, które już masz. Wybierz, do której usługi i na jak długo zamawiasz dodatek. Ceny zawierają VAT.",
    label_service: "Do usługi",
    no_fitting_service: "Tego dodatku nie można zamówić do żadnej z Twoich usług.",
    // A new service, as opposed to a renewal.
    new_tag: "Nowa",
    addon_for: |service| format!("Dodatek do usługi {service}"),
    line_not_offered: "Ten produkt nie jest już sprzedawany na ten okres. Usuń go z koszyka.",
    line_addon_unfit: "Tego dodatku nie można już zamówić do wybranej usługi. Usuń go z koszyka.",
    err_option_unknown: "Wybierz jedną z podanych opcji.",
    err_domain_required: "Podaj nazwę domeny, dla której zamawiasz usługę.",
    err_not_orderable: "Tego produktu nie można tutaj zamówić.",
};
