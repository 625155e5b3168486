//! A document's source defaults to the registrable domain of its URL ("eTLD+1"), so that
//! `www.bbc.co.uk` and `news.bbc.co.uk` count as one outlet.

/// The host of an absolute URL, lowercased, without userinfo, port or trailing dot.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        host_port.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The registrable domain of a URL's host per the Public Suffix List; the host itself when the
/// list does not know it (an IP address, `localhost`).
pub fn registrable_domain(url: &str) -> Option<String> {
    let host = host_of(url)?;
    if host.parse::<std::net::IpAddr>().is_ok() {
        return Some(host);
    }
    match psl::domain_str(&host) {
        Some(domain) => Some(domain.to_owned()),
        None => Some(host),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_subdomains_keeping_multi_part_suffixes() {
        assert_eq!(
            registrable_domain("https://www.bbc.co.uk/news/x").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            registrable_domain("http://user@News.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            registrable_domain("http://127.0.0.1/x").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(registrable_domain("").as_deref(), None);
    }
}
