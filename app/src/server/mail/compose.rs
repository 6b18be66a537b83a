//! What an e-mail says: one [`Letter`] per kind of message, written out as the plain-text
//! part and the HTML part of the same multipart message, so the two never say different
//! things.

use crate::format;
use crate::i18n::mail::{MailTexts, mail_texts};
use crate::model::balance::BALANCE_HREF;
use crate::model::payments::pay_href;
use crate::model::seller::Seller;
use crate::model::{InvoiceKind, Lang, Money};
use crate::server::entities::invoices;
use chrono::NaiveDate;

/// A message ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The parts every message has, in order.
struct Letter<'a> {
    subject: String,
    greeting: String,
    paragraphs: Vec<String>,
    /// A button in HTML, a bare address in text.
    action: Option<(&'a str, String)>,
    sign_off: &'a str,
    signature: &'a str,
    footer: &'a str,
}

/// Who the message is for and where its links lead.
pub struct Addressee<'a> {
    pub name: &'a str,
    pub lang: Lang,
    /// `https://portal.example.com`: links in e-mails must be absolute.
    pub origin: &'a str,
}

/// The message for `document`: for a proforma, what to pay by when and how; for a final
/// invoice, the receipt of the payment; for a credit note, what went back to the balance.
/// `None` for a quote, which is downloaded, never mailed.
pub fn document(
    to: &Addressee<'_>,
    seller: &Seller,
    document: &invoices::Model,
) -> Option<Composed> {
    let t = mail_texts(to.lang);
    let amount = format::money(Money::new(document.total_minor, document.currency), to.lang);
    let number = document.number.as_str();
    let origin = to.origin.trim_end_matches('/');
    let attached = (t.attached)(&attachment_name(document));
    let letter = match document.kind {
        InvoiceKind::Proforma => {
            let due = format::date(document.due_date, to.lang);
            Letter {
                subject: (t.proforma_subject)(number, &amount, &due),
                paragraphs: vec![
                    (t.proforma_lead)(number, &amount, &due),
                    (t.proforma_transfer)(&amount, &seller.iban, number),
                    attached,
                ],
                action: Some((t.pay_now, format!("{origin}{}", pay_href(document.id)))),
                ..letter(t, to, seller)
            }
        }
        InvoiceKind::Invoice => Letter {
            subject: (t.receipt_subject)(number),
            paragraphs: vec![(t.receipt_lead)(&amount, number), attached],
            action: Some((t.view_invoice, format!("{origin}/invoices/{}", document.id))),
            ..letter(t, to, seller)
        },
        InvoiceKind::CreditNote => {
            // The note's amounts are negative; what the customer gets back is not.
            let credited = Money::new(-document.total_minor, document.currency);
            let credited = format::money(credited, to.lang);
            Letter {
                subject: (t.credit_note_subject)(number),
                paragraphs: vec![(t.credit_note_lead)(number, &credited), attached],
                action: Some((t.view_balance, format!("{origin}{BALANCE_HREF}"))),
                ..letter(t, to, seller)
            }
        }
        InvoiceKind::Quote => return None,
    };
    Some(write(&letter))
}

/// A service whose due date comes, as a reminder names it.
pub struct Renewable<'a> {
    /// "VPS M (app.kovacs.hu)", or a domain's name.
    pub label: &'a str,
    pub due: NaiveDate,
    pub days_left: i64,
    /// Automatic renewal is on: the reminder says what it will do.
    pub auto_renew: bool,
}

/// The renewal reminder (seed 000): what expires when, that only a renewal paid by then keeps
/// it, and a button to the service's renewal page (`renew_path`).
pub fn renewal_reminder(
    to: &Addressee<'_>,
    seller: &Seller,
    service: &Renewable<'_>,
    renew_path: &str,
) -> Composed {
    let t = mail_texts(to.lang);
    let due = format::date(service.due, to.lang);
    let origin = to.origin.trim_end_matches('/');
    write(&Letter {
        subject: (t.reminder_subject)(service.label, &due),
        paragraphs: [
            Some((t.reminder_lead)(service.label, &due, service.days_left)),
            service.auto_renew.then(|| t.reminder_auto.to_owned()),
            Some(t.reminder_how.to_owned()),
        ]
        .into_iter()
        .flatten()
        .collect(),
        action: Some((t.renew_now, format!("{origin}{renew_path}"))),
        ..letter(t, to, seller)
    })
}

/// Automatic renewal could not be paid (seed 002): the balance, what the renewal needs, what
/// happens next, and a button to the renewal page to pay otherwise.
pub fn auto_renewal_not_covered(
    to: &Addressee<'_>,
    seller: &Seller,
    service: &str,
    due: NaiveDate,
    (balance, needed): (Money, Money),
    renew_path: &str,
) -> Composed {
    let t = mail_texts(to.lang);
    let due = format::date(due, to.lang);
    let origin = to.origin.trim_end_matches('/');
    let (balance, needed) = (format::money(balance, to.lang), format::money(needed, to.lang));
    write(&Letter {
        subject: (t.auto_renew_subject)(service),
        paragraphs: vec![
            (t.auto_renew_lead)(service, &due, &balance, &needed),
            t.reminder_how.to_owned(),
        ],
        action: Some((t.renew_now, format!("{origin}{renew_path}"))),
        ..letter(t, to, seller)
    })
}

/// The file name of the attached PDF, as the download from the portal names it.
pub fn attachment_name(document: &invoices::Model) -> String {
    format!("{}.pdf", document.number)
}

