//! Which date of a register's head is its séance. A register names many dates before it decides:
//! the séance (« Séance du 11 octobre 2019 », « L'an deux mil dix, le premier décembre »,
//! « BUREAU DU 28 AVRIL 2016 », « jeudi, 5 novembre 2020 » alone on its line) but also the
//! convocation, the letter that sends the minutes, an earlier séance whose minutes are approved
//! or whose decision is recalled (« lors de sa séance du 20 février 2010 »), the deliberations
//! cited in the visas. Each date is told by the words around it; the first one that names a
//! séance is the séance, and other séances named are said.

use crate::core::model::IsoDate;

use super::dates::{date_alone, dates_in, words_date_at};
use super::text::{runs, Run};

/// A date that names the séance, where it stands (line, byte in the folded line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SeanceDate {
    pub(super) line: usize,
    pub(super) at: usize,
    pub(super) date: IsoDate,
}

/// The séance of a register from its folded lines before the deciding part: the first date that
/// names a séance, and a French note when the head names other séance dates too (a line copied from
/// another séance, two dates that disagree).
pub(super) fn seance_of(folded_lines: &[String]) -> (Option<IsoDate>, Option<String>) {
    let found = seance_dates(folded_lines);
    let Some(first) = found.first() else { return (None, None) };
    let mut others: Vec<IsoDate> = Vec::new();
    for s in &found[1..] {
        if s.date != first.date && !others.contains(&s.date) {
            others.push(s.date);
        }
    }
    let note = (!others.is_empty()).then(|| {
        let others: Vec<String> = others.iter().map(IsoDate::to_string).collect();
        format!(
            "l'en-tête donne plusieurs dates de séance ({} puis {}) : la première est retenue, à vérifier",
            first.date,
            others.join(", ")
        )
    });
    (Some(first.date), note)
}

/// Every date of the lines that names a séance, in the order of the text.
pub(super) fn seance_dates(folded_lines: &[String]) -> Vec<SeanceDate> {
    let mut out = Vec::new();
    for (line, f) in folded_lines.iter().enumerate() {
        let mut here: Vec<SeanceDate> = Vec::new();
        // « L'an deux mil dix, le premier décembre »: the formula that opens a séance's minutes.
        if let Some((at, date)) = words_date_at(f) {
            here.push(SeanceDate { line, at, date });
        }
        // « 28 AVRIL 2016 », « jeudi, 5 novembre 2020 » alone on a line of the head.
        if let Some(date) = date_alone(f) {
            here.push(SeanceDate { line, at: 0, date });
        }
        // A title cut before its date (« COMPTE-RENDU DU COMITE SYNDICAL » / « DU 18 DECEMBRE 2012 »)
        // is read with the line before it.
        let prev = line.checked_sub(1).map_or("", |p| folded_lines[p].as_str());
        let text = format!("{prev}\n{f}");
        let shift = prev.len() + 1;
        let r = runs(&text);
        for d in dates_in(&text).into_iter().filter(|d| d.date.day.is_some() && d.start >= shift) {
            let first = r.partition_point(|w| w.start < d.start);
            let last = r.partition_point(|w| w.end <= d.end);
            let opens_line = r[..first].iter().rev().take_while(|w| w.start >= shift).all(|w| is_filler(w.word));
            let from = if opens_line { 0 } else { r.partition_point(|w| w.start < shift) };
            if names_a_seance(&r[from..], first - from, last - from) {
                here.push(SeanceDate { line, at: d.start - shift, date: d.date });
            }
        }
        here.sort_by_key(|s| s.at);
        here.dedup_by(|a, b| a.date == b.date);
        out.extend(here);
    }
    out
}

/// Words that name a sitting body or its sitting: « Séance du », « Conseil Municipal du »,
/// « BUREAU DU », « Réunion du », « CP DU », « s'est réuni le ».
const SEANCE_WORDS: [&str; 14] = [
    "seance",
    "conseil",
    "bureau",
    "reunion",
    "commission",
    "cp",
    "comite",
    "assemblee",
    "session",
    "reuni",
    "reunie",
    "reunis",
    "reunies",
    "municipal",
];

/// Words that make a date another act's: a convocation, a publication, a deliberation cited, the
/// minutes of an earlier séance approved, a decision recalled (« lors de sa séance du »).
const OTHER_ACT_WORDS: [&str; 20] = [
    "lors",
    "vu",
    "approbation",
    "convoque",
    "convoquee",
    "convoques",
    "convoquees",
    "convocation",
    "adressee",
    "precedent",
    "precedente",
    "dernier",
    "derniere",
    "publie",
    "publiee",
    "publication",
    "affiche",
    "affichee",
    "affichage",
    "transmis",
];

/// Words after a date that make it an earlier séance's (« … du 22 août 2019 est approuvé »).
const APPROVED_AFTER: [&str; 6] = ["approuve", "approuvee", "adopte", "adoptee", "accorde", "vote"];

