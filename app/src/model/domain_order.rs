//! A domain order in steps (seed 001 "new order", seed 000 "unfinished order"): the name is
//! searched first (free to register, or registered elsewhere and transferable), then the
//! period, the registrant's contact details, the nameservers, for a `.hu` transfer the
//! registry's declaration, and a review that puts it in the cart. Every answer is stored as
//! the customer leaves it (`carts`), so the dashboard can offer to continue at that step.
//!
//! Which steps an order has and where it continues are decided here, for the page and for
//! the use case alike.

use super::{DocumentStatus, Money, server_rules};
use serde::{Deserialize, Serialize};

/// Where an order in steps continues: the dashboard's "Continue" and every step's form lead
/// here.
pub fn continue_href(id: i64) -> String {
    format!("/orders/continue/{id}")
}

/// Registering a free name, or transferring one registered elsewhere (`carts.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DomainOrderKind {
    Registration,
    Transfer,
}

impl DomainOrderKind {
    /// As `carts.kind` stores it.
    pub fn as_str(self) -> &'static str {
        match self {
            DomainOrderKind::Registration => "domain_registration",
            DomainOrderKind::Transfer => "domain_transfer",
        }
    }

    pub fn parse(kind: &str) -> Option<Self> {
        match kind {
            "domain_registration" => Some(DomainOrderKind::Registration),
            "domain_transfer" => Some(DomainOrderKind::Transfer),
            _ => None,
        }
    }
}

/// The steps after the search, in order; `carts.step` stores the number (the search is 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Period = 2,
    Contacts = 3,
    Nameservers = 4,
    Declaration = 5,
    Review = 6,
}

impl Step {
    pub fn number(self) -> i32 {
        self as i32
    }

    pub fn from_number(n: i32) -> Option<Step> {
        [Step::Period, Step::Contacts, Step::Nameservers, Step::Declaration, Step::Review]
            .into_iter()
            .find(|s| s.number() == n)
    }
}

/// Whether the order needs the registry's signed declaration: a transfer of a `.hu` name
/// (the Hungarian registry asks the holder to declare it).
pub fn needs_declaration(kind: DomainOrderKind, domain: &str) -> bool {
    kind == DomainOrderKind::Transfer && domain.ends_with(".hu")
}

/// The steps of this order, in order.
pub fn steps(kind: DomainOrderKind, domain: &str) -> Vec<Step> {
    let mut steps = vec![Step::Period, Step::Contacts, Step::Nameservers];
    if needs_declaration(kind, domain) {
        steps.push(Step::Declaration);
    }
    steps.push(Step::Review);
    steps
}

/// Where `step` stands in the order as the customer counts it, the search being the first:
/// "Step 3 of 5" on the page and on the dashboard (`carts.step`). A registration's review is
/// its fifth step, a `.hu` transfer's its sixth.
pub fn position(kind: DomainOrderKind, domain: &str, step: Step) -> (i32, i32) {
    let steps = steps(kind, domain);
    let index = steps.iter().position(|s| *s == step).unwrap_or(0);
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    (count(index) + 2, count(steps.len()) + 1)
}

/// What the order holds so far (`carts.data`, JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainOrderData {
    pub domain: String,
    /// Chosen at the period step; an order left before has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registrant: Option<Registrant>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nameservers: Vec<String>,
    /// The uploaded declaration (`documents`), for a `.hu` transfer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declaration_id: Option<i64>,
    /// What was typed at a step and refused: shown again until the step is saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
}

/// A step's answer as the customer typed it, when the portal refused it. Without JavaScript a
/// refused form comes back as a new page, and it must show what was typed, not what was saved
/// before; it is not an answer, so the step still counts as open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Draft {
    Registrant(Registrant),
    Nameservers(String),
}

impl Draft {
    /// The most a draft keeps of each field: more than any valid answer, so nothing a
    /// customer could mean is cut, and not so much that a refused post fills the database.
    pub const MAX_CHARS: usize = 1000;

    /// The draft of `typed`, each field cut to [`Draft::MAX_CHARS`].
    pub fn registrant(typed: &Registrant) -> Self {
        let cut = |s: &str| s.chars().take(Self::MAX_CHARS).collect::<String>();
        Draft::Registrant(Registrant {
            name: cut(&typed.name),
            email: cut(&typed.email),
            phone: cut(&typed.phone),
            address: cut(&typed.address),
        })
    }

    pub fn nameservers(typed: &str) -> Self {
        Draft::Nameservers(typed.chars().take(Self::MAX_CHARS).collect())
    }
}

/// Who holds the domain, as the registry records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registrant {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
}

/// The first step whose answer is missing: where "Continue" opens the order. A step already
/// answered can be opened again to change it.
pub fn next_step(kind: DomainOrderKind, data: &DomainOrderData) -> Step {
    let answered = |step: Step| match step {
        Step::Period => data.years.is_some(),
        Step::Contacts => data.registrant.is_some(),
        Step::Nameservers => !data.nameservers.is_empty(),
        Step::Declaration => data.declaration_id.is_some(),
        Step::Review => false,
    };
    steps(kind, &data.domain).into_iter().find(|s| !answered(*s)).unwrap_or(Step::Review)
}

/// Whether `step` can be opened now: one of the order's steps, and none before it missing.
pub fn can_open(kind: DomainOrderKind, data: &DomainOrderData, step: Step) -> bool {
    steps(kind, &data.domain).contains(&step) && step <= next_step(kind, data)
}

/// Why a registrant's details are refused: the field and the message code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
}

