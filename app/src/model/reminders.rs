//! Renewal reminders (seed 000: "we e-mail you about expiring services from 60 days before"):
//! which reminder a service is due on a given day. One rule for the job that sends them and
//! the tests that count them.

/// The reminders before a due date, in days, latest last.
pub const REMINDER_DAYS: [i64; 5] = [60, 30, 14, 7, 1];

/// The reminder due for a service `days_left` days before its due date: the nearest one not
/// yet passed (14 from 14 down to 8 days before). Sent once each (the job keys every message
/// by service, due date and this number), so a day the job did not run is caught up with the
/// reminder of that moment, and earlier ones that no longer say anything true are not sent.
/// None more than 60 days ahead or once the due date has passed (the lifecycle takes over).
pub fn reminder_due(days_left: i64) -> Option<i64> {
    if days_left < 0 {
        return None;
    }
    REMINDER_DAYS.iter().rev().copied().find(|&days| days_left <= days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reminder_covers_the_days_up_to_the_next() {
        assert_eq!(reminder_due(61), None);
        assert_eq!(reminder_due(60), Some(60));
        assert_eq!(reminder_due(31), Some(60));
        assert_eq!(reminder_due(30), Some(30));
        assert_eq!(reminder_due(15), Some(30));
        assert_eq!(reminder_due(14), Some(14));
        assert_eq!(reminder_due(8), Some(14));
        assert_eq!(reminder_due(7), Some(7));
        assert_eq!(reminder_due(2), Some(7));
        assert_eq!(reminder_due(1), Some(1));
        assert_eq!(reminder_due(0), Some(1), "due today: the last reminder, if not sent yet");
        assert_eq!(reminder_due(-1), None);
    }

    #[test]
    fn a_day_by_day_countdown_meets_each_reminder_once() {
        let met: Vec<i64> = (0..=90).rev().filter_map(reminder_due).collect();
        let mut distinct = met.clone();
        distinct.dedup();
        assert_eq!(distinct, REMINDER_DAYS.to_vec());
    }
}
