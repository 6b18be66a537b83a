use crate::i18n::catalogue::CatalogueTexts;

pub const TEXTS: CatalogueTexts = CatalogueTexts {
    order_title: "Nuovo ordine",
    order_lead: "Scelga un prodotto e la durata, lo aggiunga al carrello e, quando vuole, confermi l'ordine. I prezzi includono l'IVA.",
    group_domains: "Domini",
    group_hosting: "Hosting web",
    group_ssl: "Certificati SSL",
    group_servers: "Server",
    group_storage: "Spazio di archiviazione",
    domains_note: "Il prezzo annuale di un dominio per ciascuna estensione. Un dominio si ordina in più passaggi, a cominciare dalla verifica che il nome sia libero.",
    label_period: "Durata",
    period_price: |period, price| format!("{period}: {price}"),
    label_os: "Sistema operativo",
    label_datacentre: "Data center",
    label_domain: "Nome di dominio",
    domain_hint: "Il dominio a cui è destinato, ad esempio example.com.",
    setup_fee_note: |amount| {
        format!(
            "Costo di attivazione di {amount} + IVA, addebitato con il primo periodo e già incluso nel prezzo."
        )
    },
    setup_fee_line: "Costo di attivazione",
    add_to_cart: "Aggiungi al carrello",
    add_named: |name| format!("Aggiungi {name} al carrello"),
    added: "Aggiunto al carrello.",
    addons_link: "Servizi aggiuntivi per i Suoi servizi",
    addons_title: "Servizi aggiuntivi",
    addons_lead: "Extra per i servizi che ha già. Scelga per quale servizio e per quanto tempo ordinare un servizio aggiuntivo. I prezzi includono l'IVA.",
    label_service: "Per il servizio",
    no_fitting_service: "Questo servizio aggiuntivo non è disponibile per nessuno dei Suoi servizi.",
    new_tag: "Nuovo",
    addon_for: |service| format!("Servizio aggiuntivo per {service}"),
    line_not_offered: "Questo prodotto non è più in vendita per questa durata. Lo rimuova dal carrello.",
    line_addon_unfit: "Questo servizio aggiuntivo non è più disponibile per il servizio scelto. Lo rimuova dal carrello.",
    err_option_unknown: "Scelga una delle opzioni elencate.",
    err_domain_required: "Inserisca il nome di dominio a cui è destinato.",
    err_not_orderable: "Questo prodotto non può essere ordinato qui.",
};
