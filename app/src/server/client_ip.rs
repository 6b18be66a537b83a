//! Where a request comes from: the TCP peer, or, when the peer is one of our own reverse
//! proxies, the address that proxy reports in `X-Forwarded-For` or `Forwarded`. Pure
//! functions, tested below; the session layer calls [`client_ip`] once per request.
//!
//! A forwarding header is a list that every proxy appends to, so only its right end is
//! written by proxies we run: everything left of our outermost proxy's entry is whatever the
//! client sent. The client is therefore the rightmost hop that is *not* a trusted proxy.
//! Anything that does not parse where we have to read it falls back to the peer.

use axum::http::HeaderMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

/// An address block: `10.0.0.0/8`, `2001:db8::/32`; a bare address is a /32 or /128.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                u32::from(ip) & mask_v4(self.prefix) == u32::from(net)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                u128::from(ip) & mask_v6(self.prefix) == u128::from(net)
            }
            _ => false,
        }
    }
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let invalid = || format!("`{s}` is not an IP address or an address/prefix block");
        let (addr, prefix) = match s.split_once('/') {
            Some((addr, prefix)) => {
                let prefix: u8 = prefix.parse().map_err(|_| invalid())?;
                (addr, Some(prefix))
            }
            None => (s, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| invalid())?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        if prefix > max {
            return Err(invalid());
        }
        // `::ffff:10.0.0.0/104` is the IPv4 block 10.0.0.0/8; addresses are compared as IPv4.
        let (addr, prefix) = match addr {
            IpAddr::V6(v6) if prefix >= 96 && v6.to_ipv4_mapped().is_some() => {
                (canonical(addr), prefix - 96)
            }
            _ => (addr, prefix),
        };
        let network = match addr {
            IpAddr::V4(v4) => IpAddr::V4(Ipv4Addr::from(u32::from(v4) & mask_v4(prefix))),
            IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask_v6(prefix))),
        };
        Ok(Self { network, prefix })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

fn mask_v4(prefix: u8) -> u32 {
    if prefix == 0 { 0 } else { u32::MAX << (32 - u32::from(prefix)) }
}

fn mask_v6(prefix: u8) -> u128 {
    if prefix == 0 { 0 } else { u128::MAX << (128 - u32::from(prefix)) }
}

/// Which header our proxies write. Only one is read: a header our proxy does not manage
/// passes through it untouched, so reading it would let any client choose its address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2` (nginx `$proxy_add_x_forwarded_for`).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client, for="[2001:db8::1]:4711"`.
    Forwarded,
}

impl ForwardedHeader {
    pub fn name(self) -> &'static str {
        match self {
            Self::XForwardedFor => "X-Forwarded-For",
            Self::Forwarded => "Forwarded",
        }
    }
}

impl FromStr for ForwardedHeader {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "x-forwarded-for" => Ok(Self::XForwardedFor),
            "forwarded" => Ok(Self::Forwarded),
            other => Err(format!("`{other}` is neither `x-forwarded-for` nor `forwarded`")),
        }
    }
}

/// The reverse proxies whose forwarding header is believed. Empty (the default): none, the
/// TCP peer is the client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    pub networks: Vec<Cidr>,
    pub header: ForwardedHeader,
}

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and blocks (`127.0.0.1/32, 10.0.0.0/8, ::1`).
    pub fn parse(list: &str, header: ForwardedHeader) -> Result<Self, String> {
        let networks = list
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(Cidr::from_str)
            .collect::<Result<_, _>>()?;
        Ok(Self { networks, header })
    }

    pub fn is_empty(&self) -> bool {
        self.networks.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.networks.iter().any(|net| net.contains(ip))
    }
}

