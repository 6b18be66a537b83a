//! A small iCalendar (RFC 5545) writer for the customer's calendar feed: all-day events, each
//! with a stable UID so a calendar app updates an event instead of adding a second one when
//! the date moves. Text is escaped (§3.3.11) and lines are folded at 75 octets (§3.1), never
//! inside a UTF-8 character; lines end in CRLF.

use chrono::{DateTime, NaiveDate, Utc};
use std::fmt::Write as _;

/// One all-day event.
pub struct Event {
    /// Unique and stable for what it stands for: `service-42@portico`.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    /// Where to act on it (the renewal page, the proforma).
    pub url: Option<String>,
}

/// The whole calendar. `name`: what calendar apps call it; `now`: the DTSTAMP of every event.
pub fn calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Portico//Client portal//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    for event in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", event.date.format("%Y%m%d")));
        let next_day = event.date.succ_opt().unwrap_or(event.date);
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")));
        line(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
        if let Some(url) = &event.url {
            line(&mut out, &format!("URL:{url}"));
            line(&mut out, &format!("DESCRIPTION:{}", escape(url)));
        }
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// TEXT values escape backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line, folded: at most 75 octets per physical line, continuation lines
/// starting with a space.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_on_character_boundaries() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "árvíztűrő tükörfúrógép ".repeat(6));
        line(&mut out, &long);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets: {physical}", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn all_day_events_end_the_next_day() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z").expect("instant").to_utc();
        let event = Event {
            uid: "service-1@portico".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
            summary: "kovacs.hu".into(),
            url: None,
        };
        let ics = calendar("Portico", &[event], now);
        assert!(ics.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(ics.contains("DTSTAMP:20261122T090000Z\r\n"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    }
}