fn letter<'a>(t: &'a MailTexts, to: &Addressee<'_>, seller: &'a Seller) -> Letter<'a> {
    Letter {
        subject: String::new(),
        greeting: (t.greeting)(to.name),
        paragraphs: Vec::new(),
        action: None,
        sign_off: t.sign_off,
        signature: &seller.name,
        footer: t.why,
    }
}

fn write(letter: &Letter<'_>) -> Composed {
    let mut text = format!("{}\n\n", letter.greeting);
    let mut html = String::from(
        "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\">",
    );
    html.push_str(&format!("<p>{}</p>", escape(&letter.greeting)));
    for paragraph in &letter.paragraphs {
        text.push_str(&format!("{paragraph}\n\n"));
        html.push_str(&format!("<p>{}</p>", escape(paragraph)));
    }
    if let Some((label, url)) = &letter.action {
        text.push_str(&format!("{label}: {url}\n\n"));
        html.push_str(&format!(
            "<p><a href=\"{}\" style=\"display:inline-block;padding:10px 18px;background:#1f4fd1;\
             color:#fff;text-decoration:none;border-radius:6px\">{}</a></p>",
            escape(url),
            escape(label)
        ));
    }
    text.push_str(&format!(
        "{}\n{}\n\n-- \n{}\n",
        letter.sign_off, letter.signature, letter.footer
    ));
    html.push_str(&format!(
        "<p>{}<br>{}</p><hr><p style=\"font-size:12px;color:#555\">{}</p></body></html>",
        escape(letter.sign_off),
        escape(letter.signature),
        escape(letter.footer)
    ));
    Composed { subject: letter.subject.clone(), text, html }
}

/// Text into HTML: the five characters that could end an element or an attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Currency, InvoiceStatus};
    use chrono::NaiveDate;

    fn proforma() -> invoices::Model {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        invoices::Model {
            id: 7,
            customer_id: 1,
            kind: InvoiceKind::Proforma,
            series: "DBK".into(),
            year: 2026,
            seq: 5,
            number: "DBK26-00005".into(),
            status: InvoiceStatus::Unpaid,
            currency: Currency::Huf,
            net_minor: 10_000,
            tax_minor: 2_700,
            total_minor: 12_700,
            reverse_charge: false,
            issue_date: day,
            due_date: day + chrono::Duration::days(8),
            paid_at: None,
            proforma_id: None,
            order_id: None,
            created_at: day.and_hms_opt(9, 0, 0).unwrap().and_utc(),
            credits_invoice_id: None,
        }
    }

    #[test]
    fn a_proforma_says_what_to_pay_by_when_in_the_customers_language() {
        let to = Addressee { name: "Kovács <Kft>", lang: Lang::Hu, origin: "https://p.example/" };
        let mail = document(&to, &Seller::example(), &proforma()).unwrap();
        assert_eq!(
            mail.subject,
            "DBK26-00005 díjbekérő: 12\u{a0}700\u{a0}Ft, fizetési határidő 2026. 12. 09."
        );
        assert!(mail.text.contains("https://p.example/invoices/7/pay"), "{}", mail.text);
        assert!(mail.text.contains("HU42 1177 3016"), "{}", mail.text);
        // The name is escaped in HTML and plain in text.
        assert!(mail.html.contains("Tisztelt Kovács &lt;Kft&gt;!"), "{}", mail.html);
        assert!(mail.text.starts_with("Tisztelt Kovács <Kft>!"));
        assert!(mail.html.contains("href=\"https://p.example/invoices/7/pay\""));
    }

    #[test]
    fn a_final_invoice_is_a_receipt_linking_its_pdf() {
        let invoice = invoices::Model {
            kind: InvoiceKind::Invoice,
            number: "VRS26-00042".into(),
            id: 9,
            ..proforma()
        };
        let to = Addressee { name: "Anna", lang: Lang::De, origin: "http://127.0.0.1:3000" };
        let mail = document(&to, &Seller::example(), &invoice).unwrap();
        assert_eq!(mail.subject, "Zahlung erhalten: Rechnung VRS26-00042");
        assert!(mail.text.contains("VRS26-00042.pdf"));
        assert!(mail.text.contains("http://127.0.0.1:3000/invoices/9\n"), "{}", mail.text);
    }

    #[test]
    fn a_credit_note_says_what_went_back_to_the_balance() {
        let note = invoices::Model {
            kind: InvoiceKind::CreditNote,
            number: "STO26-00001".into(),
            total_minor: -12_700,
            ..proforma()
        };
        let to = Addressee { name: "Jan", lang: Lang::Pl, origin: "http://x" };
        let mail = document(&to, &Seller::example(), &note).unwrap();
        assert_eq!(mail.subject, "Faktura korygująca STO26-00001");
        assert!(mail.text.contains("kwota 12\u{a0}700\u{a0}Ft"), "{}", mail.text);
        assert!(!mail.text.contains("-12"), "a refund is said as a positive amount: {}", mail.text);
        assert!(mail.text.contains("http://x/balance\n"), "{}", mail.text);
    }

    #[test]
    fn quotes_are_never_mailed() {
        let quote = invoices::Model { kind: InvoiceKind::Quote, ..proforma() };
        let to = Addressee { name: "Anna", lang: Lang::En, origin: "http://x" };
        assert_eq!(document(&to, &Seller::example(), &quote), None);
    }
}
