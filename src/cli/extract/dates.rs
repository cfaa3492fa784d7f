//! Dates as deliberations write them, read on folded text: "7 décembre 2023", "1er mars 2024",
//! "15/04/2021", "juin 2022", "28 AVRIL 2016" alone on a line, "vendredi seize février deux mille
//! vingt-quatre", "16 février deux mille vingt-quatre", "L'an deux mille vingt-quatre, le quinze
//! mars", "en juin dernier"; and the end dates of conventions ("jusqu'au 31 décembre 2027").

use crate::core::model::IsoDate;

use super::text::{folded, runs, Run, Sentence};

/// A date found in a folded text, with its byte span there.
pub(super) struct FoundDate {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) date: IsoDate,
}

/// Dates in a folded text, as registers write them: "7 decembre 2023", "1er mars 2024",
/// "15/04/2021", "28 avril 2016" (from capitals), "seize fevrier deux mille vingt-quatre",
/// "16 fevrier deux mille vingt-quatre", "le vingt fevrier deux mil quatorze", "juin 2022".
pub(super) fn dates_in(f: &str) -> Vec<FoundDate> {
    let r = runs(f);
    let mut out = Vec::new();
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
                // « 17/12/19 »: a year of two figures, when nothing numeric follows it.
                let short_year = (y.word.len() == 2 && y.word.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| {
                        let rest = &f[y.end..];
                        let more = rest.starts_with(['/', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
                        (!more).then(|| y.word.parse::<i32>().ok()).flatten()
                    })
                    .flatten()
                    .map(|yy| if yy < 70 { 2000 + yy } else { 1900 + yy });
                if let Some(year) = year_of(y.word).or(short_year) {
                    let text = format!("{year:04}-{:0>2}-{:0>2}", m.word, d.word);
                    if let Some(date) = IsoDate::parse(&text) {
                        out.push(FoundDate { start: d.start, end: y.end, date });
                        i += 3;
                        continue;
                    }
                }
            }
        }
        // A day (figures or words), its month, its year (figures or words).
        if let Some((day, m)) = day_at(f, &r, i) {
            if let Some(month) = r.get(m).and_then(|w| month_of(w.word)).filter(|_| joined(f, &r, m - 1, m)) {
                if let Some((year, next)) = year_at(f, &r, m + 1).filter(|_| joined(f, &r, m, m + 1)) {
                    if let Some(date) = IsoDate::parse(&format!("{year:04}-{month:02}-{day:02}")) {
                        out.push(FoundDate { start: r[i].start, end: r[next - 1].end, date });
                        i = next;
                        continue;
                    }
                }
            }
        }
        // A month and its year.
        if let Some(month) = month_of(r[i].word) {
            if let Some((year, next)) = year_at(f, &r, i + 1).filter(|_| joined(f, &r, i, i + 1)) {
                if let Some(date) = IsoDate::parse(&format!("{year:04}-{month:02}")) {
                    out.push(FoundDate { start: r[i].start, end: r[next - 1].end, date });
                    i = next;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// A line that is a date and nothing else ("28 AVRIL 2016", "Jeudi 7 décembre 2023,", "le 3 mai
/// 2024"), in a folded text: the séance of a register whose header prints it alone.
pub(super) fn date_alone(f: &str) -> Option<IsoDate> {
    let r = runs(f);
    let mut first = 0;
    while r.get(first).is_some_and(|w| matches!(w.word, "le" | "du" | "en" | "date" | "seance") || weekday(w.word)) {
        first += 1;
    }
    let found = dates_in(f).into_iter().next()?;
    let starts_right = r.get(first).is_some_and(|w| w.start == found.start);
    let nothing_after = f[found.end..].chars().all(|c| !c.is_alphanumeric());
    (starts_right && nothing_after && found.date.day.is_some()).then_some(found.date)
}

/// Whether runs `a` and `b` are apart by spaces, hyphens or a line break only.
fn joined(f: &str, r: &[Run], a: usize, b: usize) -> bool {
    match (r.get(a), r.get(b)) {
        (Some(x), Some(y)) => f[x.end..y.start].chars().all(|c| matches!(c, ' ' | '\n' | '-')),
        _ => false,
    }
}

/// The day of a date at run `i` ("7", "1er", "premier", "seize", "trente et un"), and the run after it.
fn day_at(f: &str, r: &[Run], i: usize) -> Option<(u8, usize)> {
    if let Some(d) = day_of(r.get(i)?.word) {
        return Some((d, i + 1));
    }
    let (n, next) = words_number(f, r, i)?;
    let day = u8::try_from(n).ok().filter(|d| (1..=31).contains(d))?;
    Some((day, next))
}

/// The year of a date at run `i` ("2024", "deux mille vingt-quatre", "deux mil onze"), and the run after it.
fn year_at(f: &str, r: &[Run], i: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_of(r.get(i)?.word) {
        return Some((y, i + 1));
    }
    let (n, next) = words_number(f, r, i)?;
    let year = i32::try_from(n).ok().filter(|y| (1900..=2100).contains(y))?;
    Some((year, next))
}

/// "L'an deux mille vingt-quatre, le quinze mars", "L'an deux mil onze, le jeudi 12 mai",
/// "l'an deux mille vingt-quatre, le seize du mois de février" → the date.
#[cfg(test)]
fn words_date(f: &str) -> Option<IsoDate> {
    words_date_at(f).map(|(_, date)| date)
}

/// `words_date` and where its « l'an » stands. Copies write it « L’ an », or « L an » once the
/// apostrophe is lost; the year may be in figures (« L'an 2016, le 1 juillet »); the month may
/// follow « du mois de » or « du mois d' » (« le DIX SEPT du mois de d'AVRIL »).
pub(super) fn words_date_at(f: &str) -> Option<(usize, IsoDate)> {
    let all = runs(f);
    let pos = all.windows(2).find_map(|w| {
        let gap = &f[w[0].end..w[1].start];
        let before_ok = f[..w[0].start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        (w[0].word == "l" && w[1].word == "an" && matches!(gap, "'" | "' " | " ") && before_ok).then_some(w[0].start)
    })?;
    let f = &f[pos..];
    let r = runs(f);
    let (year, mut i) = year_at(f, &r, 2)?;
    while i < r.len() && r[i].word != "le" {
        i += 1;
        if i > 6 {
            return None;
        }
    }
    i += 1;
    while r.get(i).is_some_and(|w| weekday(w.word)) {
        i += 1;
    }
    let (day, mut j) = day_at(f, &r, i)?;
    while j < r.len() && matches!(r[j].word, "du" | "mois" | "de" | "d") {
        j += 1;
    }
    let month = month_of(r.get(j)?.word)?;
    IsoDate::parse(&format!("{year:04}-{month:02}-{day:02}")).map(|date| (pos, date))
}

fn weekday(w: &str) -> bool {
    matches!(w, "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi" | "samedi" | "dimanche")
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
        "vingt" | "vingts" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        _ => return None,
    })
}

/// A number written in words from run `i`, and the run after it: "deux mille vingt-quatre",
/// "deux mil onze", "trente et un", "dix-sept", "soixante-dix", "quatre-vingt-dix-neuf",
/// "mil neuf cent quatre-vingt-quinze". Its words are apart by spaces or hyphens only.
fn words_number(f: &str, r: &[Run], mut i: usize) -> Option<(u32, usize)> {
    let (mut total, mut current, mut any) = (0u32, 0u32, false);
    let start = i;
    while i < r.len() {
        if i > start && !joined(f, r, i - 1, i) {
            break;
        }
        let w = r[i].word;
        if w == "mille" || w == "mil" {
            total = total.saturating_add(current.max(1).saturating_mul(1000));
            current = 0;
            any = true;
        } else if w == "cent" || w == "cents" {
            current = current.max(1).saturating_mul(100);
            any = true;
        } else if w == "et" && any && r.get(i + 1).is_some_and(|n| number_word(n.word).is_some()) {
        } else if let Some(v) = number_word(w) {
            // "quatre-vingt": four twenties.
            if v == 20 && current % 100 == 4 {
                current = current - 4 + 80;
            } else {
                current = current.saturating_add(v);
            }
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
        assert_eq!(iso("Séance publique 17/12/19, affiché : 18.12.19"), ["2019-12-17", "2019-12-18"]);
        assert_eq!(iso("MUNICIPALdu 7 MARS 2012La séance"), ["2012-03-07"], "a year glued to the next word");
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
        assert!(iso("n° 13/21 du registre, 12/31/19").is_empty(), "two figures alone, or a thirteenth month");
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
        let number = |t: &str| {
            let f = folded(t);
            words_number(&f, &runs(&f), 0)
        };
        assert_eq!(number("deux mille vingt-quatre"), Some((2024, 4)));
        assert_eq!(number("deux mil onze"), Some((2011, 3)));
        assert_eq!(number("mil neuf cent quatre-vingt-quinze").map(|(n, _)| n), Some(1995));
        assert_eq!(number("mil neuf cent quatre-vingt-dix-neuf").map(|(n, _)| n), Some(1999));
        assert_eq!(number("soixante-dix-sept").map(|(n, _)| n), Some(77));
        assert_eq!(number("trente et un mai"), Some((31, 3)));
        assert_eq!(number("vingt, et puis"), Some((20, 1)), "a comma ends a number");
        assert_eq!(number("et puis"), None);
    }

    #[test]
    fn dates_in_words_weekdays_and_mixed_forms() {
        assert_eq!(iso("Séance du vendredi seize février deux mille vingt-quatre"), ["2024-02-16"]);
        assert_eq!(iso("Séance du 16 février deux mille vingt-quatre"), ["2024-02-16"]);
        assert_eq!(iso("SÉANCE DU VENDREDI 16 FÉVRIER 2024"), ["2024-02-16"]);
        assert_eq!(iso("Le vingt février deux mil quatorze à 20h30"), ["2014-02-20"]);
        assert_eq!(iso("le trente et un mai deux mille vingt-trois"), ["2023-05-31"]);
        assert_eq!(iso("le 1er février 2024"), ["2024-02-01"]);
        // Words that are no date stay words.
        assert!(iso("seize membres, deux mille habitants").is_empty());
    }

    #[test]
    fn a_date_alone_on_its_line() {
        let alone = |t: &str| date_alone(&folded(t)).map(|d| d.to_string());
        assert_eq!(alone("28 AVRIL 2016"), Some("2016-04-28".into()));
        assert_eq!(alone("Jeudi 7 décembre 2023,"), Some("2023-12-07".into()));
        assert_eq!(alone("le vendredi seize février deux mille vingt-quatre"), Some("2024-02-16".into()));
        assert_eq!(alone("Signé le 30 juin 2016"), None, "a signature is not the séance");
        assert_eq!(alone("28 avril 2016 : compte rendu"), None);
        assert_eq!(alone("AVRIL 2016"), None, "a month is not a séance");
    }

    #[test]
    fn the_seance_of_l_an_deux_mille() {
        let date = |t: &str| words_date(&folded(t)).map(|d| d.to_string());
        assert_eq!(date("L’an deux mil onze, le jeudi 12 mai, à vingt heures"), Some("2011-05-12".into()));
        assert_eq!(date("L'an deux mille vingt-quatre, le seize février"), Some("2024-02-16".into()));
        assert_eq!(
            date("L'an deux mille vingt et un, le vendredi vingt-six mars à 19 h 30"),
            Some("2021-03-26".into())
        );
        assert_eq!(date("L'an deux mille vingt et un, le premier juillet"), Some("2021-07-01".into()));
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
