//! Web pages given as deliberations — a page of the deliberations portal saved from a browser —
//! read as the text a reader sees (`html2text`): one line per block, entities decoded, scripts,
//! styles and comments left out, no markup or link notes added.

use html2text::render::TrivialDecorator;

/// Whether a decoded text is an HTML page, from its first characters.
pub fn is_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// The text of a page, its blocks one a line (the width is wide enough never to cut a line).
pub fn html_text(html: &str) -> String {
    html2text::config::with_decorator(TrivialDecorator::new())
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_else(|_| html.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_read_as_its_reader_sees_it() {
        let page = "<!DOCTYPE html><html><head><script>var x = '<p>';</script><style>p{}</style></head>\
                    <body><h2><a href=\"/1\">Délibération du 24/10/2019</a></h2><!-- note -->\
                    <p><strong>Instance :</strong> Bureau</p><p>Subvention de 25&nbsp;000&nbsp;&euro; &agrave; l&#39;association</p></body></html>";
        assert!(is_html(page));
        let text = html_text(page);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            ["Délibération du 24/10/2019", "Instance : Bureau", "Subvention de 25\u{a0}000\u{a0}€ à l'association"]
        );
    }

    #[test]
    fn a_text_that_speaks_of_html_is_a_text() {
        assert!(!is_html("Délibération du 24/10/2019\nObjet : site <html> de la Métropole"));
        assert!(is_html("  <HTML lang=\"fr\">"));
    }
}
