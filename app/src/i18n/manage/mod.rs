//! Texts of the pages where customers manage what they bought: a service's page, its
//! operations, traffic, renewal, and the orders. Reached as `texts(lang).m`; like [`Texts`],
//! a missing translation is a compile error.
//!
//! [`Texts`]: super::Texts

pub mod de;
pub mod en;
pub mod hu;
pub mod it;
pub mod pl;

use crate::model::{JobStatus, Operation, OrderKind, OrderStatus, PowerState, TrafficPeriod};

pub struct ManageTexts {
    pub all_services: &'static str,
    pub tab_details: &'static str,
    pub tab_network: &'static str,
    pub tab_traffic: &'static str,
    pub tabs_label: &'static str,
    /// "State as last reported: 5 minutes ago".
    pub state_reported: &'static str,
    /// 0 → "just now", 5 → "5 minutes ago", 180 → "3 hours ago", 2880 → "2 days ago".
    pub minutes_ago: fn(i64) -> String,

    pub section_configuration: &'static str,
    pub label_ip: &'static str,
    pub label_cpu: &'static str,
    pub label_ram: &'static str,
    pub label_disk: &'static str,
    pub label_os: &'static str,
    pub label_power: &'static str,
    pub power_running: &'static str,
    pub power_disabled: &'static str,
    pub power_blocked: &'static str,
    /// "4 GB".
    pub gigabytes: fn(i64) -> String,

    pub section_access: &'static str,
    pub show_access: &'static str,
    pub access_logged_note: &'static str,
    pub label_username: &'static str,
    pub label_password: &'static str,

    pub section_power: &'static str,
    pub op_activate: &'static str,
    pub op_disable: &'static str,
    pub op_reboot: &'static str,
    pub op_block: &'static str,
    pub op_reinstall: &'static str,
    pub op_reverse_dns: &'static str,
    pub op_nameservers: &'static str,
    pub op_lock: &'static str,
    pub op_unlock: &'static str,
    pub op_epp_code: &'static str,
    /// The question in every confirmation of a server operation.
    pub confirm_server_action: &'static str,
    pub confirm: &'static str,
    pub busy_note: &'static str,

    pub section_kvm: &'static str,
    pub open_kvm: &'static str,
    pub section_reinstall: &'static str,
    pub label_image: &'static str,
    pub reinstall_warning: &'static str,

    pub section_operations: &'static str,
    pub job_pending: &'static str,
    pub job_running: &'static str,
    pub job_done: &'static str,
    pub job_failed: &'static str,
    /// "40 % done".
    pub percent_done: fn(i32) -> String,
    pub reason_rdns_rejected: &'static str,
    pub reason_nameserver_unreachable: &'static str,
    pub reason_other: &'static str,

    pub label_netmask: &'static str,
    pub label_gateway: &'static str,
    pub label_mac: &'static str,
    pub label_reverse_dns: &'static str,
    pub reverse_dns_hint: &'static str,
    pub save: &'static str,

    pub period_day: &'static str,
    pub period_week: &'static str,
    pub period_month: &'static str,
    pub period_year: &'static str,
    pub periods_label: &'static str,
    pub traffic_in: &'static str,
    pub traffic_out: &'static str,
    pub traffic_total: &'static str,
    pub traffic_as_table: &'static str,
    pub col_period: &'static str,

    pub section_renewal: &'static str,
    pub label_expires: &'static str,
    pub label_next_due: &'static str,
    pub auto_renew: &'static str,
    pub auto_renew_active: &'static str,
    pub auto_renew_inactive: &'static str,
    pub turn_on: &'static str,
    pub turn_off: &'static str,
    pub renew_now: &'static str,
    pub renew_note: &'static str,

    pub label_panel_username: &'static str,
    pub open_panel: &'static str,
    pub label_space_used: &'static str,
    /// "75 % of 100 GB used".
    pub space_of: fn(i64, i64) -> String,
    pub increase_space: &'static str,
    pub label_plan: &'static str,
    pub label_domain: &'static str,
    pub label_disk_usage: &'static str,
    pub label_traffic_used: &'static str,
    pub label_issuer: &'static str,
    pub label_valid_from: &'static str,
    pub label_valid_until: &'static str,

    pub section_nameservers: &'static str,
    pub nameservers_hint: &'static str,
    pub label_lock: &'static str,
    pub lock_on: &'static str,
    pub lock_off: &'static str,
    pub section_epp: &'static str,
    pub show_epp_code: &'static str,
    pub epp_note: &'static str,
    pub section_whois: &'static str,
    pub role_registrant: &'static str,
    pub role_admin: &'static str,
    pub role_tech: &'static str,
    pub col_role: &'static str,
    pub col_email: &'static str,

