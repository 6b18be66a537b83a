//! Plural forms, one place per rule. The languages' texts pick their word with these, so a
//! count reads right in every language ("1 minutę", "2 minuty", "5 minut", "12 minut").
//!
//! English, German and Italian have one form for 1 and another for the rest; Hungarian puts
//! the singular after every numeral ("1 perc", "12 perc"), so it needs no rule; Polish has
//! three (CLDR "one", "few", "many").

/// Polish: `one` for 1; `few` for 2-4, 22-24, 32-34, … but not 12-14; `many` for the rest
/// (0, 5-21, 25-31, …, and every 11-19 ending).
pub fn polish<'a>(n: i64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.unsigned_abs();
    if n == 1 {
        one
    } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
        few
    } else {
        many
    }
}

/// English, German, Italian: `one` for exactly 1, `other` for every other count.
pub fn one_other<'a>(n: i64, one: &'a str, other: &'a str) -> &'a str {
    if n == 1 { one } else { other }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_has_one_few_and_many() {
        let minutes = |n| polish(n, "minutę", "minuty", "minut");
        assert_eq!(minutes(1), "minutę");
        for few in [2, 3, 4, 22, 23, 24, 32, 104, 1002] {
            assert_eq!(minutes(few), "minuty", "{few}");
        }
        for many in [0, 5, 11, 12, 13, 14, 15, 20, 21, 25, 111, 112, 1000] {
            assert_eq!(minutes(many), "minut", "{many}");
        }
    }

    #[test]
    fn one_and_other_for_the_rest() {
        assert_eq!(one_other(1, "day", "days"), "day");
        assert_eq!(one_other(0, "day", "days"), "days");
        assert_eq!(one_other(21, "Tag", "Tage"), "Tage");
    }
}
