use crate::i18n::catalogue::CatalogueTexts;

pub const TEXTS: CatalogueTexts = CatalogueTexts {
    order_title: "Új megrendelés",
    order_lead: "Válasszon terméket és időtartamot, tegye a kosárba, majd amikor elkészült, adja le a megrendelést. Az árak tartalmazzák az áfát.",
    group_domains: "Domainek",
    group_hosting: "Webtárhely",
    group_ssl: "SSL-tanúsítványok",
    group_servers: "Szerverek",
    group_storage: "Archív tárhely",
    domains_note: "A domainek éves díja végződésenként. A domain megrendelése lépésenként történik: először ellenőrizzük, hogy a név szabad-e.",
    label_period: "Időtartam",
    period_price: |period, price| format!("{period}: {price}"),
    label_os: "Operációs rendszer",
    label_datacentre: "Adatközpont",
    label_domain: "Domainnév",
    domain_hint: "Az a domain, amelyhez a szolgáltatást rendeli, például example.com.",
    setup_fee_note: |amount| {
        format!("Az első időszak ára tartalmazza a beállítási díjat: {amount} (nettó).")
    },
    setup_fee_line: "Beállítási díj",
    add_to_cart: "Kosárba",
    add_named: |name| format!("{name} kosárba tétele"),
    added: "Bekerült a kosárba.",
    addons_link: "Kiegészítők a szolgáltatásaihoz",
    addons_title: "Kiegészítők",
    addons_lead: "Kiegészítők meglévő szolgáltatásaihoz. Válassza ki, melyik szolgáltatásához és mennyi időre rendeli a kiegészítőt. Az árak tartalmazzák az áfát.",
    label_service: "Szolgáltatás",
    no_fitting_service: "Ez a kiegészítő egyik szolgáltatásához sem rendelhető.",
    new_tag: "Új",
    // No suffix on the service name: "Kiegészítő ehhez: VPS M (app.kovacs.hu)".
    addon_for: |service| format!("Kiegészítő ehhez: {service}"),
    line_not_offered: "Ez a termék erre az időtartamra már nem rendelhető. Kérjük, törölje a kosárból.",
    line_addon_unfit: "Ez a kiegészítő már nem rendelhető ahhoz a szolgáltatáshoz, amelyhez választotta. Kérjük, törölje a kosárból.",
    err_option_unknown: "Kérjük, válasszon a felsorolt lehetőségek közül.",
    err_domain_required: "Kérjük, adja meg a domainnevet, amelyhez a szolgáltatást rendeli.",
    err_not_orderable: "Ez a termék itt nem rendelhető meg.",
};