    pub nav_orders: &'static str,
    pub orders_title: &'static str,
    pub orders_lead: &'static str,
    pub section_orders: &'static str,
    pub col_plan: &'static str,
    pub col_ip: &'static str,
    pub col_period_end: &'static str,
    pub col_cost: &'static str,
    pub col_type: &'static str,
    pub col_date: &'static str,
    pub kind_first_purchase: &'static str,
    pub kind_renewal: &'static str,
    pub kind_upgrade: &'static str,
    pub kind_addon: &'static str,
    pub order_awaiting_payment: &'static str,
    pub order_paid: &'static str,
    pub order_active: &'static str,
    pub order_cancelled: &'static str,
    pub pay: &'static str,
    pub cancel_order: &'static str,
    pub cancel_order_question: &'static str,
    pub cancel_order_confirm: &'static str,
    pub no_orders: &'static str,
    /// "Order R-2026-0352".
    pub order_title: fn(&str) -> String,
    pub section_lines: &'static str,
    pub col_description: &'static str,
    pub col_quantity: &'static str,
    pub col_unit_price: &'static str,
    pub col_net: &'static str,
    pub col_vat_rate: &'static str,
    pub col_vat: &'static str,
    pub col_gross: &'static str,
    /// The sentence an order or invoice under reverse charge carries.
    pub reverse_charge_note: &'static str,
    pub section_history: &'static str,
    pub event_created: &'static str,
    pub event_paid: &'static str,
    pub event_cancelled: &'static str,
    pub pay_note: &'static str,
    pub order_actions_for: fn(&str) -> String,
    pub manage_service: &'static str,

    pub err_hostname_empty: &'static str,
    pub err_hostname_too_long: &'static str,
    pub err_hostname_bad_label: &'static str,
    pub err_hostname_needs_domain: &'static str,
    pub err_nameservers_too_few: &'static str,
    pub err_nameservers_too_many: &'static str,
    pub err_nameservers_duplicate: &'static str,
    pub err_image_unknown: &'static str,
    pub err_vat_unknown_country: &'static str,
    pub err_too_long: &'static str,
    pub err_not_now: &'static str,
}

impl ManageTexts {
    pub fn operation(&self, op: Operation) -> &'static str {
        match op {
            Operation::Activate => self.op_activate,
            Operation::Disable => self.op_disable,
            Operation::Reboot => self.op_reboot,
            Operation::Block => self.op_block,
            Operation::Reinstall => self.op_reinstall,
            Operation::ReverseDns => self.op_reverse_dns,
            Operation::Nameservers => self.op_nameservers,
            Operation::Lock => self.op_lock,
            Operation::Unlock => self.op_unlock,
            Operation::EppCode => self.op_epp_code,
        }
    }

    pub fn power(&self, state: PowerState) -> &'static str {
        match state {
            PowerState::Running => self.power_running,
            PowerState::Disabled => self.power_disabled,
            PowerState::Blocked => self.power_blocked,
        }
    }

    pub fn job(&self, status: JobStatus) -> &'static str {
        match status {
            JobStatus::Pending => self.job_pending,
            JobStatus::Running => self.job_running,
            JobStatus::Done => self.job_done,
            JobStatus::Failed => self.job_failed,
        }
    }

    pub fn reason(&self, code: &str) -> &'static str {
        match code {
            "rdns_rejected" => self.reason_rdns_rejected,
            "nameserver_unreachable" => self.reason_nameserver_unreachable,
            _ => self.reason_other,
        }
    }

    pub fn period(&self, period: TrafficPeriod) -> &'static str {
        match period {
            TrafficPeriod::Day => self.period_day,
            TrafficPeriod::Week => self.period_week,
            TrafficPeriod::Month => self.period_month,
            TrafficPeriod::Year => self.period_year,
        }
    }

    pub fn order_kind(&self, kind: OrderKind) -> &'static str {
        match kind {
            OrderKind::FirstPurchase => self.kind_first_purchase,
            OrderKind::Renewal => self.kind_renewal,
            OrderKind::Upgrade => self.kind_upgrade,
            OrderKind::Addon => self.kind_addon,
        }
    }

    pub fn order_status(&self, status: OrderStatus) -> &'static str {
        match status {
            OrderStatus::AwaitingPayment => self.order_awaiting_payment,
            OrderStatus::Paid => self.order_paid,
            OrderStatus::Active => self.order_active,
            OrderStatus::Cancelled => self.order_cancelled,
        }
    }

    pub fn role(&self, role: &str) -> &'static str {
        match role {
            "registrant" => self.role_registrant,
            "admin" => self.role_admin,
            _ => self.role_tech,
        }
    }

    /// The message for an `AppError::Invalid` code from these pages.
    pub fn invalid(&self, code: &str) -> Option<&'static str> {
        Some(match code {
            "hostname_empty" => self.err_hostname_empty,
            "hostname_too_long" => self.err_hostname_too_long,
            "hostname_bad_label" => self.err_hostname_bad_label,
            "hostname_needs_domain" => self.err_hostname_needs_domain,
            "nameservers_too_few" => self.err_nameservers_too_few,
            "nameservers_too_many" => self.err_nameservers_too_many,
            "nameservers_duplicate" => self.err_nameservers_duplicate,
            "image_unknown" => self.err_image_unknown,
            "vat_unknown_country" => self.err_vat_unknown_country,
            "too_long" => self.err_too_long,
            _ => return None,
        })
    }
}