/// Whether the date at runs `first..last` names a séance: a séance word among the six words
/// before it (its weekday, « le », « du », « en date du » aside), and no word of another act among
/// the eight before it or the three after it.
fn names_a_seance(r: &[Run], first: usize, last: usize) -> bool {
    let mut i = first;
    while i > 0 && is_filler(r[i - 1].word) {
        i -= 1;
    }
    let before = &r[i.saturating_sub(6)..i];
    if !before.iter().any(|w| SEANCE_WORDS.contains(&w.word)) {
        return false;
    }
    let window = &r[first.saturating_sub(8)..first];
    // A deliberation cited names its assembly and number before its date: look further back.
    let sentence = &r[first.saturating_sub(16)..first];
    let cited = window.iter().any(|w| OTHER_ACT_WORDS.contains(&w.word))
        || sentence.windows(2).any(|p| {
            p[1].word == "deliberation" && matches!(p[0].word, "la" | "sa" | "par" | "une" | "cette" | "leur")
        });
    let after = &r[last.min(r.len())..(last + 3).min(r.len())];
    let approved = after.iter().any(|w| APPROVED_AFTER.contains(&w.word));
    !cited && !approved
}

fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "le" | "du" | "en" | "date" | "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi" | "samedi" | "dimanche"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::text::folded;

    fn seance(lines: &[&str]) -> (Option<String>, Option<String>) {
        let f: Vec<String> = lines.iter().map(|l| folded(l)).collect();
        let (date, note) = seance_of(&f);
        (date.map(|d| d.to_string()), note)
    }

    #[test]
    fn the_seance_is_told_from_the_dates_around_it() {
        assert_eq!(
            seance(&[
                "PROCES-VERBAL DE LA REUNION DU CONSEIL MUNICIPAL EN DATE DU VENDREDI 11 OCTOBRE 2019 – 20H00",
                "L’an deux mille dix-neuf, le onze octobre, sur la convocation adressée le 4 octobre 2019.",
                "Le procès-verbal de la séance du 22 août 2019 est approuvé à l’unanimité.",
                "Par convention en date du 10 avril 2018, la commune a confié",
            ]),
            (Some("2019-10-11".into()), None)
        );
        assert_eq!(
            seance(&["M. le Maire ouvre la séance du Conseil Municipal, convoqué le 8 avril 2013."]).0,
            None,
            "a convocation is not the séance"
        );
        assert_eq!(
            seance(&[
                "Trets, le 03 juillet 2015 COMPTE RENDU Extrait des délibérations du Conseil Municipal Du 25 juin 2015"
            ])
            .0
            .as_deref(),
            Some("2015-06-25"),
            "the letter's date is not the séance"
        );
    }

    #[test]
    fn an_earlier_seance_recalled_or_cited_is_not_the_seance() {
        assert_eq!(
            seance(&[
                "L’an deux mil dix, le premier décembre à vingt et une heures, le Conseil Municipal s’est réuni.",
                "Le Conseil Municipal, lors de sa séance du 20 février 2010, a accordé une subvention de 60 000 €.",
            ]),
            (Some("2010-12-01".into()), None)
        );
        assert_eq!(
            seance(&[
                "1 CP DELIBERATION N CP DU 10 AVRIL 2014 ATTRIBUTIONS DE SUBVENTIONS VU La délibération n CR du 16 \
                 avril 2010 ; VU La délibération n CP du 17 novembre 2010"
            ]),
            (Some("2014-04-10".into()), None)
        );
        assert_eq!(
            seance(&["- La délibération n° FAG 001-1234/18/CM du Conseil de la Métropole du 13 décembre 2018"]).0,
            None
        );
    }

    #[test]
    fn titles_lines_alone_and_sites_headers() {
        assert_eq!(seance(&["BUREAU DU 28 AVRIL 2016"]).0.as_deref(), Some("2016-04-28"));
        assert_eq!(seance(&["Ville de Gardanne", "jeudi, 5 novembre 2020"]).0.as_deref(), Some("2020-11-05"));
        assert_eq!(seance(&["Conseil Municipal - 06/07/2017"]).0.as_deref(), Some("2017-07-06"));
        assert_eq!(seance(&["Réunion du 25.11.2019"]).0.as_deref(), Some("2019-11-25"));
        assert_eq!(
            seance(&["COMPTE-RENDU CONSEIL DE TERRITOIRE ISTRES-OUEST PROVENCE 26 JUIN 2018 ____"]).0.as_deref(),
            Some("2018-06-26")
        );
        assert_eq!(seance(&["Date de Publication : 14/06/2016", "Signé le 30 juin 2016"]).0, None);
        assert_eq!(
            seance(&["COMPTE-RENDU DU COMITE SYNDICAL", "DU 18 DECEMBRE 2012_______"]).0.as_deref(),
            Some("2012-12-18"),
            "a title cut before its date"
        );
        assert_eq!(seance(&["Conseil municipal", "Publié le 3 mai 2024"]).0, None, "a line's own words first");
    }

    #[test]
    fn dates_that_disagree_are_said() {
        let (date, note) = seance(&[
            "Conseil du 15 avril 2019",
            "L’ an deux mil dix-neuf, le vingt février, à 20 heures 00, le Conseil Municipal s’est réuni.",
        ]);
        assert_eq!(date.as_deref(), Some("2019-04-15"));
        assert_eq!(
            note.as_deref(),
            Some("l'en-tête donne plusieurs dates de séance (2019-04-15 puis 2019-02-20) : la première est retenue, à vérifier")
        );
    }
}
