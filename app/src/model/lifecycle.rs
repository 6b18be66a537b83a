//! What happens to a service that is not renewed in time (seed 000: a service is renewed only
//! when the intent is declared and paid before its due date). After the due date it is
//! expired, and for a grace period can still be renewed at its usual price; then it is
//! suspended, and restoring it costs the renewal plus the product's restore fee; then it is
//! deleted and can no longer be renewed. How long each step lasts and the fee are set per
//! product ([`Policy`]).
//!
//! One set of rules: the service page's timeline, the renewal's price and deadline, whether a
//! payment still renews, and the job that moves services along all ask a [`Timeline`].

use super::{Money, ServiceKind, ServiceStatus};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long a product's services stay in each step after their due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Days after the due date the service can still be renewed at its usual price.
    pub grace_days: u32,
    /// Days after the grace period the service is suspended and can be restored.
    pub suspension_days: u32,
}

impl Policy {
    /// What a product that sets nothing of its own gets. Domains follow the registries'
    /// usual 30 days of grace and 30 of redemption; a certificate cannot be suspended, it
    /// lapses; servers are expensive to keep idle, so they move on fastest.
    pub fn default_for(kind: ServiceKind) -> Policy {
        let (grace_days, suspension_days) = match kind {
            ServiceKind::Domain => (30, 30),
            ServiceKind::Hosting | ServiceKind::Storage => (14, 30),
            ServiceKind::Vps | ServiceKind::Dedicated => (3, 14),
            ServiceKind::Ssl => (30, 0),
            ServiceKind::Addon => (0, 0),
        };
        Policy { grace_days, suspension_days }
    }

    /// A product's own days where it sets them, the kind's default where it does not.
    /// Negative days (a typing error in the catalogue) count as none.
    pub fn for_product(
        kind: ServiceKind,
        grace_days: Option<i32>,
        suspension_days: Option<i32>,
    ) -> Policy {
        let default = Policy::default_for(kind);
        let days = |set: Option<i32>, or: u32| set.map_or(or, |d| u32::try_from(d).unwrap_or(0));
        Policy {
            grace_days: days(grace_days, default.grace_days),
            suspension_days: days(suspension_days, default.suspension_days),
        }
    }
}

/// Where a service is in its life, by date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Paid until the due date.
    Active,
    /// Past the due date: renewable at the usual price until the grace period ends.
    Grace,
    /// Stopped: restorable, for the renewal plus the restore fee, until it is deleted.
    Suspended,
    /// Gone: no longer renewable.
    Deleted,
}

impl Stage {
    /// Its name in markup and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Active => "active",
            Stage::Grace => "grace",
            Stage::Suspended => "suspended",
            Stage::Deleted => "deleted",
        }
    }

    /// The status a service in this step shows in lists and filters.
    pub fn status(self) -> ServiceStatus {
        match self {
            Stage::Active => ServiceStatus::Active,
            Stage::Grace => ServiceStatus::Expired,
            Stage::Suspended => ServiceStatus::Suspended,
            Stage::Deleted => ServiceStatus::Terminated,
        }
    }

    /// The step a status stands for; `None` for services the lifecycle does not move
    /// (pending, cancelled).
    pub fn of_status(status: ServiceStatus) -> Option<Stage> {
        match status {
            ServiceStatus::Active => Some(Stage::Active),
            ServiceStatus::Expired => Some(Stage::Grace),
            ServiceStatus::Suspended => Some(Stage::Suspended),
            ServiceStatus::Terminated => Some(Stage::Deleted),
            ServiceStatus::Pending | ServiceStatus::Cancelled => None,
        }
    }
}

/// Whether the lifecycle applies to a kind of service: an addon lives and ends with the
/// service it is attached to.
pub fn applies_to(kind: ServiceKind) -> bool {
    kind != ServiceKind::Addon
}

