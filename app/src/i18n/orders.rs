//! The texts of orders (`/orders`, `/orders/{id}`), and the orders table of a service's page. One value per language in
//! `i18n/<lang>/orders.rs`.

use crate::model::{OrderKind, OrderStatus};

pub struct OrdersTexts {
    pub orders_title: &'static str,
    pub orders_lead: &'static str,
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
    pub section_history: &'static str,
    pub event_created: &'static str,
    pub event_paid: &'static str,
    pub event_cancelled: &'static str,
    pub manage_service: &'static str,
}

impl OrdersTexts {
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
}
