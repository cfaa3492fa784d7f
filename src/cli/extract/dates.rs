//! Dates as deliberations write them, read on folded text: "7 décembre 2023", "1er mars 2024",
//! "15/04/2021", "juin 2022", "L'an deux mille vingt-quatre, le quinze mars", "en juin dernier";
//! and the end dates of conventions ("jusqu'au 31 décembre 2027").

use crate::core::model::IsoDate;

use super::text::{find_word, folded, runs, Run, Sentence};

/// A date found in a folded text, with its byte span there.
pub(super) struct FoundDate {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) date: IsoDate,
}

/// Dates in a folded text: "7 decembre 2023", "1er mars 2024", "15/04/2021", "juin 2022".
pub(super) fn dates_in(f: &str) -> Vec<FoundDate> {
    let r = runs(f);
    let mut out = Vec::new();
    let blank = |a: &Run, b: &Run| f[a.end..b.start].chars().all(|c| c == ' ' || c == '\n');
    let mut i = 0;
    while i < r.len() {
        // 15/04/2021, 15.04.2021
        if i + 2 < r.len() {
            let (d, m, y) = (&r[i], &r[i + 1], &r[i + 2]);
            let sep1 = &f[d.end..m.start];
            let sep2 = &f[m.end..y.start];
            if (1..=2).contains(&d.word.len())
                && (1..=2).contains(&m.word.len())
                && sep1 == sep2
                && (sep1 == "/" || sep1 == ".")
                && d.word.bytes().all(|b| b.is_ascii_digit())
                && m.word.bytes().all(|b| b.is_ascii_digit())
            {
                if let Some(year) = year_of(y.word) {
                    let text = format!("{year:04}-{:0>2}-{:0>2}", m.word, d.word);
                    if let Some(date) = IsoDate::parse(&text) {
                        out.push(FoundDate { start: d.start, end: y.end, date });
                        i += 3;
                        continue;
                    }
                }
            }
            if let (Some(day), Some(month), Some(year)) = (day_of(d.word), month_of(m.word), year_of(y.word)) {
                if blank(d, m) && blank(m, y) {
                    if let Some(date) = IsoDate::parse(&format!("{year:04}-{month:02}-{day:02}")) {
                        out.push(FoundDate { start: d.start, end: y.end, date });
                        i += 3;
                        continue;
                    }
                }
            }
        }
        if i + 1 < r.len() {
            if let (Some(month), Some(year)) = (month_of(r[i].word), year_of(r[i + 1].word)) {
                if blank(&r[i], &r[i + 1]) {
                    if let Some(date) = IsoDate::parse(&format!("{year:04}-{month:02}")) {
                        out.push(FoundDate { start: r[i].start, end: r[i + 1].end, date });
                        i += 2;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// "L'an deux mille vingt-quatre, le quinze mars" → 2024-03-15.
pub(super) fn words_date(f: &str) -> Option<IsoDate> {
    let pos = find_word(f, "l'an")?;
    let r = runs(&f[pos..]);
    let (year, mut i) = words_number(&r, 2)?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    while i < r.len() && r[i].word != "le" {
        i += 1;
        if i > 6 {
            return None;
        }
    }
    i += 1;
    let (day, mut j) = match r.get(i).and_then(|w| day_of(w.word)) {
        Some(d) => (u32::from(d), i + 1),
        None => words_number(&r, i)?,
    };
    while j < r.len() && matches!(r[j].word, "du" | "mois" | "de") {
        j += 1;
    }
    let month = month_of(r.get(j)?.word)?;
    IsoDate::parse(&format!("{year:04}-{month:02}-{day:02}"))
}

/// "en juin dernier" in a folded text, read from the date the text speaks from: the last such
/// month before it ("en juin dernier" in May 2024 is June 2023, in July 2024 June 2024).
pub(super) fn last_month(f: &str, from: IsoDate) -> Option<IsoDate> {
    let r = runs(f);
    for w in r.windows(3) {
        if w[0].word == "en" && w[2].word == "dernier" {
            if let Some(m) = month_of(w[1].word) {
                let pm = from.month.unwrap_or(12);
                let year = if m < pm { from.year } else { from.year - 1 };
                return IsoDate::parse(&format!("{year:04}-{m:02}"));
            }
        }
    }
    None
}

/// End dates: "jusqu'au 31 décembre 2027", "jusqu'en 2027", "prend fin le 30/06/2025".
pub(super) fn find_end_dates(sentences: &[Sentence]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in sentences {
        let f = folded(&s.text);
        for marker in [
            "jusqu'au ",
            "jusqu'a ",
            "jusqu'en ",
            "prend fin le ",
            "prendra fin le ",
            "expire le ",
            "expirera le ",
            "date d'echeance ",
        ] {
            let mut from = 0;
            while let Some(rel) = f.get(from..).and_then(|t| t.find(marker)) {
                let at = from + rel + marker.len();
                from = at;
                let rest = &f[at..];
                let date = dates_in(rest).into_iter().find(|d| d.start <= 12).map(|d| d.date).or_else(|| {
                    runs(rest)
                        .first()
                        .filter(|r| r.start == 0)
                        .and_then(|r| year_of(r.word))
                        .and_then(|y| IsoDate::parse(&y.to_string()))
                });
                if let Some(d) = date {
                    let iso = d.to_string();
                    if !out.contains(&iso) {
                        out.push(iso);
                    }
                }
            }
        }
    }
    out
}

const MONTHS: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

fn month_of(w: &str) -> Option<u8> {
    MONTHS.iter().position(|m| *m == w).map(|i| i as u8 + 1)
}

fn day_of(w: &str) -> Option<u8> {
    match w {
        "1er" | "premier" => Some(1),
        _ if (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) => {
            w.parse().ok().filter(|d| (1..=31).contains(d))
        }
        _ => None,
    }
}

pub(super) fn year_of(w: &str) -> Option<i32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "un" | "une" | "premier" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "seize" => 16,
        "vingt" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        _ => return None,
    })
}

/// A number written in words from run `i` ("deux mille vingt-quatre", "trente et un").
fn words_number(r: &[Run], mut i: usize) -> Option<(u32, usize)> {
    let (mut total, mut current, mut any) = (0u32, 0u32, false);
    while i < r.len() {
        let w = r[i].word;
        if w == "mille" {
            total = total.saturating_add(current.max(1).saturating_mul(1000));
            current = 0;
            any = true;
        } else if w == "et" && any {
        } else if let Some(v) = number_word(w) {
            current = current.saturating_add(v);
            any = true;
        } else {
            break;
        }
        i += 1;
    }
    any.then_some((total.saturating_add(current), i))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ISO dates read in a text, folded first as the readers do.
    fn iso(text: &str) -> Vec<String> {
        dates_in(&folded(text)).iter().map(|d| d.date.to_string()).collect()
    }

    fn sentence(text: &str) -> Sentence {
        Sentence { text: text.to_string(), deciding: true }
    }

    #[test]
    fn dates_in_words_figures_and_capitals() {
        assert_eq!(iso("Séance du jeudi 7 décembre 2023"), ["2023-12-07"]);
        assert_eq!(iso("SÉANCE DU JEUDI 1ER FÉVRIER 2024"), ["2024-02-01"]);
        assert_eq!(iso("le premier août 2022"), ["2022-08-01"]);
        assert_eq!(iso("Signé le 15/04/2021, publié le 16.04.2021"), ["2021-04-15", "2021-04-16"]);
        assert_eq!(iso("votée en juin 2022"), ["2022-06"]);
    }

    #[test]
    fn dates_that_do_not_exist_are_not_read() {
        // An impossible day is not read; the month and year still are.
        assert_eq!(iso("le 31 février 2024"), ["2024-02"]);
        assert!(iso("le 32/01/2024").is_empty());
        assert!(iso("le 12/31/2024").is_empty());
        // A year outside 1900–2100 is a number, not a year.
        assert!(iso("7 décembre 3023").is_empty());
        // A reference is not a date.
        assert!(iso("CHL 012-9751/21/BM").is_empty());
    }

    #[test]
    fn the_span_of_a_date_is_where_it_stands() {
        let f = folded("Réuni le 7 décembre 2023 à 9 h");
        let found = dates_in(&f);
        assert_eq!(&f[found[0].start..found[0].end], "7 decembre 2023");
    }

    #[test]
    fn register_dates_written_in_words() {
        let date = |t: &str| words_date(&folded(t)).map(|d| d.to_string());
        assert_eq!(date("L'an deux mille vingt-quatre, le quinze mars"), Some("2024-03-15".into()));
        assert_eq!(date("L’AN DEUX MILLE VINGT-TROIS, LE TRENTE ET UN MAI"), Some("2023-05-31".into()));
        assert_eq!(date("L'an deux mille vingt et un, le 1er du mois de juin"), Some("2021-06-01".into()));
        assert_eq!(date("L'an deux mille vingt-quatre, le premier février"), Some("2024-02-01".into()));
        assert_eq!(date("L'an deux mille vingt-quatre, le trente février"), None);
        assert_eq!(date("Le quinze mars"), None);
    }

    #[test]
    fn numbers_in_words() {
        let f = folded("deux mille vingt-quatre");
        assert_eq!(words_number(&runs(&f), 0), Some((2024, 4)));
        let f = folded("mille neuf cent");
        assert_eq!(words_number(&runs(&f), 0).map(|(n, _)| n), Some(1009));
        assert_eq!(words_number(&runs("et puis"), 0), None);
    }

    #[test]
    fn last_month_is_read_from_the_date_the_text_speaks_from() {
        let july = IsoDate::parse("2024-07-11").expect("date");
        let may = IsoDate::parse("2024-05-02").expect("date");
        let f = folded("Votée par le Bureau en juin dernier");
        assert_eq!(last_month(&f, july).map(|d| d.to_string()), Some("2024-06".into()));
        assert_eq!(last_month(&f, may).map(|d| d.to_string()), Some("2023-06".into()));
        assert_eq!(last_month(&folded("en juin prochain"), july), None);
    }

    #[test]
    fn end_dates_of_conventions() {
        let sentences = [
            sentence("La convention prendra fin le 31 décembre 2025."),
            sentence("Elle court jusqu’en 2027 ; la subvention est versée jusqu'au 30/06/2025."),
            sentence("Le marché expire le 31 décembre 2025."),
            sentence("Signée le 3 mars 2024."),
        ];
        // Each once, marker by marker ("jusqu'au" before "jusqu'en").
        assert_eq!(find_end_dates(&sentences), ["2025-12-31", "2025-06-30", "2027"]);
    }

    #[test]
    fn words_for_days_months_and_years() {
        assert_eq!(month_of("aout"), Some(8));
        assert_eq!(month_of("août"), None, "months are read on folded text");
        assert_eq!(day_of("1er"), Some(1));
        assert_eq!(day_of("31"), Some(31));
        assert_eq!(day_of("32"), None);
        assert_eq!(year_of("2024"), Some(2024));
        assert_eq!(year_of("24"), None);
    }
}