/// The dates of one period's end and what follows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// The last day paid for: the due date.
    pub due: NaiveDate,
    /// The last day of the grace period (the due date itself when there is none).
    pub grace_until: NaiveDate,
    /// The last day the service can be restored (the grace period's end when it is never
    /// suspended).
    pub restorable_until: NaiveDate,
    /// What restoring a suspended service costs on top of the renewal (net); none: nothing.
    pub restore_fee: Option<Money>,
}

/// One step of a [`Timeline`], from the day it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub stage: Stage,
    /// The first day of the step; for [`Stage::Active`], the due date (its last day).
    pub date: NaiveDate,
    /// The last day of the step; none for [`Stage::Deleted`], which does not end.
    pub until: Option<NaiveDate>,
}

fn plus(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

impl Timeline {
    pub fn new(due: NaiveDate, policy: Policy, restore_fee: Option<Money>) -> Timeline {
        let grace_until = plus(due, policy.grace_days);
        let restorable_until = plus(grace_until, policy.suspension_days);
        let restore_fee = restore_fee.filter(|fee| fee.minor > 0 && policy.suspension_days > 0);
        Timeline { due, grace_until, restorable_until, restore_fee }
    }

    /// The step the service is in on `today`.
    pub fn stage_on(&self, today: NaiveDate) -> Stage {
        if today <= self.due {
            Stage::Active
        } else if today <= self.grace_until {
            Stage::Grace
        } else if today <= self.restorable_until {
            Stage::Suspended
        } else {
            Stage::Deleted
        }
    }

    /// The first day the service is gone.
    pub fn deleted_on(&self) -> NaiveDate {
        plus(self.restorable_until, 1)
    }

    /// Every step the service goes through, in order; a step of no days is left out.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step { stage: Stage::Active, date: self.due, until: Some(self.due) }];
        if self.grace_until > self.due {
            let date = plus(self.due, 1);
            steps.push(Step { stage: Stage::Grace, date, until: Some(self.grace_until) });
        }
        if self.restorable_until > self.grace_until {
            let date = plus(self.grace_until, 1);
            steps.push(Step { stage: Stage::Suspended, date, until: Some(self.restorable_until) });
        }
        steps.push(Step { stage: Stage::Deleted, date: self.deleted_on(), until: None });
        steps
    }

    /// The step after today's, and the day it starts; none once deleted.
    pub fn next_step(&self, today: NaiveDate) -> Option<Step> {
        let now = self.stage_on(today);
        self.steps().into_iter().find(|step| step.stage > now)
    }

    /// The last day a renewal ordered on `today` may be paid and still renew: the end of
    /// today's step, since the next one asks a different price (or nothing can be renewed).
    /// `None` once deleted.
    pub fn renewal_deadline(&self, today: NaiveDate) -> Option<NaiveDate> {
        match self.stage_on(today) {
            Stage::Active => Some(self.due),
            Stage::Grace => Some(self.grace_until),
            Stage::Suspended => Some(self.restorable_until),
            Stage::Deleted => None,
        }
    }

    /// Whether a renewal ordered on `ordered_on` and still unpaid on `today` can no longer
    /// renew: its step has ended (seed 000: renewed only when paid before the due date). Its
    /// proforma is cancelled and money that arrives for it is kept as balance.
    pub fn renewal_lapsed(&self, ordered_on: NaiveDate, today: NaiveDate) -> bool {
        self.renewal_deadline(ordered_on).is_none_or(|deadline| today > deadline)
    }

    /// Whether automatic renewal renews the service on `today`: from its due date to the end
    /// of its grace period (a balance topped up meanwhile still renews it without a fee).
    pub fn auto_renewal_due(&self, today: NaiveDate) -> bool {
        today >= self.due && today <= self.grace_until
    }

    /// The restore fee a renewal ordered on `today` pays as well: only a suspended service's.
    pub fn restore_fee_on(&self, today: NaiveDate) -> Option<Money> {
        (self.stage_on(today) == Stage::Suspended).then_some(self.restore_fee).flatten()
    }

    /// The status the lifecycle moves a service in `status` to on `today`, if it moves: only
    /// forward (a suspended service is not made active by the calendar, only by a payment),
    /// and only services the lifecycle applies to.
    pub fn moves(&self, status: ServiceStatus, today: NaiveDate) -> Option<ServiceStatus> {
        let from = Stage::of_status(status)?;
        let to = self.stage_on(today);
        (to > from).then(|| to.status())
    }
}