/// The client's address: the peer itself unless the peer is a trusted proxy; then the
/// rightmost hop of the forwarding header that is not a trusted proxy. If every hop is a
/// trusted proxy, the leftmost one (the request started inside). If a hop we have to read
/// is not an address (`unknown`, garbage, an unclosed quote), the peer.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let peer = canonical(peer);
    if !trusted.trusts(peer) {
        return peer;
    }
    let hops = match trusted.header {
        ForwardedHeader::XForwardedFor => x_forwarded_for(headers),
        ForwardedHeader::Forwarded => forwarded(headers),
    };
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Some(ip) = hop.map(canonical) else { return peer };
        if !trusted.trusts(ip) {
            return ip;
        }
        client = ip;
    }
    client
}

/// IPv4-mapped IPv6 (`::ffff:192.0.2.1`, what a dual-stack socket reports) as plain IPv4.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The rate-limit bucket of an address: IPv4 as is, IPv6 by its /64 (one customer's LAN
/// usually gets a whole /64, and any address in it is theirs to use).
pub fn bucket(ip: &str) -> String {
    match ip.parse::<IpAddr>().map(canonical) {
        Ok(IpAddr::V6(v6)) => {
            format!("{}/64", Ipv6Addr::from(u128::from(v6) & mask_v6(64)))
        }
        Ok(v4) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

/// All `X-Forwarded-For` lines as one list, left to right; `None` marks a hop that is not an
/// address.
fn x_forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let mut hops = Vec::new();
    for line in headers.get_all("x-forwarded-for") {
        let Ok(line) = line.to_str() else {
            hops.push(None);
            continue;
        };
        hops.extend(line.split(',').map(|hop| node(hop.trim())));
    }
    hops
}

/// The `for=` of every element of every `Forwarded` line, left to right; `None` marks an
/// element without a usable `for=` address.
fn forwarded(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let mut hops = Vec::new();
    for line in headers.get_all("forwarded") {
        let Ok(line) = line.to_str() else {
            hops.push(None);
            continue;
        };
        for element in split_unquoted(line, ',') {
            let for_value = element.and_then(|element| {
                split_unquoted(element, ';').into_iter().find_map(|pair| {
                    let (key, value) = pair?.split_once('=')?;
                    key.trim().eq_ignore_ascii_case("for").then(|| value.trim())
                })
            });
            hops.push(for_value.and_then(unquote).and_then(node));
        }
    }
    hops
}

/// Splits at `sep` outside double quotes (with `\` escapes inside them). A part whose quote
/// never closes is `None`.
fn split_unquoted(s: &str, sep: char) -> Vec<Option<&str>> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(Some(&s[start..i]));
            start = i + 1;
        }
    }
    parts.push((!quoted).then(|| &s[start..]));
    parts
}

/// `"[2001:db8::1]:4711"` -> `[2001:db8::1]:4711`; a token stays as it is.
fn unquote(value: &str) -> Option<&str> {
    match value.strip_prefix('"') {
        Some(rest) => rest.strip_suffix('"').filter(|inner| !inner.contains(['"', '\\'])),
        None => Some(value),
    }
}