/// The registrant as typed, checked: every field filled and not longer than a registry
/// takes, an e-mail address with an `@` and a domain after it, a phone number of digits and
/// the usual separators with a leading `+` allowed.
pub fn check_registrant(input: Registrant) -> Result<Registrant, FieldError> {
    let trimmed = Registrant {
        name: input.name.trim().to_owned(),
        email: input.email.trim().to_owned(),
        phone: input.phone.trim().to_owned(),
        address: input.address.trim().to_owned(),
    };
    for (field, value, max) in [
        ("name", &trimmed.name, 255),
        ("email", &trimmed.email, 254),
        ("phone", &trimmed.phone, 32),
        ("address", &trimmed.address, 500),
    ] {
        if value.is_empty() {
            return Err(FieldError { field, code: "required" });
        }
        if value.chars().count() > max {
            return Err(FieldError { field, code: "too_long" });
        }
    }
    let email_ok = trimmed
        .email
        .split_once('@')
        .is_some_and(|(local, host)| !local.is_empty() && server_rules::hostname(host).is_ok());
    if !email_ok {
        return Err(FieldError { field: "email", code: "email_invalid" });
    }
    let digits = trimmed.phone.chars().filter(char::is_ascii_digit).count();
    let phone_ok = trimmed.phone.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '/' | '(' | ')') || (c == '+' && i == 0)
    });
    if !phone_ok || digits < 6 {
        return Err(FieldError { field: "phone", code: "phone_invalid" });
    }
    Ok(trimmed)
}

/// The answer to a search, as the registry gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Nobody holds it: it can be registered.
    Free,
    /// Someone holds it: it can be transferred here by its holder.
    Taken,
}

/// The page of an order in steps (`/orders/continue/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DomainOrderView {
    pub id: i64,
    pub kind: DomainOrderKind,
    pub domain: String,
    pub steps: Vec<Step>,
    /// The step shown.
    pub step: Step,
    /// The step "Continue" opens: steps after it cannot be opened yet.
    pub next: Step,
    /// Already in the cart: only the declaration can still be given (after a rejection).
    pub in_cart: bool,
    pub data: DomainOrderData,
    /// Each period on offer with its price with VAT (years × 12 months).
    pub periods: Vec<super::renewal::RenewalChoice>,
    /// What the registrant's fields hold before the customer types: the order's, else the
    /// customer's own details.
    pub registrant: Registrant,
    /// The nameservers offered before the customer types: the order's, else the portal's.
    pub nameservers: Vec<String>,
    /// The uploaded declaration, with what the registry said.
    pub declaration: Option<DeclarationView>,
    /// At the review: what the order costs for the chosen period.
    pub total: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeclarationView {
    pub id: i64,
    pub file_name: String,
    pub status: DocumentStatus,
    pub reasons: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(domain: &str) -> DomainOrderData {
        DomainOrderData { domain: domain.into(), ..Default::default() }
    }

    #[test]
    fn only_a_hu_transfer_asks_for_the_declaration() {
        use DomainOrderKind::*;
        assert_eq!(steps(Registration, "uj.hu").len(), 4);
        assert_eq!(
            steps(Transfer, "regi.hu"),
            vec![Step::Period, Step::Contacts, Step::Nameservers, Step::Declaration, Step::Review]
        );
        assert!(!steps(Transfer, "regi.com").contains(&Step::Declaration));
    }

    #[test]
    fn steps_are_counted_from_the_search() {
        use DomainOrderKind::*;
        assert_eq!(position(Registration, "uj.hu", Step::Period), (2, 5));
        assert_eq!(position(Registration, "uj.hu", Step::Review), (5, 5));
        assert_eq!(position(Transfer, "regi.hu", Step::Review), (6, 6));
    }

    #[test]
    fn an_order_continues_at_its_first_unanswered_step_and_later_ones_stay_closed() {
        let kind = DomainOrderKind::Transfer;
        let mut d = data("regi.hu");
        assert_eq!(next_step(kind, &d), Step::Period);
        assert!(!can_open(kind, &d, Step::Contacts));
        d.years = Some(2);
        d.registrant = Some(Registrant::default());
        assert_eq!(next_step(kind, &d), Step::Nameservers);
        assert!(can_open(kind, &d, Step::Period), "an answered step can be changed");
        d.nameservers = vec!["ns1.example.hu".into(), "ns2.example.hu".into()];
        assert_eq!(next_step(kind, &d), Step::Declaration);
        d.declaration_id = Some(7);
        assert_eq!(next_step(kind, &d), Step::Review);
        assert!(!can_open(DomainOrderKind::Registration, &d, Step::Declaration));
    }

    #[test]
    fn a_registrant_needs_every_field_a_real_address_and_a_phone_number() {
        let good = Registrant {
            name: " Kovács Péter ".into(),
            email: "peter@kovacs.hu".into(),
            phone: "+36 1 234-5678".into(),
            address: "Fő utca 14., 1011 Budapest".into(),
        };
        assert_eq!(check_registrant(good.clone()).map(|r| r.name), Ok("Kovács Péter".into()));
        let field = |r: Registrant| check_registrant(r).err().map(|e| (e.field, e.code));
        assert_eq!(
            field(Registrant { name: " ".into(), ..good.clone() }),
            Some(("name", "required"))
        );
        assert_eq!(
            field(Registrant { email: "peter@".into(), ..good.clone() }),
            Some(("email", "email_invalid"))
        );
        assert_eq!(
            field(Registrant { phone: "06-1+234".into(), ..good.clone() }),
            Some(("phone", "phone_invalid"))
        );
        assert_eq!(
            field(Registrant { phone: "123".into(), ..good }),
            Some(("phone", "phone_invalid"))
        );
    }
}