/// Whether a paid renewal makes the service active again: one the lifecycle had moved on
/// (expired, or suspended after its due date) and whose new end is ahead. A service suspended
/// by staff inside its paid period stays suspended.
pub fn reactivated_by_renewal(
    status: ServiceStatus,
    old_end: Option<NaiveDate>,
    new_end: NaiveDate,
    today: NaiveDate,
) -> bool {
    let moved_by_lifecycle = match Stage::of_status(status) {
        Some(Stage::Grace) => true,
        Some(Stage::Suspended) => old_end.is_some_and(|end| end < today),
        _ => false,
    };
    moved_by_lifecycle && new_end >= today
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Currency;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn domain_timeline(due: NaiveDate) -> Timeline {
        let fee = Money::new(5_000, Currency::Huf);
        Timeline::new(due, Policy::default_for(ServiceKind::Domain), Some(fee))
    }

    #[test]
    fn a_domain_is_in_grace_for_30_days_then_suspended_for_30_then_deleted() {
        let t = domain_timeline(date(2026, 12, 31));
        assert_eq!(t.stage_on(date(2026, 12, 31)), Stage::Active, "the due date is still paid");
        assert_eq!(t.stage_on(date(2027, 1, 1)), Stage::Grace);
        assert_eq!(t.grace_until, date(2027, 1, 30));
        assert_eq!(t.stage_on(date(2027, 1, 30)), Stage::Grace);
        assert_eq!(t.stage_on(date(2027, 1, 31)), Stage::Suspended);
        assert_eq!(t.restorable_until, date(2027, 3, 1));
        assert_eq!(t.stage_on(date(2027, 3, 1)), Stage::Suspended);
        assert_eq!(t.deleted_on(), date(2027, 3, 2));
        assert_eq!(t.stage_on(date(2027, 3, 2)), Stage::Deleted);
    }

    #[test]
    fn the_steps_cross_29_february_and_month_ends_by_days() {
        let t = domain_timeline(date(2028, 1, 31));
        assert_eq!(t.grace_until, date(2028, 3, 1), "2028 has 29 February");
        let t = domain_timeline(date(2027, 1, 31));
        assert_eq!(t.grace_until, date(2027, 3, 2));
        let steps = t.steps();
        let starts: Vec<_> = steps.iter().map(|s| (s.stage, s.date)).collect();
        assert_eq!(
            starts,
            vec![
                (Stage::Active, date(2027, 1, 31)),
                (Stage::Grace, date(2027, 2, 1)),
                (Stage::Suspended, date(2027, 3, 3)),
                (Stage::Deleted, date(2027, 4, 2)),
            ]
        );
    }

    #[test]
    fn a_certificate_lapses_without_suspension_or_fee() {
        let fee = Some(Money::new(1000, Currency::Eur));
        let t = Timeline::new(date(2026, 6, 1), Policy::default_for(ServiceKind::Ssl), fee);
        assert_eq!(t.restore_fee, None, "nothing is ever restored, so nothing costs a fee");
        let stages: Vec<_> = t.steps().iter().map(|s| s.stage).collect();
        assert_eq!(stages, vec![Stage::Active, Stage::Grace, Stage::Deleted]);
        assert_eq!(t.stage_on(date(2026, 7, 2)), Stage::Deleted);
    }

    #[test]
    fn the_deadline_is_the_end_of_todays_step_and_only_suspension_costs_the_fee() {
        let t = domain_timeline(date(2026, 12, 31));
        assert_eq!(t.renewal_deadline(date(2026, 12, 1)), Some(date(2026, 12, 31)));
        assert_eq!(t.renewal_deadline(date(2027, 1, 5)), Some(date(2027, 1, 30)));
        assert_eq!(t.renewal_deadline(date(2027, 2, 5)), Some(date(2027, 3, 1)));
        assert_eq!(t.renewal_deadline(date(2027, 3, 2)), None);
        assert_eq!(t.restore_fee_on(date(2027, 1, 5)), None);
        assert_eq!(t.restore_fee_on(date(2027, 2, 5)), t.restore_fee);
        assert!(t.restore_fee.is_some());
        // Automatic renewal: from the due date through the grace period, not before or after.
        assert!(!t.auto_renewal_due(date(2026, 12, 30)));
        assert!(t.auto_renewal_due(date(2026, 12, 31)));
        assert!(t.auto_renewal_due(date(2027, 1, 30)));
        assert!(!t.auto_renewal_due(date(2027, 1, 31)));
        // Ordered before the due date, paid on it: renews. Paid a day later: lapsed.
        assert!(!t.renewal_lapsed(date(2026, 12, 1), date(2026, 12, 31)));
        assert!(t.renewal_lapsed(date(2026, 12, 1), date(2027, 1, 1)));
        // Ordered in the grace period: good until the grace period ends.
        assert!(!t.renewal_lapsed(date(2027, 1, 5), date(2027, 1, 30)));
        assert!(t.renewal_lapsed(date(2027, 1, 5), date(2027, 1, 31)));
    }

    #[test]
    fn the_calendar_moves_a_service_forward_only() {
        let t = domain_timeline(date(2026, 12, 31));
        let in_grace = date(2027, 1, 2);
        assert_eq!(t.moves(ServiceStatus::Active, in_grace), Some(ServiceStatus::Expired));
        assert_eq!(t.moves(ServiceStatus::Expired, in_grace), None);
        // Suspended by staff before its due date: the calendar does not lift it.
        assert_eq!(t.moves(ServiceStatus::Suspended, in_grace), None);
        assert_eq!(
            t.moves(ServiceStatus::Suspended, date(2027, 3, 2)),
            Some(ServiceStatus::Terminated)
        );
        assert_eq!(t.moves(ServiceStatus::Cancelled, date(2027, 3, 2)), None);
        assert_eq!(t.moves(ServiceStatus::Active, date(2026, 12, 31)), None);
        assert_eq!(t.next_step(date(2026, 12, 1)).map(|s| s.stage), Some(Stage::Grace));
        assert_eq!(t.next_step(date(2027, 3, 2)), None);
    }

    #[test]
    fn a_paid_renewal_reactivates_only_what_the_calendar_stopped() {
        let today = date(2027, 1, 10);
        let (past, ahead) = (Some(date(2027, 1, 1)), date(2028, 1, 1));
        assert!(reactivated_by_renewal(ServiceStatus::Expired, past, ahead, today));
        assert!(reactivated_by_renewal(ServiceStatus::Suspended, past, ahead, today));
        // Suspended by staff inside its paid period: paying on does not lift it.
        let running = Some(date(2027, 6, 1));
        assert!(!reactivated_by_renewal(ServiceStatus::Suspended, running, ahead, today));
        assert!(!reactivated_by_renewal(ServiceStatus::Cancelled, past, ahead, today));
    }

    #[test]
    fn a_product_sets_its_own_days_or_takes_its_kinds() {
        let own = Policy::for_product(ServiceKind::Vps, Some(7), None);
        assert_eq!(own, Policy { grace_days: 7, suspension_days: 14 });
        let broken = Policy::for_product(ServiceKind::Domain, Some(-3), Some(0));
        assert_eq!(broken, Policy { grace_days: 0, suspension_days: 0 });
    }
}
