//! A form refused without JavaScript comes back as a new page, and a new page would show its
//! field empty: the customer types it again. So a refused single-field form is sent back to its
//! page as `?<field>=<as typed>&refused=<reason>` (with whatever else the page needs to find the
//! form, such as the product), and the page puts the value back in its field with the reason
//! next to it. With JavaScript the form never leaves the page and keeps its value anyway.

/// The longest value carried back: the fields are short (a domain is at most 253 characters).
const KEPT_CHARS: usize = 253;

/// `path` with the refused form's `fields` as typed and the reason `code`.
pub fn href(path: &str, fields: &[(&str, &str)], code: &str) -> String {
    let mut href = format!("{path}?");
    for (name, typed) in fields {
        let typed: String = typed.chars().take(KEPT_CHARS).collect();
        href.push_str(&format!("{name}={}&", query_escape(&typed)));
    }
    href.push_str(&format!("refused={}", query_escape(code)));
    href
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
        let long = "a".repeat(2000);
        assert_eq!(
            href("/cart", &[("code", &long)], "x").len(),
            "/cart?code=&refused=x".len() + 253
        );
    }
}
