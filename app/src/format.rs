//! Money and dates written the way each language writes them.

use crate::model::{Currency, Lang, Money};
use chrono::{Datelike, NaiveDate};

/// No-break space: keeps "1 270 Ft" on one line.
const NBSP: char = '\u{a0}';

struct NumberStyle {
    group: char,
    decimal: char,
}

fn number_style(lang: Lang) -> NumberStyle {
    match lang {
        Lang::En => NumberStyle { group: ',', decimal: '.' },
        Lang::Hu | Lang::Pl => NumberStyle { group: NBSP, decimal: ',' },
        Lang::De | Lang::It => NumberStyle { group: '.', decimal: ',' },
    }
}

/// Formats an amount, e.g. `1 270 Ft` (hu), `12,50 €` (de), `€12.50` (en), `12,50 zł` (pl).
pub fn money(amount: Money, lang: Lang) -> String {
    let style = number_style(lang);
    let exponent = amount.currency.exponent();
    let scale = 10_u64.pow(exponent);
    let abs = amount.minor.unsigned_abs();
    let (units, fraction) = (abs / scale, abs % scale);

    let mut number = group_digits(units, style.group);
    if exponent > 0 {
        number.push(style.decimal);
        number.push_str(&format!("{fraction:0width$}", width = exponent as usize));
    }
    let sign = if amount.minor < 0 { "-" } else { "" };
    match (amount.currency, lang) {
        (Currency::Eur, Lang::En) => format!("{sign}€{number}"),
        (Currency::Eur, _) => format!("{sign}{number}{NBSP}€"),
        (Currency::Huf, _) => format!("{sign}{number}{NBSP}Ft"),
        (Currency::Pln, _) => format!("{sign}{number}{NBSP}zł"),
    }
}

fn group_digits(mut n: u64, sep: char) -> String {
    let mut groups = Vec::new();
    loop {
        if n < 1000 {
            groups.push(n.to_string());
            break;
        }
        groups.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// A rate in basis points as a percentage: `27 %` (de), `27%` (en), `5,5%` (hu); decimals only
/// where the rate has them.
pub fn percent_bp(bp: i32, lang: Lang) -> String {
    let style = number_style(lang);
    let (whole, hundredths) = (bp / 100, (bp % 100).abs());
    let mut number = whole.to_string();
    if hundredths != 0 {
        number.push(style.decimal);
        number.push_str(format!("{hundredths:02}").trim_end_matches('0'));
    }
    match lang {
        Lang::De => format!("{number}{NBSP}%"),
        _ => format!("{number}%"),
    }
}

const EN_MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Formats a calendar date, e.g. `2026. 12. 01.` (hu), `01.12.2026` (de, pl), `01/12/2026`
/// (it), `1 Dec 2026` (en).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    match lang {
        Lang::Hu => format!("{y}. {m:02}. {day:02}."),
        Lang::De | Lang::Pl => format!("{day:02}.{m:02}.{y}"),
        Lang::It => format!("{day:02}/{m:02}/{y}"),
        Lang::En => format!("{day} {} {y}", EN_MONTHS[(m - 1) as usize]),
    }
}

/// Bytes as gigabytes with one decimal, in the language's decimal separator: `12,4 GB`.
/// Integer arithmetic: tenths of a (decimal) gigabyte, rounded down.
pub fn gigabytes(bytes: i64, lang: Lang) -> String {
    let tenths = bytes.max(0) / 100_000_000;
    let sep = if lang == Lang::En { '.' } else { ',' };
    format!("{}{sep}{}\u{a0}GB", tenths / 10, tenths % 10)
}

/// A short axis label for a day: `11. 22.` (hu), `22.11.` (de, pl), `22/11` (it), `22 Nov` (en).
pub fn short_date(d: NaiveDate, lang: Lang) -> String {
    let (m, day) = (d.month(), d.day());
    match lang {
        Lang::Hu => format!("{m:02}. {day:02}."),
        Lang::De | Lang::Pl => format!("{day:02}.{m:02}."),
        Lang::It => format!("{day:02}/{m:02}"),
        Lang::En => format!("{day} {}", EN_MONTHS[(m - 1) as usize]),
    }
}

/// A short axis label for a month: `2026. 11.` (hu), `11.2026` (de, pl), `11/2026` (it),
/// `Nov 2026` (en).
pub fn short_month(d: NaiveDate, lang: Lang) -> String {
    let (y, m) = (d.year(), d.month());
    match lang {
        Lang::Hu => format!("{y}. {m:02}."),
        Lang::De | Lang::Pl => format!("{m:02}.{y}"),
        Lang::It => format!("{m:02}/{y}"),
        Lang::En => format!("{} {y}", EN_MONTHS[(m - 1) as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: String) -> String {
        s.replace(NBSP, " ")
    }

    #[test]
    fn vat_rates_as_percentages() {
        assert_eq!(plain(percent_bp(2700, Lang::De)), "27 %");
        assert_eq!(percent_bp(2700, Lang::En), "27%");
        assert_eq!(percent_bp(550, Lang::Hu), "5,5%");
        assert_eq!(percent_bp(0, Lang::It), "0%");
    }

    #[test]
    fn money_per_locale_and_currency() {
        assert_eq!(plain(money(Money::new(1270, Currency::Huf), Lang::Hu)), "1 270 Ft");
        assert_eq!(plain(money(Money::new(1250, Currency::Eur), Lang::De)), "12,50 €");
        assert_eq!(plain(money(Money::new(1250, Currency::Pln), Lang::Pl)), "12,50 zł");
        assert_eq!(money(Money::new(1250, Currency::Eur), Lang::En), "€12.50");
        assert_eq!(money(Money::new(123_456_789, Currency::Eur), Lang::It), "1.234.567,89\u{a0}€");
        assert_eq!(plain(money(Money::new(-5, Currency::Pln), Lang::Pl)), "-0,05 zł");
        assert_eq!(plain(money(Money::new(1_000_000, Currency::Huf), Lang::En)), "1,000,000 Ft");
        assert_eq!(plain(money(Money::new(0, Currency::Huf), Lang::Hu)), "0 Ft");
    }

    #[test]
    fn dates_per_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date");
        assert_eq!(date(d, Lang::Hu), "2026. 12. 01.");
        assert_eq!(date(d, Lang::De), "01.12.2026");
        assert_eq!(date(d, Lang::Pl), "01.12.2026");
        assert_eq!(date(d, Lang::It), "01/12/2026");
        assert_eq!(date(d, Lang::En), "1 Dec 2026");
        assert_eq!(short_date(d, Lang::De), "01.12.");
        assert_eq!(short_month(d, Lang::Hu), "2026. 12.");
    }

    #[test]
    fn gigabytes_with_one_decimal() {
        assert_eq!(plain(gigabytes(12_460_000_000, Lang::Hu)), "12,4 GB");
        assert_eq!(plain(gigabytes(999_999, Lang::En)), "0.0 GB");
    }
}
