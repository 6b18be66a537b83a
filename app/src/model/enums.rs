//! The closed vocabularies of the domain. Each is stored as a short lowercase string
//! (readable in SQL, stable across SQLite and PostgreSQL) and shared with the browser.

#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Declares a string-backed enum that is a SeaORM active enum on the server and plain
/// serde data in the wasm build, with `as_str` / `parse` for URLs and forms.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))"))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(
                #[cfg_attr(feature = "ssr", sea_orm(string_value = $value))]
                $variant,
            )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $value),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $($value => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

vocabulary!(
    /// A person or a company: decides the name shown in the header and VAT treatment.
    CustomerKind { Person = "person", Company = "company" }
);

vocabulary!(
    /// What a service or catalogue product is.
    ServiceKind {
        Domain = "domain",
        Hosting = "hosting",
        Ssl = "ssl",
        Vps = "vps",
        Dedicated = "dedicated",
        Storage = "storage",
        Addon = "addon",
    }
);

vocabulary!(
    ServiceStatus {
        Pending = "pending",
        Active = "active",
        Suspended = "suspended",
        Cancelled = "cancelled",
        Expired = "expired",
        Terminated = "terminated",
    }
);

vocabulary!(
    BillingCycle {
        Monthly = "monthly",
        Quarterly = "quarterly",
        Semiannual = "semiannual",
        Annual = "annual",
        Biennial = "biennial",
        Triennial = "triennial",
    }
);

vocabulary!(
    OrderKind { FirstPurchase = "first_purchase", Renewal = "renewal", Upgrade = "upgrade", Addon = "addon" }
);

vocabulary!(
    OrderStatus { AwaitingPayment = "awaiting_payment", Paid = "paid", Active = "active", Cancelled = "cancelled" }
);

vocabulary!(
    /// What a line of the cart buys (seed 001): the renewal of a service, a new service from
    /// the catalogue, or an addon for a service.
    CartLineKind { Renewal = "renewal", New = "new", Addon = "addon" }
);

vocabulary!(
    /// An order the customer started and left; the dashboard offers to continue or delete it.
    CartStatus { Open = "open", Completed = "completed", Deleted = "deleted" }
);

vocabulary!(
    DocumentStatus { Submitted = "submitted", Approved = "approved", Rejected = "rejected" }
);

vocabulary!(
    InvoiceKind { Proforma = "proforma", Invoice = "invoice", Quote = "quote", CreditNote = "credit_note" }
);

vocabulary!(
    InvoiceStatus { Unpaid = "unpaid", Paid = "paid", Cancelled = "cancelled" }
);

vocabulary!(
    PaymentMethod { Card = "card", BankTransfer = "bank_transfer", Balance = "balance" }
);

vocabulary!(
    /// Why a customer's balance moved (a `balance_ledger` row). `Payment`: a document paid from
    /// the balance (negative); `PaymentCredited`: a card payment that found its document
    /// cancelled, kept as balance.
    LedgerReason {
        TopUp = "top_up",
        Payment = "payment",
        PaymentCredited = "payment_credited",
        Refund = "refund",
        CreditNote = "credit_note",
    }
);

vocabulary!(
    PaymentStatus { Pending = "pending", Succeeded = "succeeded", Failed = "failed", Refunded = "refunded" }
);

vocabulary!(
    TicketDepartment { Technical = "technical", Finance = "finance" }
);

vocabulary!(
    TicketPriority { Normal = "normal", High = "high" }
);

vocabulary!(
    TicketStatus { Open = "open", Answered = "answered", CustomerReply = "customer_reply", Closed = "closed" }
);

vocabulary!(
    /// Which alternative mailbox receives a kind of mail.
    MailTopic { Billing = "billing", Technical = "technical", Newsletter = "newsletter", Security = "security" }
);

vocabulary!(
    OutboxStatus { Pending = "pending", Sending = "sending", Sent = "sent", Failed = "failed" }
);

vocabulary!(
    JobStatus { Pending = "pending", Running = "running", Done = "done", Failed = "failed" }
);

vocabulary!(
    LoginResult { Success = "success", BadCredentials = "bad_credentials", RateLimited = "rate_limited", Logout = "logout" }
);

vocabulary!(
    Actor { Customer = "customer", Staff = "staff", System = "system" }
);

vocabulary!(
    /// Interface languages. The first is the fallback.
    Lang { En = "en", Hu = "hu", Pl = "pl", De = "de", It = "it" }
);

vocabulary!(
    Currency { Huf = "HUF", Eur = "EUR", Pln = "PLN" }
);

vocabulary!(
    /// Whether a server is powered and reachable, as the data centre last reported it.
    /// `Installing` from payment until the data centre has set a new server up.
    PowerState {
        Running = "running",
        Disabled = "disabled",
        Blocked = "blocked",
        Installing = "installing",
    }
);

vocabulary!(
    /// What a customer can ask an external system to do, and what only a paid order asks
    /// (no customer can): `Create` a server, `Register` or `TransferIn` a domain. Stored as
    /// the job's kind.
    Operation {
        Activate = "activate",
        Disable = "disable",
        Reboot = "reboot",
        Block = "block",
        Reinstall = "reinstall",
        ReverseDns = "reverse_dns",
        Nameservers = "nameservers",
        Lock = "lock",
        Unlock = "unlock",
        EppCode = "epp_code",
        Create = "create",
        Register = "register",
        TransferIn = "transfer_in",
    }
);

vocabulary!(
    /// The ranges of the traffic charts (seed 002: day / week / month / year).
    TrafficPeriod { Day = "day", Week = "week", Month = "month", Year = "year" }
);
