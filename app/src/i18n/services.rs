//! The texts of the services area (`/services`, `/services/{id}`): the list and each service's page. One value per language in
//! `i18n/<lang>/services.rs`.

use crate::model::{BillingCycle, JobStatus, Operation, PowerState, ServiceStatus, TrafficPeriod};

pub struct ServicesTexts {
    pub services_title: &'static str,
    pub services_lead: &'static str,
    /// The links above the list (seed 001 "Czynności").
    pub services_actions: &'static str,
    pub renew_services: &'static str,
    /// The status filter's label (seed 001 "Zobacz").
    pub filter_view: &'static str,
    pub filter_all: &'static str,
    pub sort_by: &'static str,
    /// The filter form's submit button.
    pub show: &'static str,
    pub col_service: &'static str,
    pub col_price: &'static str,
    pub col_next_due: &'static str,
    /// Shown instead of a next due date for services that are not billed again.
    pub no_due_date: &'static str,
    pub no_services: &'static str,
    /// The row menu's accessible name: "Actions for kovacs.hu".
    pub actions_for: fn(&str) -> String,
    pub status_pending: &'static str,
    pub status_active: &'static str,
    pub status_suspended: &'static str,
    pub status_cancelled: &'static str,
    pub status_expired: &'static str,
    pub status_terminated: &'static str,
    /// Billing cycles as the unit after a price: "4 990 Ft / év".
    pub cycle_monthly: &'static str,
    pub cycle_quarterly: &'static str,
    pub cycle_semiannual: &'static str,
    pub cycle_annual: &'static str,
    pub cycle_biennial: &'static str,
    pub cycle_triennial: &'static str,
    pub all_services: &'static str,
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
    pub power_installing: &'static str,
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
    pub op_create: &'static str,
    pub op_register: &'static str,
    pub op_transfer_in: &'static str,
    /// The question in every confirmation of a server operation.
    pub confirm_server_action: &'static str,
    pub confirm: &'static str,
    pub busy_note: &'static str,
    /// A new server the data centre is still setting up.
    pub installing_note: &'static str,
    /// A domain bought here that the registry is registering, or transferring in.
    pub registering_note: &'static str,
    pub transferring_note: &'static str,
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
    pub reason_image_unavailable: &'static str,
    pub reason_domain_taken: &'static str,
    pub reason_transfer_locked: &'static str,
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
    /// The renewal page (`/services/{id}/renew`, seed 000): "Renew kovacs.hu".
    pub renew_title: fn(&str) -> String,
    pub renew_lead: &'static str,
    pub label_period: &'static str,
    /// 1 → "1 month", 6 → "6 months", 12 → "1 year", 24 → "2 years".
    pub period: fn(u32) -> String,
    /// (net, VAT rate, VAT) → "9 980 Ft + 27 % VAT 2 695 Ft".
    pub price_breakdown: fn(&str, &str, &str) -> String,
    /// "until 15 December 2028": the service's end if renewed now.
    pub valid_until: fn(&str) -> String,
    pub label_pay_with: &'static str,
    pub pay_card: &'static str,
    pub recommended: &'static str,
    pub pay_card_note: &'static str,
    pub pay_proforma: &'static str,
    pub pay_proforma_note: &'static str,
    pub renew_submit: &'static str,
    /// A renewal of the service already awaits payment: the page leads to it.
    pub renew_waiting: fn(&str) -> String,
    pub view_order: &'static str,
    pub err_period_not_offered: &'static str,
    /// The line of a restore fee on the order and its documents, and its name on the page.
    pub restore_fee: &'static str,
    /// The renewal page of a suspended service: its restore fee is in every price.
    pub restore_fee_included: fn(&str) -> String,
    /// The line of an addon renewed with its service: (addon, the service's new end).
    pub addon_until: fn(&str, &str) -> String,
    /// The renewal page of a service with addons: (their names), renewed with it.
    pub addons_included: fn(&str) -> String,
    /// The renewal page: the last day a renewal ordered now can be paid and still renew.
    pub renew_by: fn(&str) -> String,
    /// The lifecycle timeline on the service page: what happens if it is not renewed.
    pub section_lifecycle: &'static str,
    pub step_now: &'static str,
    pub step_due: fn(&str) -> String,
    /// (first day, last day).
    pub step_grace: fn(&str, &str) -> String,
    /// (first day, last day).
    pub step_suspended: fn(&str, &str) -> String,
    pub step_restore_fee: fn(&str) -> String,
    pub step_deleted: fn(&str) -> String,
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
    pub section_orders: &'static str,
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
}

impl ServicesTexts {
    pub fn service_status(&self, status: ServiceStatus) -> &'static str {
        match status {
            ServiceStatus::Pending => self.status_pending,
            ServiceStatus::Active => self.status_active,
            ServiceStatus::Suspended => self.status_suspended,
            ServiceStatus::Cancelled => self.status_cancelled,
            ServiceStatus::Expired => self.status_expired,
            ServiceStatus::Terminated => self.status_terminated,
        }
    }

    pub fn billing_cycle(&self, cycle: BillingCycle) -> &'static str {
        match cycle {
            BillingCycle::Monthly => self.cycle_monthly,
            BillingCycle::Quarterly => self.cycle_quarterly,
            BillingCycle::Semiannual => self.cycle_semiannual,
            BillingCycle::Annual => self.cycle_annual,
            BillingCycle::Biennial => self.cycle_biennial,
            BillingCycle::Triennial => self.cycle_triennial,
        }
    }

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
            Operation::Create => self.op_create,
            Operation::Register => self.op_register,
            Operation::TransferIn => self.op_transfer_in,
        }
    }

    pub fn power(&self, state: PowerState) -> &'static str {
        match state {
            PowerState::Running => self.power_running,
            PowerState::Disabled => self.power_disabled,
            PowerState::Blocked => self.power_blocked,
            PowerState::Installing => self.power_installing,
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
            "image_unavailable" => self.reason_image_unavailable,
            "domain_taken" => self.reason_domain_taken,
            "transfer_locked" => self.reason_transfer_locked,
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
            "period_not_offered" => self.err_period_not_offered,
            _ => return None,
        })
    }
}
