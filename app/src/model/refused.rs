//! A form refused without JavaScript comes back as a new page, and a new page would show its
//! field empty: the customer types it again. So a refused single-field form is sent back to its
//! page as `?<field>=<as typed>&refused=<reason>` (with whatever else the page needs to find the
//! form, such as the product), and the page puts the value back in its field with the reason
//! next to it. Forms that answer in place (the islands' editors, with JavaScript) keep their
//! value anyway; every other form posts and comes back this way, with JavaScript or without.

/// The most carried back, in bytes: the longest value any of these fields accepts (a list of
/// nameservers); anything longer was refused for its length and need not come back whole.
const KEPT_BYTES: usize = super::server_rules::ARGUMENT_MAX_BYTES;

/// `path` with the refused form's `fields` as typed and the reason `code`.
pub fn href(path: &str, fields: &[(&str, &str)], code: &str) -> String {
    let mut href = format!("{path}?");
    for (name, typed) in fields {
        href.push_str(&format!("{name}={}&", query_escape(kept(typed))));
    }
    href.push_str(&format!("refused={}", query_escape(code)));
    href
}

/// `typed` cut to `KEPT_BYTES`, at a character's boundary.
fn kept(typed: &str) -> &str {
    let mut end = typed.len().min(KEPT_BYTES);
    while !typed.is_char_boundary(end) {
        end -= 1;
    }
    &typed[..end]
}

/// Percent-encodes everything but ASCII letters and digits.
fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_value_goes_back_to_its_form_as_typed() {
        assert_eq!(
            href("/balance", &[("amount", "4,99 €&x=1")], "amount_too_small"),
            "/balance?amount=4%2C99%20%E2%82%AC%26x%3D1&refused=amount%5Ftoo%5Fsmall"
        );
        assert_eq!(
            href("/catalogue", &[("product", "7"), ("domain", "bad domain")], "domain_invalid"),
            "/catalogue?product=7&domain=bad%20domain&refused=domain%5Finvalid"
        );
        let long = "a".repeat(KEPT_BYTES + 100);
        assert_eq!(
            href("/cart", &[("code", &long)], "x").len(),
            "/cart?code=&refused=x".len() + KEPT_BYTES
        );
        // A cut never splits a character: "é" is two bytes, escaped as six characters.
        let accents = "é".repeat(KEPT_BYTES);
        assert_eq!(
            href("/cart", &[("code", &accents)], "x").len(),
            "/cart?code=&refused=x".len() + KEPT_BYTES / 2 * 6
        );
    }
}
