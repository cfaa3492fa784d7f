//! Where an address leads, read from the address as a browser writes it out after parsing it
//! (`Request.url`, `Response.url`: absolute, scheme and host in lowercase, IDN in punycode, the
//! default port dropped, `\` turned into `/`). The browser does the parsing, the one `fetch` and
//! links use, so that `//evil.example`, `https://site@evil.example`, `https:\\evil.example`,
//! uppercase hosts, ports and IDN are judged as they will be followed; this module only reads
//! the result, and compares it with the origins a site allows its exports to come from.

/// The origin (`https://host[:port]`) of an http(s) address as browsers write it out, and its
/// host (with the port, when not the default); `None` for any other scheme (`data:`, `blob:`,
/// `javascript:`…) and for an address with a user name, whose `@` is there to mislead the eye.
pub fn web_origin(url: &str) -> Option<(&str, &str)> {
    // No substring search: it would bring std's searcher into the wasm.
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
    let host = &rest[..end];
    (!host.is_empty() && !host.contains('@')).then(|| (&url[..url.len() - rest.len() + end], host))
}

/// The host `url` leads to, when its origin is one of `allowed` (origins as browsers write them,
/// separated by spaces).
pub fn allowed_host<'a>(url: &'a str, allowed: &str) -> Option<&'a str> {
    let (origin, host) = web_origin(url)?;
    allowed.split(' ').any(|a| a == origin).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_of_addresses_as_browsers_write_them() {
        let origin = |url| web_origin(url).map(|(origin, _)| origin);
        assert_eq!(origin("https://www.ampmetropole.fr/carte/data.json"), Some("https://www.ampmetropole.fr"));
        assert_eq!(origin("http://127.0.0.1:8080/?data=x"), Some("http://127.0.0.1:8080"));
        assert_eq!(origin("https://xn--donnes-bva.example#x"), Some("https://xn--donnes-bva.example"));
        assert_eq!(web_origin("https://site.example@evil.example/"), None);
        for other in ["data:application/json,{}", "blob:https://site.example/1", "javascript:alert(1)", "https://", ""]
        {
            assert_eq!(web_origin(other), None, "{other}");
        }
        assert_eq!(web_origin("https://hubdumentorat.fr/"), Some(("https://hubdumentorat.fr", "hubdumentorat.fr")));
        assert_eq!(web_origin("http://127.0.0.1:8080/x"), Some(("http://127.0.0.1:8080", "127.0.0.1:8080")));
    }

    #[test]
    fn only_allowed_origins_give_a_host() {
        let allowed = "https://site.example http://127.0.0.1:8080";
        assert_eq!(allowed_host("https://site.example/data/x.json", allowed), Some("site.example"));
        assert_eq!(allowed_host("http://127.0.0.1:8080/x", allowed), Some("127.0.0.1:8080"));
        for refused in [
            "http://site.example/x",
            "https://site.example:8443/x",
            "https://site.example.evil.example/x",
            "https://evil.example/site.example",
            "http://127.0.0.1:9/x",
            "http://localhost:8080/x",
        ] {
            assert_eq!(allowed_host(refused, allowed), None, "{refused}");
        }
    }
}
