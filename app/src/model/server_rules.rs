//! The rules of server and domain operations, shared so that the page offers only what the
//! server will accept, and the server enforces the same rules.

use super::{Operation, PowerState};

/// Power actions in the order the page offers them.
pub const POWER_ACTIONS: [Operation; 4] =
    [Operation::Activate, Operation::Disable, Operation::Reboot, Operation::Block];

/// The state a server ends in when `op` succeeds from `from`, or `None` when the step is not
/// allowed: a running server cannot be activated, only a running one reboots, and so on.
pub fn power_transition(op: Operation, from: PowerState) -> Option<PowerState> {
    use Operation as O;
    use PowerState as P;
    match (op, from) {
        (O::Activate, P::Disabled | P::Blocked) => Some(P::Running),
        (O::Disable, P::Running) => Some(P::Disabled),
        (O::Reboot, P::Running) => Some(P::Running),
        (O::Block, P::Running | P::Disabled) => Some(P::Blocked),
        // A reinstall boots the server into the new system.
        (O::Reinstall, P::Running | P::Disabled) => Some(P::Running),
        _ => None,
    }
}

/// Fewest and most nameservers a registry accepts for a domain.
pub const NAMESERVERS_MIN: usize = 2;
pub const NAMESERVERS_MAX: usize = 13;
/// The longest argument an operation accepts: 13 names of at most 253 characters, with
/// separators, fit well inside. Longer input is refused before anything else looks at it.
pub const ARGUMENT_MAX_BYTES: usize = 4096;

/// Why a hostname or a list of them was refused; each is an i18n key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostnameError {
    Empty,
    TooLong,
    BadLabel,
    NeedsDomain,
    TooFew,
    TooMany,
    Duplicate,
    /// The whole input is longer than any valid one.
    InputTooLong,
}

impl HostnameError {
    pub fn code(self) -> &'static str {
        match self {
            HostnameError::Empty => "hostname_empty",
            HostnameError::TooLong => "hostname_too_long",
            HostnameError::BadLabel => "hostname_bad_label",
            HostnameError::NeedsDomain => "hostname_needs_domain",
            HostnameError::TooFew => "nameservers_too_few",
            HostnameError::TooMany => "nameservers_too_many",
            HostnameError::Duplicate => "nameservers_duplicate",
            HostnameError::InputTooLong => "too_long",
        }
    }
}

/// A fully qualified hostname (RFC 1123): at least two labels of letters, digits and inner
/// hyphens, 63 characters a label, 253 in all, and a top-level label that is not numeric.
/// Returns it lower-cased without a trailing dot.
pub fn hostname(input: &str) -> Result<String, HostnameError> {
    let name = input.trim().trim_end_matches('.').to_ascii_lowercase();
    if name.is_empty() {
        return Err(HostnameError::Empty);
    }
    if name.len() > 253 {
        return Err(HostnameError::TooLong);
    }
    let labels: Vec<&str> = name.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !labels.iter().all(label_ok) {
        return Err(HostnameError::BadLabel);
    }
    if labels.len() < 2 || labels.last().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(HostnameError::NeedsDomain);
    }
    Ok(name)
}

/// The nameservers typed into the editor, one a line (commas and spaces also separate them).
/// The work is bounded whatever arrives: oversize input is refused unread, and the list stops
/// at the fourteenth name, so the duplicate check compares at most 13 x 13 names.
pub fn nameservers(input: &str) -> Result<Vec<String>, HostnameError> {
    if input.len() > ARGUMENT_MAX_BYTES {
        return Err(HostnameError::InputTooLong);
    }
    let mut out: Vec<String> = Vec::new();
    for part in input.split(|c: char| c.is_whitespace() || c == ',').filter(|p| !p.is_empty()) {
        if out.len() == NAMESERVERS_MAX {
            return Err(HostnameError::TooMany);
        }
        let host = hostname(part)?;
        if out.contains(&host) {
            return Err(HostnameError::Duplicate);
        }
        out.push(host);
    }
    if out.len() < NAMESERVERS_MIN {
        return Err(HostnameError::TooFew);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn power_actions_follow_the_state_machine() {
        use Operation as O;
        use PowerState as P;
        assert_eq!(power_transition(O::Reboot, P::Running), Some(P::Running));
        assert_eq!(power_transition(O::Reboot, P::Disabled), None);
        assert_eq!(power_transition(O::Activate, P::Running), None);
        assert_eq!(power_transition(O::Activate, P::Blocked), Some(P::Running));
        assert_eq!(power_transition(O::Disable, P::Blocked), None);
        assert_eq!(power_transition(O::Block, P::Blocked), None);
        assert_eq!(power_transition(O::Nameservers, P::Running), None);
    }

    #[test]
    fn hostnames_are_checked_and_normalised() {
        assert_eq!(hostname(" Mail.Kovacs.HU. "), Ok("mail.kovacs.hu".into()));
        assert_eq!(hostname("localhost"), Err(HostnameError::NeedsDomain));
        assert_eq!(hostname("10.0.0.1"), Err(HostnameError::NeedsDomain));
        assert_eq!(hostname("-bad.example.com"), Err(HostnameError::BadLabel));
        assert_eq!(hostname("a..b"), Err(HostnameError::BadLabel));
        assert_eq!(hostname("under_score.hu"), Err(HostnameError::BadLabel));
        assert_eq!(hostname(&format!("{}.hu", "a".repeat(64))), Err(HostnameError::BadLabel));
        assert_eq!(hostname(""), Err(HostnameError::Empty));
    }

    #[test]
    fn nameserver_lists_need_two_to_thirteen_distinct_hosts() {
        assert_eq!(
            nameservers("ns1.example.com\nns2.example.com"),
            Ok(vec!["ns1.example.com".into(), "ns2.example.com".into()])
        );
        assert_eq!(nameservers("ns1.example.com"), Err(HostnameError::TooFew));
        assert_eq!(nameservers("ns1.a.hu, NS1.a.hu"), Err(HostnameError::Duplicate));
        let fourteen: Vec<String> = (1..=14).map(|i| format!("ns{i}.a.hu")).collect();
        assert_eq!(nameservers(&fourteen.join("\n")), Err(HostnameError::TooMany));
        assert_eq!(nameservers(&fourteen[..13].join("\n")).map(|v| v.len()), Ok(13));
    }

    #[test]
    fn oversize_nameserver_input_is_refused_before_it_is_parsed() {
        // 2 MB of distinct names: refused by size, not by comparing them all with each other.
        let flood: String = (0..100_000).map(|i| format!("ns{i}.example.com\n")).collect();
        assert!(flood.len() > 1_000_000);
        assert_eq!(nameservers(&flood), Err(HostnameError::InputTooLong));
        // Just under the size limit but far too many names: stops at the fourteenth.
        let many: String = (0..300).map(|i| format!("n{i}.a.hu ")).collect();
        assert!(many.len() <= ARGUMENT_MAX_BYTES);
        assert_eq!(nameservers(&many), Err(HostnameError::TooMany));
    }
}