/// One hop: `192.0.2.1`, `192.0.2.1:8080`, `2001:db8::1`, `[2001:db8::1]`,
/// `[2001:db8::1]:4711`. `unknown` and obfuscated names (`_proxy1`) are not addresses.
fn node(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(addr) = hop.parse::<SocketAddr>() {
        return Some(addr.ip());
    }
    hop.strip_prefix('[')?.strip_suffix(']')?.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(list: &str, header: ForwardedHeader) -> TrustedProxies {
        TrustedProxies::parse(list, header).unwrap()
    }

    fn headers(name: &'static str, lines: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for line in lines {
            h.append(name, HeaderValue::from_str(line).unwrap());
        }
        h
    }

    #[test]
    fn cidr_blocks_parse_and_match() {
        let net: Cidr = "10.1.0.0/16".parse().unwrap();
        assert!(net.contains(ip("10.1.200.3")));
        assert!(!net.contains(ip("10.2.0.1")));
        assert!(net.contains(ip("::ffff:10.1.0.9")), "IPv4-mapped IPv6 is the IPv4 address");
        let single: Cidr = " 127.0.0.1 ".parse().unwrap();
        assert_eq!(single.to_string(), "127.0.0.1/32");
        assert!(single.contains(ip("127.0.0.1")) && !single.contains(ip("127.0.0.2")));
        let v6: Cidr = "2001:db8:aa::/48".parse().unwrap();
        assert!(v6.contains(ip("2001:db8:aa:ffff::1")));
        assert!(!v6.contains(ip("2001:db8:ab::1")));
        assert!(!v6.contains(ip("10.1.0.1")));
        assert_eq!("::1".parse::<Cidr>().unwrap().to_string(), "::1/128");
        // Host bits are ignored; /0 is everything of its family.
        assert_eq!("192.168.7.9/24".parse::<Cidr>().unwrap().to_string(), "192.168.7.0/24");
        assert!("0.0.0.0/0".parse::<Cidr>().unwrap().contains(ip("203.0.113.9")));
        assert_eq!("::ffff:10.0.0.0/104".parse::<Cidr>().unwrap().to_string(), "10.0.0.0/8");
        for bad in ["", "10.0.0.0/33", "::/129", "10.0.0/8", "proxy.internal", "10.0.0.0/x"] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn trusted_proxy_lists_parse_or_name_the_bad_entry() {
        let list = proxies("127.0.0.1/32, 10.0.0.0/8,,::1,", ForwardedHeader::XForwardedFor);
        assert_eq!(list.networks.len(), 3);
        assert!(list.trusts(ip("10.9.9.9")) && list.trusts(ip("::1")));
        assert!(!list.trusts(ip("192.0.2.1")));
        assert!(TrustedProxies::parse("", ForwardedHeader::XForwardedFor).unwrap().is_empty());
        let err = TrustedProxies::parse("10.0.0.0/8, nginx", ForwardedHeader::Forwarded);
        assert!(err.unwrap_err().contains("`nginx`"));
        assert_eq!("Forwarded".parse(), Ok(ForwardedHeader::Forwarded));
        assert_eq!("X-Forwarded-For".parse(), Ok(ForwardedHeader::XForwardedFor));
        assert!("x-real-ip".parse::<ForwardedHeader>().is_err());
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_sends() {
        let h = headers("x-forwarded-for", &["198.51.100.1"]);
        let none = TrustedProxies::default();
        assert_eq!(client_ip(ip("203.0.113.7"), &h, &none), ip("203.0.113.7"));
        let other = proxies("10.0.0.0/8", ForwardedHeader::XForwardedFor);
        assert_eq!(client_ip(ip("203.0.113.7"), &h, &other), ip("203.0.113.7"));
        assert_eq!(client_ip(ip("::ffff:203.0.113.7"), &h, &none), ip("203.0.113.7"));
    }

    #[test]
    fn x_forwarded_for_is_read_from_the_right_up_to_the_first_untrusted_hop() {
        let trusted = proxies("127.0.0.1, 10.0.0.0/8", ForwardedHeader::XForwardedFor);
        let peer = ip("127.0.0.1");
        let client = |lines: &[&str]| client_ip(peer, &headers("x-forwarded-for", lines), &trusted);
        assert_eq!(client(&["203.0.113.5"]), ip("203.0.113.5"));
        // The client's own (forged) entries are left of the real one.
        assert_eq!(client(&["1.2.3.4, 203.0.113.5"]), ip("203.0.113.5"));
        assert_eq!(client(&["garbage, 203.0.113.5"]), ip("203.0.113.5"));
        // Inner proxies are skipped.
        assert_eq!(client(&["1.2.3.4, 203.0.113.5, 10.0.0.7"]), ip("203.0.113.5"));
        // Several header lines are one list.
        assert_eq!(client(&["1.2.3.4, 203.0.113.5", "10.0.0.7"]), ip("203.0.113.5"));
        // Ports and brackets as some proxies write them; mapped IPv6 as IPv4.
        assert_eq!(client(&["203.0.113.5:41000"]), ip("203.0.113.5"));
        assert_eq!(client(&["[2001:db8::5]:41000"]), ip("2001:db8::5"));
        assert_eq!(client(&["2001:db8::5"]), ip("2001:db8::5"));
        assert_eq!(client(&["::ffff:203.0.113.5"]), ip("203.0.113.5"));
        // Everything trusted: the request started inside, at the leftmost hop.
        assert_eq!(client(&["10.0.0.9, 10.0.0.7"]), ip("10.0.0.9"));
        // No header, or a hop we must read that is not an address: the peer.
        assert_eq!(client(&[]), peer);
        assert_eq!(client(&["203.0.113.5, unknown"]), peer);
        assert_eq!(client(&["203.0.113.5, "]), peer);
        // The Forwarded header is not the one configured: ignored.
        let forwarded = headers("forwarded", &["for=198.51.100.1"]);
        assert_eq!(client_ip(peer, &forwarded, &trusted), peer);
    }

    #[test]
    fn forwarded_for_with_quoted_ipv6_ports_and_other_parameters() {
        let trusted = proxies("10.0.0.0/8, 2001:db8:ffff::/48", ForwardedHeader::Forwarded);
        let peer = ip("10.0.0.1");
        let client = |lines: &[&str]| client_ip(peer, &headers("forwarded", lines), &trusted);
        assert_eq!(client(&["for=192.0.2.60;proto=http;by=203.0.113.43"]), ip("192.0.2.60"));
        assert_eq!(client(&[r#"for="[2001:db8:cafe::17]:4711""#]), ip("2001:db8:cafe::17"));
        assert_eq!(client(&[r#"For="[2001:db8:cafe::17]""#]), ip("2001:db8:cafe::17"));
        assert_eq!(client(&[r#"for="192.0.2.60:8080""#]), ip("192.0.2.60"));
        assert_eq!(
            client(&[
                r#"for=198.51.100.1, for="[2001:db8:cafe::17]:4711";proto=https, for=10.0.0.3"#
            ]),
            ip("2001:db8:cafe::17")
        );
        assert_eq!(
            client(&["for=198.51.100.1", r#"proto=https;for="[2001:db8:ffff::2]""#]),
            ip("198.51.100.1"),
            "a trusted IPv6 proxy is skipped"
        );
        // A comma inside quotes does not split elements.
        assert_eq!(client(&[r#"for=192.0.2.60;host="a,b""#]), ip("192.0.2.60"));
        // Whatever the client put on the left does not matter...
        assert_eq!(client(&[r#"for=_x;by="a,b", for=192.0.2.60"#]), ip("192.0.2.60"));
        assert_eq!(client(&["for=garbage", "for=192.0.2.60"]), ip("192.0.2.60"));
        // ...unless it breaks the quoting of our part: then, as for any unreadable hop on
        // our side, the peer.
        assert_eq!(client(&[r#"for="oops, for=192.0.2.60"#]), peer);
        assert_eq!(client(&["for=unknown"]), peer);
        assert_eq!(client(&["for=_hidden"]), peer);
        assert_eq!(client(&["proto=https"]), peer);
        assert_eq!(client(&[r#"for="192.0.2.60"#]), peer);
        assert_eq!(client(&[r#"for=192.0.2.1, for="[2001:db8::1"#]), peer);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(bucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
        assert_eq!(bucket("2001:db8:1:2::1"), bucket("2001:db8:1:2:ffff::9"));
        assert_ne!(bucket("2001:db8:1:2::1"), bucket("2001:db8:1:3::1"));
        assert_eq!(bucket("203.0.113.5"), "203.0.113.5");
        assert_eq!(bucket("::ffff:203.0.113.5"), "203.0.113.5");
        assert_eq!(bucket("::1"), "::/64");
    }
}
