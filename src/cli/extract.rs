//! `carte extract`: deliberations as they are published — register extracts of the Bureau or the
//! Conseil de la Métropole, of a municipal council, the Métropole's portal listing, a news item —
//! read into their decision (reference, instance, séance, title, signatory, members present),
//! amounts and what each one is, budget imputation, convention numbers, end dates and named
//! organisations; and the export fragment made of them. What a text does not say goes to
//! `missing`: nothing is guessed.
//!
//! Plain string processing only (no regex crate): every pattern is read on an accent- and
//! case-folded copy of the text whose byte offsets map back to the original, so that every value
//! and every quote is copied from the text as written.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::core::format::{self, Export, SCHEMA_V1};
use crate::core::locale::fold;
use crate::core::model::{Cents, IsoDate, Model, OrgKind};

/// What one document yielded.
#[derive(Debug, Clone)]
pub struct DocumentExtraction {
    /// The file name (not the path).
    pub file: String,
    /// The decision; its id comes from the reference (lowercase, non-alphanumerics → '-'), else
    /// from the file name. A date that could not be read is left empty (and said in `missing`).
    pub decision: format::Decision,
    /// Each amount with what it is.
    pub amounts: Vec<Amount>,
    /// The budget imputation, e.g. "Budget principal 2024, chapitre 011, nature 6281".
    pub budget: Option<String>,
    /// Convention numbers such as "MET 21/18706/BM".
    pub conventions: Vec<String>,
    /// End dates, ISO ("2027-12-31").
    pub end_dates: Vec<String>,
    pub organizations: Vec<NamedOrganization>,
    /// French sentences: what could not be found.
    pub missing: Vec<String>,
}

/// An amount read in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// "subvention", "cotisation", "coût total", …; "montant" when the text does not say.
    pub what: String,
    /// Euros as a decimal string: "14205", "50000.50".
    pub euros: String,
    /// The sentence it was read from, as written.
    pub context: String,
}

/// An organisation named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedOrganization {
    /// As written (first occurrence).
    pub name: String,
    /// Its id in the `--against` export, when recognised by name, short name or former name.
    pub matched: Option<String>,
    /// A new kebab-case id, when not matched.
    pub proposed_id: Option<String>,
}

/// The Métropole, the deliberating body of its Bureau and Conseil.
const METROPOLE: &str = "Métropole Aix-Marseille-Provence";

/// Reads one document. Never panics, whatever the text.
pub fn extract_text(file: &str, text: &str, against: Option<&Model>) -> DocumentExtraction {
    let file_name = Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or(file).to_string();
    let prepared = Prepared::new(text);
    let known = Known::from_model(against);
    let (mut fields, scope) = match detect(&prepared) {
        Form::Portal => read_portal(&prepared),
        Form::Register => read_register(&prepared),
        Form::News => read_news(&prepared),
    };

    let mut missing = Vec::new();
    // The decision's own fields first, in the order of the format.
    if fields.reference.is_none() {
        missing.push(fields.reference_note.take().unwrap_or_else(|| "référence introuvable".to_string()));
    }
    let instance = match fields.instance.take() {
        Some(i) => i,
        None => {
            missing.push("instance introuvable (Bureau, Conseil de la Métropole, conseil municipal…)".to_string());
            "Instance non précisée".to_string()
        }
    };
    let date = match fields.date {
        Some(d) => d.to_string(),
        None => {
            missing.push("date de la séance introuvable : la décision ne peut pas entrer dans le fragment".to_string());
            String::new()
        }
    };
    let title = match fields.title.take() {
        Some(t) => t,
        None => {
            missing.push("objet (titre) de la décision introuvable".to_string());
            format!("Objet non trouvé dans {file_name}")
        }
    };
    if fields.members.is_none() {
        missing.push("nombre de membres présents introuvable".to_string());
    }
    if fields.rapporteur.is_none() && fields.signatory.is_none() {
        missing.push("rapporteur ou signataire introuvable".to_string());
    }
    missing.append(&mut fields.notes);

    // Amounts, budget, conventions and end dates, read over the sentences that carry content.
    let sentences: Vec<Sentence> = scope.sentences();
    let (amounts, mut amount_notes) = find_amounts(&sentences);
    let budget = find_budget(&sentences);
    let conventions = find_conventions(&scope.joined());
    let end_dates = find_end_dates(&sentences);
    let money = amounts.iter().any(|a| matches!(a.what.as_str(), "subvention" | "cotisation" | "participation"));
    if money && budget.is_none() {
        missing.push("imputation budgétaire introuvable (chapitre, nature)".to_string());
    }
    let approves_convention = [Some(title.as_str()), fields.quote.as_deref()]
        .into_iter()
        .flatten()
        .any(|s| contains_word_prefix(&folded(s), "convention"));
    if approves_convention && end_dates.is_empty() {
        missing.push("date de fin de la convention non précisée".to_string());
    }
    missing.append(&mut amount_notes);

    // Organisations, with the deliberating body first when the text does not name it.
    let body = body_of(&instance, &known);
    let mut organizations = Vec::new();
    let mut seen = HashSet::new();
    let mut proposals = Proposals::default();
    if let Some(b @ Resolved::New { name, .. }) = &body {
        proposals.add(key_of(name), b.clone());
    }
    let found = find_organizations(&scope.joined(), &known, body.as_ref(), &mut proposals);
    let mut ambiguous = Vec::new();
    for f in &found {
        if let Some(note) = &f.ambiguous {
            if !ambiguous.contains(note) {
                ambiguous.push(note.clone());
            }
        }
    }
    if let Some(b) = &body {
        if !found.iter().any(|f| f.resolved.id() == b.id()) && seen.insert(b.id().to_string()) {
            // Not written in the text: named as the reference export (or the proposal) names it.
            let name = match b {
                Resolved::Known(id) => against
                    .and_then(|m| m.org_by_id(id).map(|ix| m.organizations[ix].name.clone()))
                    .unwrap_or_else(|| id.clone()),
                Resolved::New { name, .. } => name.clone(),
            };
            organizations.push(b.named(&name));
        }
    }
    for f in &found {
        if seen.insert(f.resolved.id().to_string()) {
            organizations.push(f.resolved.named(&f.written));
        }
    }
    if body.is_none() {
        missing.push("organisme qui délibère introuvable (payeur des montants)".to_string());
    }
    let body_id = body.as_ref().map(Resolved::id);
    let partners =
        organizations.iter().filter(|o| o.matched.as_deref().or(o.proposed_id.as_deref()) != body_id).count();
    if partners == 0 {
        missing.push("aucune organisation partenaire nommée".to_string());
    }
    missing.extend(ambiguous);

    let id = match &fields.reference {
        Some(r) => kebab(r),
        None => kebab(file_name.rsplit_once('.').map_or(file_name.as_str(), |(stem, _)| stem)),
    };
    let decision = format::Decision {
        id: if id.is_empty() { "decision".to_string() } else { id },
        reference: fields.reference,
        instance,
        date,
        signed: fields.signed.map(|d| d.to_string()),
        title,
        rapporteur: fields.rapporteur,
        signatory: fields.signatory,
        members_present: fields.members,
        source: format::Source { document: file_name.clone(), url: None, quote: fields.quote },
    };
    DocumentExtraction { file: file_name, decision, amounts, budget, conventions, end_dates, organizations, missing }
}

/// The fragment: a complete export of the documents whose séance date was found. Organisations:
/// those matched (copied from `against` with their ancestors) and those proposed. Links only where
/// the text states them: an amount (subsidy, membership fee) paid by the deliberating body to one
/// named organisation, in a sentence that decides it; a convention between named organisations.
pub fn fragment(docs: &[DocumentExtraction], against: Option<&Model>) -> Export {
    let known = Known::from_model(against);
    let mut out = FragmentBuilder::new(against);
    let (included, left_out): (Vec<&DocumentExtraction>, Vec<&DocumentExtraction>) =
        docs.iter().partition(|d| IsoDate::parse(&d.decision.date).is_some());
    let bodies: Vec<Option<Resolved>> = included.iter().map(|d| body_of(&d.decision.instance, &known)).collect();

    // One registry of proposals for all documents: the bodies under their own names first, then
    // what each document proposed, so that one organisation proposed by two documents is one.
    let mut proposals = Proposals::default();
    for b in bodies.iter().flatten() {
        if let Resolved::New { name, .. } = b {
            proposals.add(key_of(name), b.clone());
        }
    }
    let mut doc_orgs: Vec<Vec<Resolved>> = Vec::new();
    for doc in &included {
        let mut list = Vec::new();
        for o in &doc.organizations {
            match (&o.matched, &o.proposed_id) {
                (Some(id), _) => list.push(Resolved::Known(id.clone())),
                (None, Some(id)) => {
                    let key = key_of(&o.name);
                    let r = proposals.find(&key).unwrap_or_else(|| Resolved::New {
                        id: id.clone(),
                        name: display_name(&o.name),
                        kind: "",
                    });
                    proposals.add(key, r.clone());
                    list.push(r);
                }
                _ => {}
            }
        }
        doc_orgs.push(list);
    }
    // The kinds the introducing words give ("association X"), read again in the sentences kept.
    for (doc, body) in included.iter().zip(&bodies) {
        let sentences = [Some(doc.decision.title.as_str()), doc.decision.source.quote.as_deref()]
            .into_iter()
            .flatten()
            .chain(doc.amounts.iter().map(|a| a.context.as_str()));
        for sentence in sentences {
            for f in find_organizations(sentence, &known, body.as_ref(), &mut proposals) {
                if let (Resolved::New { id, .. }, Some(kind)) = (&f.resolved, f.kind) {
                    out.kinds.entry(id.clone()).or_insert(kind);
                }
            }
        }
    }

    for ((doc, body), orgs) in included.iter().zip(&bodies).zip(&doc_orgs) {
        let mut decision = doc.decision.clone();
        decision.id = unique(&decision.id, &mut out.decision_ids);
        decision.signed = decision.signed.filter(|s| IsoDate::parse(s).is_some());
        let decision_year = IsoDate::parse(&decision.date).map(|d| d.year);
        if let Some(body) = body {
            out.resolved_org(body, &doc.file);
        }
        for r in orgs {
            out.resolved_org(r, &doc.file);
        }
        if let Some(body) = body {
            money_links(doc, &decision.id, decision_year, body, &known, &mut proposals, &mut out);
            convention_link(doc, &decision, decision_year, body, &known, &mut proposals, &mut out);
        }
        out.decisions.push(decision);
    }
    // An organisation matched in an export not given here cannot be copied: its links would dangle.
    let present = out.org_ids.clone();
    out.links.retain(|l| {
        present.contains(&l.from) && present.contains(&l.to) && l.parties.iter().all(|p| present.contains(p))
    });
    let left_out: Vec<String> = left_out.iter().map(|d| d.file.clone()).collect();
    let n = out.decisions.len();
    let title =
        if n > 1 { format!("Extrait de {n} délibérations") } else { format!("Extrait de {n} délibération") };
    let mut description = "Fragment proposé par « carte extract » : décisions relevées dans les textes, organisations \
                           reconnues ou proposées, liens énoncés par les textes ; à relire avant fusion."
        .to_string();
    if !left_out.is_empty() {
        description.push_str(&format!(" Écartés faute de date de séance : {}.", left_out.join(", ")));
    }
    Export {
        schema: SCHEMA_V1.to_string(),
        title,
        description: Some(description),
        organizations: out.organizations,
        decisions: out.decisions,
        links: out.links,
        indicators: Vec::new(),
        story: Vec::new(),
    }
}

// ───────────────────────────── Text preparation ─────────────────────────────

/// One character folded (case, accents, typographic apostrophes and dashes, odd spaces), always
/// to exactly one character so that offsets map back to the original.
fn fold_char(c: char) -> char {
    match c {
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\t' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{2bc}' | '`' => '\'',
        _ => {
            let mut buf = [0u8; 4];
            fold(c.encode_utf8(&mut buf)).chars().next().unwrap_or(c)
        }
    }
}

fn folded(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A folded copy of a text with, for each of its bytes, the byte of the original it comes from.
struct Folded {
    text: String,
    map: Vec<usize>,
}

impl Folded {
    fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            let before = text.len();
            text.push(fold_char(c));
            map.extend(std::iter::repeat_n(i, text.len() - before));
        }
        map.push(s.len());
        Folded { text, map }
    }

    fn orig(&self, folded_byte: usize) -> usize {
        self.map.get(folded_byte).or(self.map.last()).copied().unwrap_or(0)
    }
}

/// Finds `needle` in `hay` from `from`, where a needle that starts (ends) with a letter or digit
/// must not be glued to another letter or digit before (after) it.
fn find_word_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let check_before = needle.chars().next().is_some_and(char::is_alphanumeric);
    let check_after = needle.chars().next_back().is_some_and(char::is_alphanumeric);
    let mut start = from;
    while start <= hay.len() {
        let rel = hay.get(start..)?.find(needle)?;
        let at = start + rel;
        let end = at + needle.len();
        let before_ok = !check_before || hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = !check_after || hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn find_word(hay: &str, needle: &str) -> Option<usize> {
    find_word_from(hay, needle, 0)
}

/// Whether a word starting with `prefix` occurs (e.g. "convention" in "conventions").
fn contains_word_prefix(hay: &str, prefix: &str) -> bool {
    let mut from = 0;
    while let Some(rel) = hay.get(from..).and_then(|h| h.find(prefix)) {
        let at = from + rel;
        if hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()) {
            return true;
        }
        from = at + prefix.len();
    }
    false
}

/// A line as the register prints it, without the markdown emphasis, heading marks and the "■"
/// that some copies keep.
fn clean_line(raw: &str) -> String {
    let no_marks = raw.replace("**", "").replace('\u{feff}', "");
    let t = no_marks.trim();
    let t = t.trim_start_matches('#').trim_start();
    let t = t.trim_start_matches('■').trim_start();
    t.trim_end().to_string()
}

/// A line of the document once cut lines are joined again.
#[derive(Clone)]
struct Logical {
    text: String,
}

struct Prepared {
    lines: Vec<String>,
    logical: Vec<Logical>,
}

impl Prepared {
    fn new(text: &str) -> Prepared {
        let lines: Vec<String> = text.lines().map(clean_line).collect();
        let mut logical: Vec<Logical> = Vec::new();
        for line in &lines {
            if line.is_empty() {
                continue;
            }
            if let Some(last) = logical.last_mut() {
                match continuation(&last.text, line) {
                    Some(Join::Glued) => {
                        last.text.push_str(line);
                        continue;
                    }
                    Some(Join::Spaced) => {
                        last.text.push(' ');
                        last.text.push_str(line);
                        continue;
                    }
                    None => {}
                }
            }
            logical.push(Logical { text: line.clone() });
        }
        Prepared { lines, logical }
    }
}

enum Join {
    /// A word cut at a hyphen ("D'AIX-" / "MARSEILLE-PROVENCE").
    Glued,
    /// A sentence cut by the page or the copy: the next line starts in lowercase.
    Spaced,
}

fn continuation(prev: &str, next: &str) -> Option<Join> {
    let mut rev = prev.chars().rev();
    let last = rev.next()?;
    let before_last = rev.next();
    let first = next.chars().next()?;
    if last == '-' && before_last.is_some_and(char::is_alphabetic) && first.is_alphabetic() {
        return Some(Join::Glued);
    }
    if !matches!(last, '.' | ';' | ':' | '!' | '?' | '»') && first.is_lowercase() {
        return Some(Join::Spaced);
    }
    None
}

/// A sentence with the index of the logical line it comes from.
struct Sentence {
    text: String,
    /// Whether it stands in the part of a register that decides (from "Délibère" to the signature).
    deciding: bool,
}

/// The lines whose content is read for amounts, budget, conventions, dates and organisations.
struct Scope {
    lines: Vec<String>,
    /// For each line, whether it belongs to the deciding part.
    deciding: Vec<bool>,
}

impl Scope {
    fn sentences(&self) -> Vec<Sentence> {
        let mut out = Vec::new();
        for (line, &deciding) in self.lines.iter().zip(&self.deciding) {
            for s in split_sentences(line) {
                out.push(Sentence { text: s, deciding });
            }
        }
        out
    }

    fn joined(&self) -> String {
        self.lines.join("\n")
    }
}

/// Cuts a line into sentences at ". ", "! ", "? " followed by a capital or an opening quote,
/// except after usual abbreviations ("M.", "Mme.", "n.") and initials.
fn split_sentences(line: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?') {
            let mut j = k + 1;
            while j < chars.len() && matches!(chars[j].1, '»' | '"' | ')' | '”') {
                j += 1;
            }
            if j < chars.len() && chars[j].1.is_whitespace() {
                let mut m = j;
                while m < chars.len() && chars[m].1.is_whitespace() {
                    m += 1;
                }
                let next_starts =
                    m < chars.len() && (chars[m].1.is_uppercase() || matches!(chars[m].1, '«' | '"' | '“'));
                if next_starts && !ends_with_abbreviation(&line[start..i]) {
                    let piece = line[start..chars[j].0].trim();
                    if !piece.is_empty() {
                        out.push(piece.to_string());
                    }
                    start = chars[m].0;
                    k = m;
                    continue;
                }
            }
        }
        k += 1;
    }
    let rest = line[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word: String =
        before.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    let w = folded(&word);
    matches!(w.as_str(), "m" | "mm" | "mme" | "mmes" | "mlle" | "dr" | "st" | "ste" | "art" | "n" | "cf" | "p")
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

// ───────────────────────────── Forms of documents ─────────────────────────────

enum Form {
    /// A register extract: Bureau, Conseil de la Métropole, municipal council.
    Register,
    /// The portal's listing: "Délibération du JJ/MM/AAAA", Instance, Commission, Rapporteur, …
    Portal,
    /// Anything else, such as a news item about a decision.
    News,
}

/// The fields of the decision as read; `None` is reported, never filled in.
#[derive(Default)]
struct Fields {
    reference: Option<String>,
    /// What to say when there is no reference (a news item has none by nature).
    reference_note: Option<String>,
    instance: Option<String>,
    date: Option<IsoDate>,
    signed: Option<IsoDate>,
    title: Option<String>,
    rapporteur: Option<String>,
    signatory: Option<String>,
    members: Option<u32>,
    quote: Option<String>,
    notes: Vec<String>,
}

fn detect(p: &Prepared) -> Form {
    let head: Vec<&Logical> = p.logical.iter().take(6).collect();
    if head.iter().any(|l| portal_header(&l.text).is_some()) {
        return Form::Portal;
    }
    let start: String = p.logical.iter().take(25).map(|l| folded(&l.text)).collect::<Vec<_>>().join("\n");
    let register_marks =
        ["registre des deliberations", "extrait du registre", "extrait des registres", "conseil municipal"];
    let has_seance = p.logical.iter().take(25).any(|l| folded(&l.text).starts_with("seance"));
    // Even a truncated register keeps its "Délibère" or its articles.
    let deliberates = p.logical.iter().any(|l| {
        let f = folded(&l.text);
        f.starts_with("delibere") || f.starts_with("article 1") || f.starts_with("article premier")
    });
    if register_marks.iter().any(|m| start.contains(m))
        || has_seance
        || deliberates
        || find_reference_line(p, p.logical.len()).is_some()
    {
        return Form::Register;
    }
    if p.logical.iter().any(|l| portal_header(&l.text).is_some()) {
        return Form::Portal;
    }
    Form::News
}

/// "Délibération du 07/12/2023" at the start of a line → the date.
fn portal_header(line: &str) -> Option<(IsoDate, usize)> {
    let f = Folded::new(line);
    let rest = f.text.strip_prefix("deliberation du ")?;
    let offset = f.text.len() - rest.len();
    let d = dates_in(rest).into_iter().next().filter(|d| d.start == 0 && d.date.day.is_some())?;
    Some((d.date, f.orig(offset + d.end)))
}

// ── Register ──

fn read_register(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields::default();
    let n = p.logical.len();
    let folded_lines: Vec<String> = p.logical.iter().map(|l| folded(&l.text)).collect();

    // The deciding part: from "Délibère" (or "Décide", or the first article) to the signature.
    let decide_start = folded_lines
        .iter()
        .position(|f| {
            let f = f.trim_start_matches(['-', ' ']);
            f.starts_with("delibere")
                || f.starts_with("decide")
                || f.starts_with("article 1")
                || f.starts_with("article premier")
                || f.starts_with("article unique")
                || f.contains("apres en avoir delibere")
        })
        .unwrap_or(n);
    let signature_start = folded_lines
        .iter()
        .enumerate()
        .skip(decide_start)
        .find(|(_, f)| is_signature_mark(f) || f.starts_with("cette proposition mise aux voix"))
        .map_or(n, |(i, _)| i);

    // Header: up to the séance line (or the first lines).
    let seance_ix = folded_lines.iter().take(30).position(|f| f.starts_with("seance") || f.contains("seance du"));
    let header_end = seance_ix.map_or(n.min(8), |i| i + 1);
    let header: Vec<&str> = p.logical[..header_end].iter().map(|l| l.text.as_str()).collect();

    let (instance, commune_missing) = register_instance(&header, &p.logical[..decide_start.min(n)]);
    fields.instance = instance;
    if commune_missing {
        fields.notes.push("commune du conseil municipal introuvable dans l'en-tête".to_string());
    }

    // Date of the séance: "Séance du jeudi 7 décembre 2023", "L'an deux mille vingt-quatre, le quinze mars".
    fields.date = seance_ix
        .and_then(|i| {
            let f = &folded_lines[i];
            let from = f.find("seance").unwrap_or(0);
            dates_in(&f[from..]).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date)
        })
        .or_else(|| folded_lines.iter().take(decide_start).find_map(|f| words_date(f)))
        .or_else(|| {
            folded_lines
                .iter()
                .take(decide_start.min(20))
                .filter(|f| f.contains("reuni") || f.contains("assemble"))
                .find_map(|f| dates_in(f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date))
        });

    fields.members = p.logical.iter().take(decide_start).find_map(|l| members_present(&folded(&l.text)));

    // Reference, and the title that follows it (or an "Objet :" line).
    let reference_line = find_reference_line(p, decide_start);
    if let Some((ix, reference, rest)) = &reference_line {
        fields.reference = Some(reference.clone());
        if !rest.is_empty() {
            fields.title = Some(strip_internal_code(rest));
        } else {
            fields.title = p.logical[ix + 1..decide_start.max(ix + 1).min(n)]
                .iter()
                .map(|l| l.text.trim())
                .find(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()))
                .map(strip_internal_code);
        }
    }
    if let Some(objet) = p.logical.iter().take(decide_start).find_map(|l| labelled(&l.text, &["objet"])) {
        fields.title = Some(objet.to_string());
    }
    // A municipal reference: "Délibération n° 2024-052".
    if fields.reference.is_none() {
        fields.reference = p.logical.iter().take(decide_start.min(40)).find_map(|l| numbered_reference(&l.text));
    }

    // Signed: "Signé le 15 Avril 2021".
    fields.signed = folded_lines
        .iter()
        .find(|f| f.starts_with("signe le"))
        .and_then(|f| dates_in(f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date));

    fields.rapporteur = p.logical.iter().take(signature_start).find_map(|l| rapporteur_of(&l.text));
    fields.signatory = signatory(p);

    // The article that decides, as the decision's quote.
    fields.quote = deciding_quote(p, &folded_lines, decide_start, signature_start);
    if fields.quote.is_none() {
        if decide_start >= n {
            fields.notes.push("dispositif (« Délibère », « Article 1 ») introuvable".to_string());
        }
        fields.quote = fields.title.clone();
    }

    // Content: everything before the signature block (the header names the body and the town).
    let mut scope = Scope { lines: Vec::new(), deciding: Vec::new() };
    for (i, l) in p.logical.iter().enumerate().take(signature_start) {
        scope.lines.push(l.text.clone());
        scope.deciding.push(i >= decide_start);
    }
    (fields, scope)
}

fn is_signature_mark(f: &str) -> bool {
    let f = f.trim_start_matches(['-', ' ']);
    f.starts_with("certifie conforme")
        || f.starts_with("pour extrait conforme")
        || f.starts_with("pour copie conforme")
        || f.starts_with("pour expedition conforme")
        || f.starts_with("ainsi fait et delibere")
        || f.starts_with("fait et delibere")
}

/// The instance from the header, else from the first mention before the deciding part.
/// The flag says a municipal council was found without its commune.
fn register_instance(header: &[&str], before_decision: &[Logical]) -> (Option<String>, bool) {
    let head = folded(&header.join("\n"));
    if head.contains("conseil municipal") {
        return match commune_in(header) {
            Some(c) => (Some(format!("Conseil municipal {}", of_town(&c))), false),
            None => (Some("Conseil municipal".to_string()), true),
        };
    }
    if let Some(i) = instance_in(&head) {
        return (Some(i), false);
    }
    if let Some(pos) = head.find("conseil de territoire") {
        let f = Folded::new(&header.join("\n"));
        let start = f.orig(pos + "conseil de territoire".len());
        let joined = header.join("\n");
        let rest = joined[start..].lines().next().unwrap_or("").trim();
        let rest = if is_all_caps(rest) { title_case(rest) } else { rest.to_string() };
        return (Some(format!("Conseil de territoire {rest}").trim().to_string()), false);
    }
    for l in before_decision {
        let f = folded(&l.text);
        if f.contains("conseil municipal") {
            if let Some(c) = commune_in(&[l.text.as_str()]) {
                return (Some(format!("Conseil municipal {}", of_town(&c))), false);
            }
        }
        if let Some(i) = instance_in(&f) {
            return (Some(i), false);
        }
    }
    (None, false)
}

/// "de Martigues", "d'Istres".
fn of_town(town: &str) -> String {
    let vowel = folded(town).chars().next().is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h'));
    if vowel {
        format!("d'{town}")
    } else {
        format!("de {town}")
    }
}

/// The Métropole's instances named in a folded text.
fn instance_in(f: &str) -> Option<String> {
    let bureau = ["bureau de la metropole", "bureau metropolitain"].iter().filter_map(|n| f.find(n)).min();
    let conseil = ["conseil de la metropole", "conseil metropolitain"].iter().filter_map(|n| f.find(n)).min();
    match (bureau, conseil) {
        (Some(b), Some(c)) if c < b => Some("Conseil de la Métropole".to_string()),
        (Some(_), _) => Some("Bureau de la Métropole".to_string()),
        (None, Some(_)) => Some("Conseil de la Métropole".to_string()),
        _ => None,
    }
}

/// The commune a municipal council's header names.
fn commune_in(lines: &[&str]) -> Option<String> {
    const AFTER: [&str; 11] = [
        "conseil municipal de la ville de ",
        "conseil municipal de la commune de ",
        "conseil municipal de ",
        "conseil municipal d'",
        "ville de ",
        "commune de ",
        "mairie de ",
        "ville d'",
        "commune d'",
        "mairie d'",
        "conseil municipal - ",
    ];
    for pattern in AFTER {
        for line in lines {
            let f = Folded::new(line);
            let Some(pos) = f.text.find(pattern) else { continue };
            // "ville de", "commune de" only at the start of a line: elsewhere they are prose.
            if !pattern.starts_with("conseil") && pos != 0 {
                continue;
            }
            let start = f.orig(pos + pattern.len());
            if let Some(name) = proper_name_at(&line[start..]) {
                return Some(if is_all_caps(&name) { title_case(&name) } else { name });
            }
        }
    }
    None
}

/// The proper name at the start of `s`: capitalised words, with the particles between them.
fn proper_name_at(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for w in words {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
        let ends = bare.len() != w.len();
        let f = folded(bare);
        let first_letter = bare.chars().find(|c| c.is_alphabetic());
        if matches!(f.as_str(), "de" | "du" | "des" | "la" | "le" | "les" | "sur" | "en") && !ends {
            pending.push(bare);
            continue;
        }
        if first_letter.is_some_and(char::is_uppercase) && !bare.is_empty() {
            taken.append(&mut pending);
            taken.push(bare);
            if ends {
                break;
            }
        } else {
            break;
        }
    }
    // Stop words of the header are not part of the name ("MARTIGUES SÉANCE DU …" cannot occur: one line each).
    (!taken.is_empty()).then(|| taken.join(" "))
}

/// The first line (before `limit`) that is a register reference, with what follows it on the line.
fn find_reference_line(p: &Prepared, limit: usize) -> Option<(usize, String, String)> {
    for (i, l) in p.logical.iter().enumerate().take(limit.min(p.logical.len())) {
        let mut t = l.text.trim();
        let f = folded(t);
        for prefix in ["deliberation n°", "deliberation no ", "n°", "no "] {
            if f.starts_with(prefix) {
                let cut = Folded::new(t).orig(prefix.len());
                t = t[cut..].trim_start();
                break;
            }
        }
        if let Some(len) = reference_len(t) {
            let rest =
                t[len..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '■' | '-' | '–' | ':')).trim();
            return Some((i, t[..len].to_string(), rest.to_string()));
        }
    }
    None
}

/// Length of a Métropole register reference at the start of `s`: "CHL 012-9751/21/BM",
/// "ECOR-003-13530/23/BM", "HN 001-8073/20/CM".
fn reference_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let count = |i: &mut usize, pred: fn(u8) -> bool| {
        let start = *i;
        while *i < b.len() && pred(b[*i]) {
            *i += 1;
        }
        *i - start
    };
    let letters = count(&mut i, |c| c.is_ascii_uppercase());
    if !(2..=6).contains(&letters) {
        return None;
    }
    if i < b.len() && (b[i] == b' ' || b[i] == b'-') {
        i += 1;
    }
    if !(1..=4).contains(&count(&mut i, |c| c.is_ascii_digit())) || b.get(i) != Some(&b'-') {
        return None;
    }
    i += 1;
    if !(3..=7).contains(&count(&mut i, |c| c.is_ascii_digit())) || b.get(i) != Some(&b'/') {
        return None;
    }
    i += 1;
    if count(&mut i, |c| c.is_ascii_digit()) != 2 || b.get(i) != Some(&b'/') {
        return None;
    }
    i += 1;
    if !(2..=4).contains(&count(&mut i, |c| c.is_ascii_uppercase())) {
        return None;
    }
    // Not glued to a following letter or digit.
    if b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(i)
}

/// "Délibération n° 2024-052", "N° DCM-2024-052" → the number as printed.
fn numbered_reference(line: &str) -> Option<String> {
    let f = Folded::new(line.trim());
    let t = line.trim();
    let mut at = None;
    for prefix in ["deliberation n°", "deliberation no ", "deliberation numero ", "n°", "numero "] {
        if f.text.starts_with(prefix) {
            at = Some(f.orig(prefix.len()));
            break;
        }
    }
    let rest = t[at?..].trim_start();
    let token: String =
        rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | '_')).collect();
    let token = token.trim_end_matches(['.', '-']).to_string();
    token.chars().any(|c| c.is_ascii_digit()).then_some(token)
}

/// The value of "Label : value" when the line starts with one of the (folded) labels.
fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let f = Folded::new(line);
    for label in labels {
        if let Some(rest) = f.text.strip_prefix(label) {
            let after = rest.trim_start();
            if let Some(value) = after.strip_prefix(':') {
                let start = f.orig(f.text.len() - value.len());
                let v = line[start..].trim();
                return (!v.is_empty()).then_some(v);
            }
        }
    }
    None
}

/// Internal codes printed after a register's title ("… commande publique 51800") are not part of it.
fn strip_internal_code(title: &str) -> String {
    let t = title.trim();
    if let Some((head, last)) = t.rsplit_once(' ') {
        if last.len() >= 5 && last.chars().all(|c| c.is_ascii_digit()) {
            return head.trim_end().to_string();
        }
    }
    t.to_string()
}

/// "ont été présents 29 membres", "Présents : 35", "29 membres présents".
fn members_present(f: &str) -> Option<u32> {
    let number_at = |s: &str| -> Option<u32> {
        let digits: String = s.trim_start().chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    if let Some(pos) = f.find("ont ete presents ") {
        let rest = &f[pos + "ont ete presents ".len()..];
        if let Some(n) = number_at(rest) {
            return Some(n);
        }
    }
    for label in ["membres presents", "nombre de presents", "conseillers presents", "presents"] {
        if let Some(pos) = find_word(f, label) {
            let rest = f[pos + label.len()..].trim_start();
            if let Some(value) = rest.strip_prefix(':') {
                if let Some(n) = number_at(value) {
                    return Some(n);
                }
            }
        }
    }
    if let Some(pos) = f.find(" membres presents") {
        let digits: String =
            f[..pos].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        return digits.parse().ok();
    }
    None
}

/// "Rapporteur : Madame Claire EXEMPLE, Adjointe …" → "Claire Exemple, Adjointe …".
fn rapporteur_of(line: &str) -> Option<String> {
    let f = folded(line);
    let value = if f.starts_with("rapporteur") {
        let f2 = Folded::new(line);
        let after = f2.text["rapporteur".len()..].trim_start();
        let after = after.strip_prefix(':').or_else(|| after.strip_prefix('-'))?;
        let start = f2.orig(f2.text.len() - after.len());
        line[start..].trim().to_string()
    } else if let Some(pos) = f.find("sur le rapport de ") {
        let f2 = Folded::new(line);
        line[f2.orig(pos + "sur le rapport de ".len())..].trim().trim_end_matches('.').to_string()
    } else {
        return None;
    };
    if value.is_empty() {
        return None;
    }
    let (name, role) = match value.split_once(',') {
        Some((n, r)) => (n.trim(), Some(r.trim())),
        None => (value.as_str(), None),
    };
    let name = person_name(name);
    if name.is_empty() || folded(&name).contains("commissaire") {
        return None;
    }
    Some(match role {
        Some(r) if !r.is_empty() => format!("{name}, {}", r.trim_end_matches(['.', ','])),
        _ => name,
    })
}

/// The "Certifié Conforme" block: role on the first lines, name on the last one.
fn signatory(p: &Prepared) -> Option<String> {
    let n = p.lines.len();
    let mark = (0..n).rev().find(|&i| is_signature_mark(&folded(&p.lines[i])))?;
    let mut block: Vec<String> = Vec::new();
    // What follows the mark on its own line ("Certifié conforme, Le Maire").
    let first = &p.lines[mark];
    if let Some((_, rest)) = first.split_once(',') {
        let rest = rest.trim();
        if !rest.is_empty() {
            block.push(rest.to_string());
        }
    }
    for line in p.lines.iter().skip(mark + 1) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let f = folded(t);
        if [
            "signe le",
            "recu au controle",
            "accuse de reception",
            "publie le",
            "affiche le",
            "transmis",
            "certifie executoire",
            "acte rendu executoire",
        ]
        .iter()
        .any(|s| f.starts_with(s))
        {
            break;
        }
        block.push(t.to_string());
        if block.len() >= 8 {
            break;
        }
    }
    let name_line = block.pop()?;
    if !looks_like_name(&name_line) {
        return None;
    }
    let name = person_name(&name_line);
    match role_of(&block) {
        Some(role) => Some(format!("{name}, {role}")),
        None => Some(name),
    }
}

fn role_of(lines: &[String]) -> Option<String> {
    let parts: Vec<String> =
        lines.iter().map(|l| l.trim().trim_end_matches(',').trim().to_string()).filter(|l| !l.is_empty()).collect();
    let first = parts.first()?;
    let mut head = first.as_str();
    for article in ["Pour le ", "Pour la ", "Le ", "La ", "L'"] {
        if let Some(rest) = head.strip_prefix(article) {
            head = rest;
            break;
        }
    }
    let head =
        head.replace("Président Délégué", "Président délégué").replace("Présidente Déléguée", "Présidente déléguée");
    Some(if parts.len() > 1 { format!("{head} {}", parts[1..].join(", ")) } else { head })
}

/// A person's name line: a few words, each capitalised (or a particle), no digits.
fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || line.chars().any(|c| c.is_ascii_digit()) || line.ends_with([':', ',']) {
        return false;
    }
    let particles = ["de", "du", "d'", "le", "la", "van", "von", "di", "da", "des"];
    let mut capitalised = 0;
    for w in &words {
        let f = folded(w);
        if particles.contains(&f.as_str()) || f.starts_with("d'") {
            continue;
        }
        if ["monsieur", "madame", "m.", "mme", "mme."].contains(&f.as_str()) {
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        } else {
            return false;
        }
    }
    capitalised >= 1
}

/// Civilities dropped, surnames in capitals written as names: "Martial ALVAREZ" → "Martial Alvarez".
fn person_name(raw: &str) -> String {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| ["monsieur", "madame", "m.", "mme", "mme.", "mlle", "mr", "mr."].contains(&folded(w).as_str()))
    {
        words.remove(0);
    }
    words
        .iter()
        .map(|w| if is_all_caps(w) { capitalize_word(w) } else { (*w).to_string() })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether every letter is a capital (and there are at least two letters).
fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// "ALVAREZ" → "Alvarez", "JOISSAINS-MASINI" → "Joissains-Masini", "D'ESTIENNE" → "D'Estienne".
fn capitalize_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut upper_next = true;
    for c in w.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        upper_next = !c.is_alphabetic();
    }
    out
}

/// A name printed in capitals, written as a name: "VILLE DE MARTIGUES" → "Ville de Martigues".
fn title_case(s: &str) -> String {
    let small = ["de", "du", "des", "la", "le", "les", "et", "sur", "en", "aux", "au", "a"];
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let f = folded(w);
            if i > 0 && small.contains(&f.as_str()) {
                w.to_lowercase()
            } else {
                let c = capitalize_word(w);
                // An elided particle inside a name stays small: "d'Aix".
                match c.split_once('\'') {
                    Some((p, rest)) if i > 0 && p.chars().count() == 1 => format!("{}'{rest}", p.to_lowercase()),
                    _ => c,
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first sentence of the first article (or of what follows "Décide").
fn deciding_quote(p: &Prepared, folded_lines: &[String], start: usize, end: usize) -> Option<String> {
    let range = start..end.min(p.logical.len());
    let is_article =
        |f: &str| f.starts_with("article 1") || f.starts_with("article premier") || f.starts_with("article unique");
    let trimmed = |i: usize| folded_lines[i].trim_start_matches(['-', ' ']).to_string();
    // The first article; else what follows "Décide".
    let at = range
        .clone()
        .find(|&i| is_article(&trimmed(i)))
        .or_else(|| range.clone().find(|&i| trimmed(i).starts_with("decide")));
    if let Some(i) = at {
        // Inline text after "Article 1 :" / "Décide :".
        let text = &p.logical[i].text;
        let inline = text.split_once(':').map(|(_, r)| r.trim()).filter(|r| !r.is_empty());
        let body = match inline {
            Some(r) => r.to_string(),
            None => p.logical.get(i + 1).filter(|_| i + 1 < range.end).map(|l| l.text.clone())?,
        };
        let body = body.trim_start_matches(['-', '•', ' ']).to_string();
        return split_sentences(&body).into_iter().next();
    }
    None
}

// ── Portal ──

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum PortalField {
    Instance,
    Commission,
    Rapporteur,
    Objet,
    Resume,
    Incidence,
    Reference,
}

const PORTAL_ORDER: [PortalField; 6] = [
    PortalField::Instance,
    PortalField::Commission,
    PortalField::Rapporteur,
    PortalField::Objet,
    PortalField::Resume,
    PortalField::Incidence,
];

const PORTAL_LABELS: [(&str, PortalField); 10] = [
    ("instance", PortalField::Instance),
    ("commission", PortalField::Commission),
    ("rapporteur", PortalField::Rapporteur),
    ("objet", PortalField::Objet),
    ("resume", PortalField::Resume),
    ("incidence financiere", PortalField::Incidence),
    ("incidence", PortalField::Incidence),
    ("reference", PortalField::Reference),
    ("numero", PortalField::Reference),
    ("n°", PortalField::Reference),
];

fn read_portal(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields::default();
    let headers: Vec<usize> =
        p.logical.iter().enumerate().filter(|(_, l)| portal_header(&l.text).is_some()).map(|(i, _)| i).collect();
    let first = headers.first().copied().unwrap_or(0);
    let end = headers.get(1).copied().unwrap_or(p.logical.len());
    if headers.len() > 1 {
        fields.notes.push(format!(
            "{} autres délibérations dans ce fichier non lues : une délibération par fichier",
            headers.len() - 1
        ));
    }
    let header = &p.logical[first].text;
    let (date, after_date) = portal_header(header).map_or((None, header.len()), |(d, e)| (Some(d), e));
    fields.date = date;

    // Labelled lines ("Objet : …"), else cells separated by tabs or bars on the header line, else one cell a line.
    let mut values: HashMap<PortalField, String> = HashMap::new();
    let mut current: Option<PortalField> = None;
    let mut unlabelled: Vec<String> = Vec::new();
    for l in &p.logical[first + 1..end] {
        let f = folded(&l.text);
        let label =
            PORTAL_LABELS.iter().find(|(lab, _)| f.strip_prefix(lab).is_some_and(|r| r.trim_start().starts_with(':')));
        match label {
            Some((lab, field)) => {
                let value = labelled(&l.text, &[lab]).unwrap_or("").to_string();
                values.insert(*field, value);
                current = Some(*field);
            }
            None => match current {
                Some(field) => {
                    let v = values.entry(field).or_default();
                    if !v.is_empty() {
                        v.push(' ');
                    }
                    v.push_str(&l.text);
                }
                None => unlabelled.push(l.text.clone()),
            },
        }
    }
    if values.is_empty() {
        let rest = header[after_date..].trim_start_matches([',', ';', ' ', '\t', '|']);
        let cells: Vec<String> = if rest.contains('\t') || rest.contains('|') {
            rest.split(['\t', '|']).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
        } else {
            unlabelled.clone()
        };
        for (field, cell) in PORTAL_ORDER.iter().zip(cells) {
            values.insert(*field, cell);
        }
    }

    fields.instance = values.get(&PortalField::Instance).filter(|v| !v.is_empty()).map(|v| {
        let f = folded(v);
        instance_in(&f).unwrap_or_else(|| {
            if f.trim() == "bureau" {
                "Bureau de la Métropole".to_string()
            } else if f.trim() == "conseil" {
                "Conseil de la Métropole".to_string()
            } else {
                v.trim().to_string()
            }
        })
    });
    fields.rapporteur = values.get(&PortalField::Rapporteur).map(|v| person_name(v)).filter(|v| !v.is_empty());
    if let Some(objet) = values.get(&PortalField::Objet).filter(|v| !v.is_empty()) {
        match reference_len(objet.trim()) {
            Some(len) => {
                let o = objet.trim();
                fields.reference = Some(o[..len].to_string());
                let rest = o[len..]
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':' | '■'))
                    .trim();
                fields.title = (!rest.is_empty()).then(|| rest.to_string());
            }
            None => fields.title = Some(objet.trim().to_string()),
        }
    }
    if let Some(r) = values.get(&PortalField::Reference).map(|r| r.trim()).filter(|r| !r.is_empty()) {
        fields.reference = Some(r.to_string());
    }
    if fields.reference.is_none() {
        fields.reference = p.logical[first..end].iter().find_map(|l| {
            let t = l.text.trim();
            reference_len(t).filter(|&len| len == t.len()).map(|_| t.to_string())
        });
    }
    fields.quote = values.get(&PortalField::Objet).map(|o| o.trim().to_string()).filter(|o| !o.is_empty());
    let incidence = values.get(&PortalField::Incidence).map(|v| folded(v)).unwrap_or_default();

    let mut scope = Scope { lines: Vec::new(), deciding: Vec::new() };
    for field in [PortalField::Objet, PortalField::Resume, PortalField::Incidence] {
        if let Some(v) = values.get(&field).filter(|v| !v.is_empty()) {
            scope.lines.push(v.clone());
            scope.deciding.push(true);
        }
    }
    if incidence.trim().starts_with("oui") && !scope.lines.iter().any(|l| !amounts_in(l).is_empty()) {
        fields.notes.push("incidence financière annoncée mais aucun montant donné".to_string());
    }
    fields.notes.push(
        "la liste du portail ne donne pas le texte des articles : montants et liens d'après l'objet et le résumé"
            .to_string(),
    );
    (fields, scope)
}

// ── News item ──

fn read_news(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields {
        reference_note: Some(
            "référence non donnée : le texte n'est pas une délibération (article ou communiqué)".to_string(),
        ),
        ..Fields::default()
    };
    let scope =
        Scope { lines: p.logical.iter().map(|l| l.text.clone()).collect(), deciding: vec![false; p.logical.len()] };
    let sentences = scope.sentences();
    // The date the item speaks from: its first full date.
    let published = sentences
        .iter()
        .find_map(|s| dates_in(&folded(&s.text)).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date));

    // "Votée par le bureau de la Métropole en juin dernier, …"
    let vote = sentences.iter().find(|s| {
        let f = folded(&s.text);
        [
            "vote par",
            "votee par",
            "votes par",
            "votees par",
            "adopte par",
            "adoptee par",
            "approuve par",
            "approuvee par",
            "deliberation du bureau",
            "deliberation du conseil",
        ]
        .iter()
        .any(|m| f.contains(m))
    });
    if let Some(v) = vote {
        let f = folded(&v.text);
        fields.instance =
            instance_in(&f).or_else(|| f.contains("conseil municipal").then(|| "Conseil municipal".to_string()));
        fields.date = vote_date(&f, published);
        if fields.date.is_none() {
            fields.notes.push("date du vote introuvable dans la phrase qui l'annonce".to_string());
        }
        fields.quote = Some(v.text.clone());
    } else {
        fields.notes.push("aucune phrase ne dit quelle instance a voté, ni quand".to_string());
    }

    // "Jeudi 11 juillet 2024, la Métropole … a signé …"
    fields.signed = sentences.iter().find_map(|s| {
        let f = folded(&s.text);
        if !(f.contains("a signe") || f.contains("ont signe") || f.contains("signature")) {
            return None;
        }
        dates_in(&f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date)
    });

    fields.title = p.logical.first().map(|l| l.text.trim().to_string()).filter(|t| !t.is_empty());
    if fields.title.is_some() {
        fields.notes.push("objet exact de la décision non donné : le titre de l'article en tient lieu".to_string());
    }
    (fields, scope)
}

/// The date of a vote in a news sentence: a full date, "en juin 2024", or "en juin dernier" read
/// from the date the item speaks from.
fn vote_date(f: &str, published: Option<IsoDate>) -> Option<IsoDate> {
    if let Some(d) = dates_in(f).into_iter().next() {
        return Some(d.date);
    }
    let r = runs(f);
    for w in r.windows(3) {
        if w[0].word == "en" && w[2].word == "dernier" {
            if let (Some(m), Some(p)) = (month_of(w[1].word), published) {
                let pm = p.month.unwrap_or(12);
                let year = if m < pm { p.year } else { p.year - 1 };
                return IsoDate::parse(&format!("{year:04}-{m:02}"));
            }
        }
    }
    None
}

// ───────────────────────────── Dates ─────────────────────────────

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

struct Run<'a> {
    start: usize,
    end: usize,
    word: &'a str,
}

/// Runs of letters and digits of a folded text.
fn runs(f: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in f.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Run { start: s, end: i, word: &f[s..i] });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Run { start: s, end: f.len(), word: &f[s..] });
    }
    out
}

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

fn year_of(w: &str) -> Option<i32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

struct FoundDate {
    start: usize,
    end: usize,
    date: IsoDate,
}

/// Dates in a folded text: "7 decembre 2023", "1er mars 2024", "15/04/2021", "juin 2022".
fn dates_in(f: &str) -> Vec<FoundDate> {
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

/// "L'an deux mille vingt-quatre, le quinze mars" → 2024-03-15.
fn words_date(f: &str) -> Option<IsoDate> {
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

// ───────────────────────────── Amounts, budget, conventions, ends ─────────────────────────────

/// Amounts in euros in a sentence: (byte start, value). "50 000 euros", "50.000 euros",
/// "14 205€", "1 200,50 €", "1,2 million d'euros", "2 M€".
fn amounts_in(sentence: &str) -> Vec<(usize, Cents)> {
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let len = chars.len();
    let digit = |k: usize| k < len && chars[k].1.is_ascii_digit();
    let mut out = Vec::new();
    let mut k = 0;
    while k < len {
        let glued = k > 0 && (chars[k - 1].1.is_alphanumeric() || matches!(chars[k - 1].1, ',' | '.' | '/' | '-'));
        if !digit(k) || glued {
            k += 1;
            continue;
        }
        let start = k;
        let mut digits = String::new();
        while digit(k) {
            digits.push(chars[k].1);
            k += 1;
        }
        // Thousands groups: a first group of at most three digits, then exactly three at a time.
        if digits.len() <= 3 {
            while k + 3 < len + 1
                && k < len
                && matches!(chars[k].1, ' ' | '.' | '\u{a0}' | '\u{202f}' | '\u{2009}')
                && digit(k + 1)
                && digit(k + 2)
                && digit(k + 3)
                && !digit(k + 4)
            {
                for d in 1..=3 {
                    digits.push(chars[k + d].1);
                }
                k += 4;
            }
        }
        let mut fraction = String::new();
        if k + 1 < len && matches!(chars[k].1, ',' | '.') && digit(k + 1) {
            let mut m = k + 1;
            let mut f = String::new();
            while digit(m) {
                f.push(chars[m].1);
                m += 1;
            }
            fraction = f;
            k = m;
        }
        let after = chars.get(k).map_or(sentence.len(), |c| c.0);
        // Only the few words after the number say whether it is money (and folding more would
        // make long lines quadratic).
        let rest: String = sentence[after..].chars().take(40).map(fold_char).collect();
        let rest = rest.trim_start();
        let multiplier: Option<u128> =
            if rest.starts_with('€') || rest.starts_with("euro") || rest.starts_with("eur ") || rest == "eur" {
                Some(1)
            } else if rest.starts_with("m€")
                || rest.starts_with("million")
                    && (rest.contains("d'euro") || rest.contains("d'€") || rest.contains("€"))
            {
                // "1,2 million d'euros": the currency must come right after the word.
                let after_word = rest.trim_start_matches(|c: char| c.is_alphabetic()).trim_start();
                (rest.starts_with("m€") || after_word.starts_with("d'euro") || after_word.starts_with('€'))
                    .then_some(1_000_000)
            } else if rest.starts_with("k€") {
                Some(1000)
            } else {
                None
            };
        if let Some(mult) = multiplier {
            let mantissa: Option<u128> = format!("{digits}{fraction}").parse().ok();
            let scale = 10u128.checked_pow(fraction.len() as u32);
            if let (Some(mantissa), Some(scale)) = (mantissa, scale) {
                let hundredfold = mantissa.checked_mul(mult).and_then(|v| v.checked_mul(100));
                if let Some(h) = hundredfold {
                    if h % scale == 0 {
                        if let Ok(cents) = u64::try_from(h / scale) {
                            out.push((chars[start].0, Cents(cents)));
                        }
                    }
                }
            }
        }
    }
    out
}

fn euros_string(c: Cents) -> String {
    if c.cents_part() == 0 {
        c.euros().to_string()
    } else {
        format!("{}.{:02}", c.euros(), c.cents_part())
    }
}

/// What an amount is, from the words of its sentence: (folded needle, name).
const NATURES: [(&str, &str); 27] = [
    ("cout total", "coût total"),
    ("cout global", "coût total"),
    ("montant total", "montant total"),
    ("cotisation", "cotisation"),
    ("adhesion", "cotisation"),
    ("subvention", "subvention"),
    ("fonds de concours", "fonds de concours"),
    ("participation", "participation"),
    ("dotation", "dotation"),
    ("avance", "avance"),
    ("pret", "prêt"),
    ("garantie", "garantie d'emprunt"),
    ("loyer", "loyer"),
    ("redevance", "redevance"),
    ("indemnite", "indemnité"),
    ("remboursement", "remboursement"),
    ("contribution", "contribution"),
    ("cofinancement", "financement"),
    ("co-financement", "financement"),
    ("financement", "financement"),
    ("enveloppe", "enveloppe"),
    ("marche", "marché"),
    ("cout", "coût"),
    ("prix", "prix"),
    ("aide", "aide"),
    ("prime", "prime"),
    ("budget", "budget"),
];

/// Positions of a nature word: at a word start, ending the word or followed by a plural mark.
fn nature_hits(f: &str) -> Vec<(usize, usize, &'static str)> {
    let mut hits = Vec::new();
    for (needle, name) in NATURES {
        let mut from = 0;
        while let Some(rel) = f.get(from..).and_then(|h| h.find(needle)) {
            let at = from + rel;
            let end = at + needle.len();
            let before_ok = f[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after_ok = f[end..].chars().next().is_none_or(|c| !c.is_alphabetic() || c == 's' || c == 'x');
            let plural_ok =
                f[end..].chars().nth(1).is_none_or(|c| !c.is_alphabetic()) || !f[end..].starts_with(['s', 'x']);
            if before_ok && after_ok && plural_ok {
                hits.push((at, needle.len(), name));
            }
            from = end;
        }
    }
    hits
}

fn nature_of(f: &Folded, hits: &[(usize, usize, &'static str)], amount_start: usize) -> Option<&'static str> {
    // The nearest word before the amount (the longer one on a tie), else the first after it.
    let before =
        hits.iter().filter(|(at, _, _)| f.orig(*at) < amount_start).max_by_key(|(at, len, _)| (*at, *len)).map(|h| h.2);
    before.or_else(|| {
        hits.iter()
            .filter(|(at, _, _)| f.orig(*at) > amount_start)
            .min_by_key(|(at, len, _)| (*at, usize::MAX - *len))
            .map(|h| h.2)
    })
}

/// Every amount, once per (what, euros): the sentence of the deciding part is kept over the report's.
fn find_amounts(sentences: &[Sentence]) -> (Vec<Amount>, Vec<String>) {
    let mut found: Vec<(usize, bool, Amount)> = Vec::new();
    let mut index: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut notes = Vec::new();
    for (ix, s) in sentences.iter().enumerate() {
        let amounts = amounts_in(&s.text);
        if amounts.is_empty() {
            continue;
        }
        let f = Folded::new(&s.text);
        let hits = nature_hits(&f.text);
        for (start, cents) in amounts {
            let euros = euros_string(cents);
            let what = nature_of(&f, &hits, start).unwrap_or("montant");
            // The sentence is copied only for a new amount, or for the deciding part's over the report's.
            match index.get(&(what, euros.clone())) {
                Some(&at) if !found[at].1 && s.deciding => {
                    found[at] = (ix, true, Amount { what: what.to_string(), euros, context: s.text.clone() })
                }
                Some(_) => {}
                None => {
                    if what == "montant" {
                        notes.push(format!("nature du montant de {euros} € non précisée : « {} »", s.text));
                    }
                    index.insert((what, euros.clone()), found.len());
                    found.push((ix, s.deciding, Amount { what: what.to_string(), euros, context: s.text.clone() }));
                }
            }
        }
    }
    found.sort_by_key(|(ix, _, _)| *ix);
    (found.into_iter().map(|(_, _, a)| a).collect(), notes)
}

/// "Budget principal 2024, chapitre 011, nature 6281" from the sentence that gives the imputation.
fn find_budget(sentences: &[Sentence]) -> Option<String> {
    let mut candidates: Vec<&Sentence> = sentences
        .iter()
        .filter(|s| {
            let f = folded(&s.text);
            find_word(&f, "chapitre").is_some()
                && (find_word(&f, "nature").is_some() || find_word(&f, "article").is_some())
        })
        .collect();
    candidates.sort_by_key(|s| !s.deciding);
    let s = candidates.first()?;
    let f = Folded::new(&s.text);
    let label = if f.text.contains("budget annexe") {
        "Budget annexe"
    } else if f.text.contains("budget principal") {
        "Budget principal"
    } else if contains_word_prefix(&f.text, "budget") {
        "Budget"
    } else {
        ""
    };
    let year = runs(&f.text).iter().find_map(|r| year_of(r.word));
    let mut parts: Vec<String> = Vec::new();
    match (label.is_empty(), year) {
        (false, Some(y)) => parts.push(format!("{label} {y}")),
        (false, None) => parts.push(label.to_string()),
        _ => {}
    }
    // The imputation's codes follow "chapitre" ("ARTICLE 3 : … chapitre 65, article 6574").
    let chapitre = find_word(&f.text, "chapitre").unwrap_or(0);
    for (key, name, two) in [
        ("chapitre", "chapitre", false),
        ("article", "article", false),
        ("nature", "nature", false),
        ("fonction", "fonction", false),
        ("sous politique", "sous-politique", true),
        ("sous-politique", "sous-politique", true),
        ("operation", "opération", false),
    ] {
        if parts.iter().any(|p| p.starts_with(name)) {
            continue;
        }
        let pos = if key == "chapitre" {
            Some(chapitre)
        } else {
            find_word_from(&f.text, key, chapitre).or_else(|| find_word(&f.text, key))
        };
        if let Some(pos) = pos.filter(|_| find_word(&f.text, key).is_some()) {
            if let Some(v) = value_after(&f, &s.text, pos + key.len(), two) {
                parts.push(format!("{name} {v}"));
            }
        }
    }
    parts.iter().any(|p| p.starts_with("chapitre")).then(|| parts.join(", "))
}

/// The code after a budget word: "chapitre 65", "Nature 65748", "Sous Politique E 120".
fn value_after(f: &Folded, original: &str, from: usize, letter_then_number: bool) -> Option<String> {
    let rest = f.text.get(from..)?;
    let skipped =
        rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '°')).len();
    let mut at = from + skipped;
    if f.text[at..].starts_with("n°") {
        at += "n°".len();
        at += f.text[at..].len() - f.text[at..].trim_start().len();
    }
    let r = runs(&f.text[at..]);
    let first = r.first().filter(|r| r.start == 0)?;
    // A code has digits, except the letter that opens a sous-politique ("E 120").
    let is_code = first.word.chars().any(|c| c.is_ascii_digit()) || (letter_then_number && first.word.len() == 1);
    if !is_code {
        return None;
    }
    let mut end = at + first.end;
    if letter_then_number && first.word.len() == 1 && first.word.chars().all(char::is_alphabetic) {
        let second = r.get(1).filter(|s| s.word.bytes().all(|b| b.is_ascii_digit()))?;
        end = at + second.end;
    }
    Some(original[f.orig(at)..f.orig(end)].to_string())
}

/// Convention numbers: "MET 21/18706/BM", "convention n° 2024-031".
fn find_conventions(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    let mut from = 0;
    while let Some(rel) = text.get(from..).and_then(|t| t.find("MET ")) {
        let at = from + rel;
        from = at + 4;
        if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let token: String = text[at + 4..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        if token.contains('/') && token.chars().any(|c| c.is_ascii_digit()) {
            push(format!("MET {}", token.trim_end_matches('/')));
        }
    }
    let f = Folded::new(text);
    let mut from = 0;
    while let Some(at) = find_word_from(&f.text, "convention n°", from) {
        from = at + 1;
        let start = f.orig(at + "convention n°".len());
        let token: String = text[start..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.'))
            .collect();
        let token = token.trim_end_matches(['.', '-']).to_string();
        if token.chars().any(|c| c.is_ascii_digit()) {
            push(token);
        }
    }
    out
}

/// End dates: "jusqu'au 31 décembre 2027", "jusqu'en 2027", "prend fin le 30/06/2025".
fn find_end_dates(sentences: &[Sentence]) -> Vec<String> {
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

// ───────────────────────────── Organisations ─────────────────────────────

const STOPWORDS: [&str; 13] = ["de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en"];

/// A word as compared: folded, final plural mark dropped ("Villes" = "Ville").
fn norm_word(w: &str) -> String {
    let f = folded(w);
    if f.chars().count() > 3 && f.ends_with('s') && !f.ends_with("ss") {
        f[..f.len() - 1].to_string()
    } else {
        f
    }
}

#[derive(Debug)]
struct Tok {
    start: usize,
    end: usize,
    norm: String,
    caps: bool,
    upper: bool,
    stop: bool,
    /// Punctuation or a line break separates it from the previous word.
    brk: bool,
    /// An opening parenthesis stands just before it.
    paren: bool,
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut brk = true;
    let mut paren = false;
    let mut start: Option<usize> = None;
    let push = |st: usize, end: usize, brk: bool, paren: bool, toks: &mut Vec<Tok>| {
        let word = &s[st..end];
        let norm = norm_word(word);
        toks.push(Tok {
            start: st,
            end,
            caps: word.chars().next().is_some_and(char::is_uppercase),
            upper: is_all_caps(word),
            stop: STOPWORDS.contains(&norm.as_str()),
            norm,
            brk,
            paren,
        });
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(st) = start.take() {
            push(st, i, brk, paren, &mut toks);
            brk = false;
            paren = false;
        }
        if matches!(
            c,
            ',' | '.'
                | ';'
                | ':'
                | '('
                | ')'
                | '«'
                | '»'
                | '"'
                | '“'
                | '”'
                | '!'
                | '?'
                | '['
                | ']'
                | '\n'
                | '/'
                | '■'
                | '•'
                | '|'
                | '\t'
        ) {
            brk = true;
        }
        // A dash between spaces separates ("… Provence - Approbation …"); a hyphen joins ("Aix-Marseille").
        if matches!(c, '-' | '–' | '—') {
            let spaced = |j: Option<&(usize, char)>| j.is_none_or(|&(_, x)| x.is_whitespace());
            if spaced(k.checked_sub(1).and_then(|j| chars.get(j))) || spaced(chars.get(k + 1)) {
                brk = true;
            }
        }
        if c == '(' {
            paren = true;
        }
    }
    if let Some(st) = start {
        push(st, s.len(), brk, paren, &mut toks);
    }
    toks
}

/// The words of a name that count (no articles, no "de"): the key names are compared on.
fn key_of(name: &str) -> Vec<String> {
    tokenize(name).into_iter().filter(|t| !t.stop).map(|t| t.norm).collect()
}

/// Other keys for the same collectivity: "Département des Bouches-du-Rhône" is the "Conseil
/// départemental des Bouches-du-Rhône"; likewise for the Région.
fn key_aliases(key: &[String]) -> Vec<Vec<String>> {
    let pairs: [(&[&str], &[&str]); 2] =
        [(&["conseil", "departemental"], &["departement"]), (&["conseil", "regional"], &["region"])];
    let mut out = Vec::new();
    for (long, short) in pairs {
        for (from, to) in [(long, short), (short, long)] {
            if key.len() > from.len() && key.iter().zip(from.iter()).all(|(a, b)| a == b) {
                let mut alias: Vec<String> = to.iter().map(|w| (*w).to_string()).collect();
                alias.extend(key[from.len()..].iter().cloned());
                out.push(alias);
            }
        }
    }
    out
}

struct KnownOrg {
    id: String,
    kind: Option<OrgKind>,
    /// Keys of its name, short name and former names; `true` for an acronym matched in capitals only.
    keys: Vec<(Vec<String>, bool)>,
}

/// The organisations of `--against`, by the words of their names.
#[derive(Default)]
struct Known {
    orgs: Vec<KnownOrg>,
    ids: HashSet<String>,
}

impl Known {
    fn from_model(model: Option<&Model>) -> Known {
        let Some(model) = model else { return Known::default() };
        let orgs = model
            .organizations
            .iter()
            .map(|o| {
                let mut names: Vec<&str> = vec![o.name.as_str()];
                names.extend(o.short_name.as_deref());
                names.extend(o.former_names.iter().map(|f| f.name.as_str()));
                let keys = names
                    .into_iter()
                    .map(|n| {
                        let toks = tokenize(n);
                        let acronym = toks.len() == 1 && toks[0].upper;
                        (key_of(n), acronym)
                    })
                    .filter(|(k, _)| !k.is_empty())
                    .flat_map(|(k, acronym)| {
                        let aliases = key_aliases(&k);
                        std::iter::once((k, acronym)).chain(aliases.into_iter().map(move |a| (a, acronym)))
                    })
                    .collect();
                KnownOrg { id: o.id.clone(), kind: Some(o.kind), keys }
            })
            .collect();
        Known { orgs, ids: model.organizations.iter().map(|o| o.id.clone()).collect() }
    }

    /// The known organisation a name designates: same words, or (for two words or more) the
    /// same first and last words with some left out. `Err` lists the ids when several fit.
    fn resolve(&self, key: &[String]) -> Result<Option<&KnownOrg>, Vec<String>> {
        if key.is_empty() {
            return Ok(None);
        }
        if let Some(o) = self.orgs.iter().find(|o| o.keys.iter().any(|(k, _)| k.as_slice() == key)) {
            return Ok(Some(o));
        }
        let fits: Vec<&KnownOrg> = self
            .orgs
            .iter()
            .filter(|o| {
                o.keys
                    .iter()
                    .any(|(k, _)| key.len() >= 2 && k.len() >= 2 && (subsequence(key, k) || subsequence(k, key)))
            })
            .collect();
        match fits.len() {
            0 => Ok(None),
            1 => Ok(fits.first().copied()),
            _ => Err(fits.iter().map(|o| o.id.clone()).collect()),
        }
    }

    /// A fresh id for a proposed organisation, never one of `--against`.
    fn fresh_id(&self, name: &str) -> String {
        let base = kebab(name);
        let base = if base.is_empty() { "organisation".to_string() } else { base };
        if !self.ids.contains(&base) {
            return base;
        }
        (2..).map(|n| format!("{base}-{n}")).find(|id| !self.ids.contains(id)).unwrap_or(base)
    }
}

/// `short` is `long` with words left out, keeping the first and the last.
fn subsequence(short: &[String], long: &[String]) -> bool {
    if short.len() >= long.len() || short.first() != long.first() || short.last() != long.last() {
        return false;
    }
    let mut it = long.iter();
    short.iter().all(|w| it.any(|l| l == w))
}

/// How an organisation named in a text is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Resolved {
    Known(String),
    New { id: String, name: String, kind: &'static str },
}

impl Resolved {
    fn id(&self) -> &str {
        match self {
            Resolved::Known(id) => id,
            Resolved::New { id, .. } => id,
        }
    }

    fn named(&self, written: &str) -> NamedOrganization {
        match self {
            Resolved::Known(id) => {
                NamedOrganization { name: written.to_string(), matched: Some(id.clone()), proposed_id: None }
            }
            Resolved::New { id, .. } => {
                NamedOrganization { name: written.to_string(), matched: None, proposed_id: Some(id.clone()) }
            }
        }
    }
}

/// Words that introduce an organisation's name: (key words, part of the name, needs a name after, kind).
const TRIGGERS: [(&[&str], bool, bool, &str); 27] = [
    (&["association"], false, true, "association"),
    (&["societe"], false, true, "company"),
    (&["entreprise"], false, true, "company"),
    (&["fondation"], true, true, "other"),
    (&["federation"], true, true, "network"),
    (&["union"], true, true, "network"),
    (&["reseau"], true, true, "network"),
    (&["chambre"], true, true, "chamber"),
    (&["mission", "locale"], true, true, "association"),
    (&["maison", "emploi"], true, true, "programme"),
    (&["plie"], true, true, "programme"),
    (&["epa"], true, true, "public-body"),
    (&["gip"], true, true, "public-body"),
    (&["commune"], true, true, "local-authority"),
    (&["ville"], true, true, "local-authority"),
    (&["departement"], true, true, "local-authority"),
    (&["conseil", "departemental"], true, true, "local-authority"),
    (&["region"], true, true, "local-authority"),
    (&["conseil", "regional"], true, true, "local-authority"),
    (&["metropole"], true, true, "local-authority"),
    (&["communaute"], true, true, "local-authority"),
    (&["prefecture"], true, true, "state"),
    (&["pole", "emploi"], true, false, "public-operator"),
    (&["france", "travail"], true, false, "public-operator"),
    (&["cap", "emploi"], true, false, "public-operator"),
    (&["centre", "communal", "action", "sociale"], true, false, "public-body"),
    (&["syndicat"], true, true, "other"),
];

/// The kind a name suggests when it starts with a word that introduces names ("Chambre …",
/// "Commune de …"); "other" otherwise ("Alliance Villes Emploi" is not a town).
fn infer_kind(name: &str) -> &'static str {
    let key = key_of(name);
    for (words, include, _, kind) in TRIGGERS {
        if include && key.len() >= words.len() && key.iter().zip(words.iter()).all(|(a, b)| a == b) {
            return kind;
        }
    }
    "other"
}

/// An organisation found in a text.
struct Found {
    start: usize,
    end: usize,
    written: String,
    resolved: Resolved,
    /// The kind its introducing word suggests ("association" → association), for proposals.
    kind: Option<&'static str>,
    /// A note when the name fits several known organisations.
    ambiguous: Option<String>,
}

/// The deliberating body an instance stands for: the Métropole for its Bureau and Conseil, the
/// commune for its municipal council.
fn body_of(instance: &str, known: &Known) -> Option<Resolved> {
    let f = folded(instance);
    if f.contains("metropole") || f.starts_with("conseil de territoire") {
        let key = key_of(METROPOLE);
        if let Ok(Some(o)) = known.resolve(&key) {
            return Some(Resolved::Known(o.id.clone()));
        }
        return Some(Resolved::New {
            id: known.fresh_id(METROPOLE),
            name: METROPOLE.to_string(),
            kind: "local-authority",
        });
    }
    let town = instance
        .strip_prefix("Conseil municipal de ")
        .or_else(|| instance.strip_prefix("Conseil municipal d'"))?
        .trim();
    if town.is_empty() {
        return None;
    }
    let town_key = key_of(town);
    for o in &known.orgs {
        let local = o.kind.is_none_or(|k| k == OrgKind::LocalAuthority);
        let fits = o.keys.iter().any(|(k, _)| {
            (k.as_slice() == town_key.as_slice() && local)
                || (k.len() == town_key.len() + 1
                    && matches!(k[0].as_str(), "commune" | "ville" | "mairie")
                    && k[1..] == town_key[..])
        });
        if fits {
            return Some(Resolved::Known(o.id.clone()));
        }
    }
    let name = format!("Commune {}", of_town(town));
    Some(Resolved::New { id: known.fresh_id(&name), name, kind: "local-authority" })
}

/// Whether a proposed name is another way of writing the body ("VILLE DE MARTIGUES").
fn is_body_name(key: &[String], body: &Resolved) -> bool {
    let Resolved::New { name, .. } = body else { return false };
    let body_key = key_of(name);
    let strip = |k: &[String]| -> Vec<String> {
        match k.first().map(String::as_str) {
            Some("commune" | "ville" | "mairie") => k[1..].to_vec(),
            _ => k.to_vec(),
        }
    };
    strip(key) == strip(&body_key) || key == body_key.as_slice()
}

/// Organisations named in a text: known names first (longest first), then names introduced by
/// words such as "association", "Chambre", "Pôle emploi", matched by their words or proposed.
fn find_organizations(text: &str, known: &Known, body: Option<&Resolved>, proposals: &mut Proposals) -> Vec<Found> {
    let toks = tokenize(text);
    let content: Vec<usize> = (0..toks.len()).filter(|&i| !toks[i].stop).collect();
    // A break anywhere between two content words (in the words left out too).
    let content_brk: Vec<bool> = content
        .iter()
        .enumerate()
        .map(|(ci, &ti)| {
            let prev = if ci == 0 { 0 } else { content[ci - 1] + 1 };
            (prev..=ti).any(|t| toks[t].brk)
        })
        .collect();

    // 1. Known names.
    let mut by_first: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (oi, o) in known.orgs.iter().enumerate() {
        for (ki, (k, _)) in o.keys.iter().enumerate() {
            if let Some(first) = k.first() {
                by_first.entry(first.as_str()).or_default().push((oi, ki));
            }
        }
    }
    let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // (content start, content end, org)
    for p in 0..content.len() {
        let Some(cands) = by_first.get(toks[content[p]].norm.as_str()) else { continue };
        for &(oi, ki) in cands {
            let (key, acronym) = &known.orgs[oi].keys[ki];
            if p + key.len() > content.len() {
                continue;
            }
            let fits = key.iter().enumerate().all(|(j, w)| {
                let t = &toks[content[p + j]];
                t.norm == *w && (j == 0 || !content_brk[p + j]) && (!acronym || t.upper)
            });
            if fits {
                hits.push((p, p + key.len(), oi));
            }
        }
    }
    // Longest names first; a word belongs to one name only.
    hits.sort_by_key(|&(s, e, _)| (usize::MAX - (e - s), s));
    let mut taken = vec![false; content.len()];
    let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
    for h in hits {
        if taken[h.0..h.1].iter().all(|t| !t) {
            taken[h.0..h.1].iter_mut().for_each(|t| *t = true);
            chosen.push(h);
        }
    }
    chosen.sort_by_key(|c| c.0);
    // Byte spans of the known names, in order and without overlap.
    let hit_spans: Vec<(usize, usize)> =
        chosen.iter().map(|c| (toks[content[c.0]].start, toks[content[c.1 - 1]].end)).collect();

    // 2. Names introduced by a word. Where a name or an introducing word starts, a name joined by "et" stops.
    let mut starts: HashSet<usize> = chosen.iter().map(|c| content[c.0]).collect();
    for p in 0..content.len() {
        for (words, ..) in TRIGGERS {
            let fits = p + words.len() <= content.len()
                && words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| toks[content[p + j]].norm == *w && (j == 0 || !content_brk[p + j]));
            if fits {
                starts.insert(content[p]);
            }
        }
    }
    let mut candidates: Vec<(usize, usize, &'static str)> = Vec::new(); // token start, token end (inclusive), kind
    for p in 0..content.len() {
        for (words, include, needs_more, kind) in TRIGGERS {
            if p + words.len() > content.len() {
                continue;
            }
            let fits = words
                .iter()
                .enumerate()
                .all(|(j, w)| toks[content[p + j]].norm == *w && (j == 0 || !content_brk[p + j]));
            if !fits {
                continue;
            }
            let first_tok = content[p];
            if toks[first_tok].paren || (include && !toks[first_tok].caps) {
                continue;
            }
            let last_trigger_tok = content[p + words.len() - 1];
            let name_toks = name_after(&toks, last_trigger_tok + 1, &starts);
            if name_toks.is_none() && needs_more {
                continue;
            }
            let (start_tok, end_tok) = match (include, name_toks) {
                (true, Some((_, e))) => (first_tok, e),
                (true, None) => (first_tok, last_trigger_tok),
                (false, Some((s, e))) => (s, e),
                (false, None) => continue,
            };
            if !include && toks[start_tok].paren {
                continue;
            }
            candidates.push((start_tok, end_tok, kind));
        }
    }

    // 3. Resolve: candidates matched by their words, known hits they do not extend, proposals.
    let mut found: Vec<Found> = Vec::new();
    let mut dropped_hits: HashSet<usize> = HashSet::new();
    // Candidates in text order, the longer first at one place: one inside an earlier one is skipped.
    candidates.sort_by_key(|&(st, en, _)| (toks[st].start, usize::MAX - toks[en].end));
    let mut max_end = 0;
    for (st, en, kind) in candidates {
        let (start, end) = (toks[st].start, toks[en].end);
        if !found.is_empty() && max_end >= end {
            continue;
        }
        let written = text[start..end].to_string();
        let key: Vec<String> = toks[st..=en].iter().filter(|t| !t.stop).map(|t| t.norm.clone()).collect();
        let first_inside = hit_spans.partition_point(|h| h.0 < start);
        let inside: Vec<usize> = (first_inside..hit_spans.len())
            .take_while(|&h| hit_spans[h].0 < end)
            .filter(|&h| hit_spans[h].1 <= end)
            .collect();
        let before = hit_spans.partition_point(|h| h.0 <= start);
        let covered = before > 0 && hit_spans[before - 1].1 >= end;
        let (resolved, ambiguous) = match known.resolve(&key) {
            Ok(Some(o)) => (Resolved::Known(o.id.clone()), None),
            Ok(None) if covered => continue,
            Ok(None) => (new_org(&written, kind, known, body, &key, proposals), None),
            Err(ids) => (
                new_org(&written, kind, known, body, &key, proposals),
                Some(format!(
                    "« {written} » ressemble à plusieurs organisations connues ({}) : proposée comme nouvelle",
                    ids.join(", ")
                )),
            ),
        };
        // A candidate that is a known name with more words is another organisation: it replaces the hits it holds.
        dropped_hits.extend(inside);
        max_end = max_end.max(end);
        // "Alliance Ville Emploi (AVE)": the acronym names the same organisation further on.
        if let Some(acronym) = acronym_after(&text[end..]) {
            proposals.add(vec![norm_word(&acronym)], resolved.clone());
        }
        found.push(Found { start, end, written, resolved, kind: Some(kind), ambiguous });
    }
    // Known names not held by a candidate (candidates are in text order: a running maximum of ends).
    let candidate_ends: Vec<usize> = found
        .iter()
        .scan(0, |m, f| {
            *m = (*m).max(f.end);
            Some(*m)
        })
        .collect();
    let candidate_starts: Vec<usize> = found.iter().map(|f| f.start).collect();
    for (h, c) in chosen.iter().enumerate() {
        if dropped_hits.contains(&h) {
            continue;
        }
        let (start, end) = hit_spans[h];
        let before = candidate_starts.partition_point(|&s| s <= start);
        if before > 0 && candidate_ends[before - 1] >= end {
            continue;
        }
        found.push(Found {
            start,
            end,
            written: text[start..end].to_string(),
            resolved: Resolved::Known(known.orgs[c.2].id.clone()),
            kind: None,
            ambiguous: None,
        });
    }
    found.sort_by_key(|f| f.start);
    found
}

/// A proposed organisation: the body when the name is another way of writing it, an earlier
/// proposal written differently ("Alliance Villes Emploi" / "Alliance Ville Emploi"), else a new one.
fn new_org(
    written: &str,
    kind: &'static str,
    known: &Known,
    body: Option<&Resolved>,
    key: &[String],
    proposals: &mut Proposals,
) -> Resolved {
    if let Some(b) = body {
        if is_body_name(key, b) {
            return b.clone();
        }
    }
    if let Some(r) = proposals.find(key) {
        return r;
    }
    let name = display_name(written);
    let id = proposals.fresh_id(&name, known);
    let r = Resolved::New { id, name, kind };
    proposals.add(key.to_vec(), r.clone());
    r
}

/// A name printed in capitals written as a name, except an acronym ("AVE").
fn display_name(written: &str) -> String {
    if is_all_caps(written) && written.split_whitespace().count() > 1 {
        title_case(written)
    } else {
        written.to_string()
    }
}

/// "(AVE)" right after a name → "AVE".
fn acronym_after(rest: &str) -> Option<String> {
    let inner = rest.trim_start().strip_prefix('(')?;
    let (acronym, _) = inner.split_once(')')?;
    let ok = (2..=8).contains(&acronym.chars().count())
        && acronym.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '\'')
        && acronym.chars().any(char::is_alphabetic);
    ok.then(|| acronym.to_string())
}

/// Organisations proposed so far, by the words of their names, so that one organisation written
/// two ways gets one id.
#[derive(Default)]
struct Proposals {
    entries: Vec<(Vec<String>, Resolved)>,
}

impl Proposals {
    fn find(&self, key: &[String]) -> Option<Resolved> {
        if key.is_empty() {
            return None;
        }
        if let Some((_, r)) = self.entries.iter().find(|(k, _)| k.as_slice() == key) {
            return Some(r.clone());
        }
        let mut fits: Vec<&Resolved> = self
            .entries
            .iter()
            .filter(|(k, _)| key.len() >= 2 && k.len() >= 2 && (subsequence(key, k) || subsequence(k, key)))
            .map(|(_, r)| r)
            .collect();
        fits.dedup_by(|a, b| a.id() == b.id());
        (fits.len() == 1).then(|| fits[0].clone())
    }

    fn add(&mut self, key: Vec<String>, r: Resolved) {
        for k in key_aliases(&key).into_iter().chain(std::iter::once(key)) {
            if !k.is_empty() && !self.entries.iter().any(|(e, _)| *e == k) {
                self.entries.push((k, r.clone()));
            }
        }
    }

    /// A fresh id: neither one of `--against` nor one already proposed.
    fn fresh_id(&self, name: &str, known: &Known) -> String {
        let base = kebab(name);
        let base = if base.is_empty() { "organisation".to_string() } else { base };
        let taken = |id: &str| known.ids.contains(id) || self.entries.iter().any(|(_, r)| r.id() == id);
        if !taken(&base) {
            return base;
        }
        (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or(base)
    }
}

/// The words of a name after its introducing word(s): capitalised words, joined by "de", "du",
/// "la"…; "et" only before "de"/"d'" ("Chambre de Commerce et d'Industrie"), so that two names
/// joined by "et" stay two. Returns the first and last token indexes.
fn name_after(toks: &[Tok], from: usize, name_starts: &HashSet<usize>) -> Option<(usize, usize)> {
    let mut first = None;
    let mut last = None;
    // A capitalised article opening the name belongs to it: "Les Jardins du Ranquet".
    let mut lead = None;
    let mut pending: Vec<usize> = Vec::new();
    let mut j = from;
    while j < toks.len() {
        let t = &toks[j];
        if t.brk {
            break;
        }
        if t.stop {
            if matches!(t.norm.as_str(), "a" | "au" | "aux" | "en") {
                break;
            }
            if first.is_none() && pending.is_empty() && t.caps && matches!(t.norm.as_str(), "la" | "le" | "les" | "l") {
                lead = Some(j);
            }
            pending.push(j);
            j += 1;
            continue;
        }
        let accepted = t.caps || t.upper || (last.is_some() && t.norm.bytes().all(|b| b.is_ascii_digit()));
        if !accepted {
            break;
        }
        // "X et le PLIE …", "X et France Travail", "du PLIE et de Pôle Emploi": a second name.
        if let Some(et) = pending.iter().position(|&p| toks[p].norm == "et") {
            let next_is_de =
                pending.get(et + 1).is_some_and(|&p| matches!(toks[p].norm.as_str(), "de" | "d" | "du" | "des"));
            if !next_is_de || name_starts.contains(&j) {
                break;
            }
        }
        pending.clear();
        if first.is_none() {
            first = Some(lead.unwrap_or(j));
        }
        last = Some(j);
        j += 1;
    }
    Some((first?, last?))
}

/// Lowercase ASCII kebab-case: "CHL-059-15101/23/BM" → "chl-059-15101-23-bm".
fn kebab(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in folded(s).chars() {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    out.trim_end_matches('-').to_string()
}

fn unique(id: &str, taken: &mut HashSet<String>) -> String {
    let id = if id.is_empty() { "x".to_string() } else { id.to_string() };
    let chosen = if taken.contains(&id) {
        (2..).map(|n| format!("{id}-{n}")).find(|c| !taken.contains(c)).unwrap_or(id)
    } else {
        id
    };
    taken.insert(chosen.clone());
    chosen
}

// ───────────────────────────── Fragment ─────────────────────────────

struct FragmentBuilder<'a> {
    against: Option<&'a Model>,
    organizations: Vec<format::Organization>,
    org_ids: HashSet<String>,
    decisions: Vec<format::Decision>,
    decision_ids: HashSet<String>,
    links: Vec<format::Link>,
    link_ids: HashSet<String>,
    /// Kinds of proposed organisations, as their introducing words give them.
    kinds: HashMap<String, &'static str>,
}

impl<'a> FragmentBuilder<'a> {
    fn new(against: Option<&'a Model>) -> FragmentBuilder<'a> {
        FragmentBuilder {
            against,
            organizations: Vec::new(),
            org_ids: HashSet::new(),
            decisions: Vec::new(),
            decision_ids: HashSet::new(),
            links: Vec::new(),
            link_ids: HashSet::new(),
            kinds: HashMap::new(),
        }
    }

    /// Copies a known organisation, and its ancestors so that `parent` stays valid.
    fn known_org(&mut self, id: &str) {
        let Some(model) = self.against else { return };
        let mut next = model.org_by_id(id);
        while let Some(ix) = next {
            let o = &model.organizations[ix];
            if !self.org_ids.insert(o.id.clone()) {
                return;
            }
            self.organizations.push(crate::cli::io::wire_organization(model, ix));
            next = o.parent;
        }
    }

    fn new_org(&mut self, id: &str, name: &str, kind: &str, file: &str) {
        if self.org_ids.contains(id) {
            return;
        }
        self.org_ids.insert(id.to_string());
        let name = display_name(name);
        let kind = match kind {
            "" => self.kinds.get(id).copied().unwrap_or_else(|| infer_kind(&name)),
            k => k,
        };
        let reference = if self.against.is_some() {
            "absente de l'export de référence"
        } else {
            "aucun export de référence donné"
        };
        self.organizations.push(format::Organization {
            id: id.to_string(),
            name,
            short_name: None,
            article: None,
            gender: None,
            kind: kind.to_string(),
            former_names: Vec::new(),
            parent: None,
            description: Some(format!(
                "Proposée par « carte extract » d'après {file} ({reference}) ; nature déduite du texte, à vérifier."
            )),
            website: None,
        });
    }

    fn resolved_org(&mut self, r: &Resolved, file: &str) {
        match r {
            Resolved::Known(id) => self.known_org(id),
            Resolved::New { id, name, kind } => self.new_org(id, name, kind, file),
        }
    }

    fn label(&self, id: &str) -> String {
        self.organizations
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.short_name.clone().unwrap_or_else(|| o.name.clone()))
    }

    fn push_link(&mut self, mut link: format::Link) {
        link.id = unique(&kebab(&link.id), &mut self.link_ids);
        self.links.push(link);
    }
}

/// Whether a sentence decides (or, in a summary, proposes) the payment rather than recalls one.
fn decides(context: &str) -> bool {
    let f = folded(context);
    let recalls = ["avait", "a ete attribue", "ont ete attribue", "a attribue", "a verse", "precedemment"]
        .iter()
        .any(|m| f.contains(m));
    let decides =
        ["attribu", "approuv", "accord", "allou", "octroi", "decide", "autoris", "versement", "verser", "paiement"]
            .iter()
            .any(|m| f.contains(m));
    decides && !recalls
}

/// The year the money is for: "au titre de l'année 2021", "cotisation 2024", "exercice 2024".
fn year_for(context: &str) -> Option<i32> {
    let f = folded(context);
    let r = runs(&f);
    r.windows(2).find_map(|w| {
        matches!(w[0].word, "annee" | "exercice" | "cotisation" | "subvention" | "titre" | "pour" | "budget")
            .then(|| year_of(w[1].word))
            .flatten()
    })
}

/// Organisations named in one sentence, in order, the body's generic mentions ("la Métropole") included.
fn parties_in(sentence: &str, known: &Known, body: &Resolved, proposals: &mut Proposals) -> Vec<(usize, Resolved)> {
    let found = find_organizations(sentence, known, Some(body), proposals);
    let mut out: Vec<(usize, Resolved)> = found.iter().map(|f| (f.start, f.resolved.clone())).collect();
    let f = Folded::new(sentence);
    for generic in ["la metropole", "la commune", "la ville"] {
        let mut from = 0;
        while let Some(at) = find_word_from(&f.text, generic, from) {
            from = at + generic.len();
            let start = f.orig(at);
            let word_start = f.orig(at + 3);
            if !found.iter().any(|x| word_start >= x.start && word_start < x.end) {
                out.push((start, body.clone()));
            }
        }
    }
    out.sort_by_key(|(p, _)| *p);
    let mut seen = HashSet::new();
    out.retain(|(_, r)| seen.insert(r.id().to_string()));
    out
}

/// Money links: subsidy or membership fee paid by the body to the one organisation the deciding sentence names.
fn money_links(
    doc: &DocumentExtraction,
    decision_id: &str,
    decision_year: Option<i32>,
    body: &Resolved,
    known: &Known,
    proposals: &mut Proposals,
    out: &mut FragmentBuilder,
) {
    for a in &doc.amounts {
        let (kind, word) = match a.what.as_str() {
            "subvention" => ("subsidy", "Subvention"),
            "cotisation" => ("membership", "Cotisation"),
            _ => continue,
        };
        if !decides(&a.context) {
            continue;
        }
        let named: Vec<(usize, Resolved)> =
            parties_in(&a.context, known, body, proposals).into_iter().filter(|(_, r)| r.id() != body.id()).collect();
        let beneficiary = match named.len() {
            1 => named.into_iter().next().map(|(_, r)| r),
            0 => None,
            _ => {
                // Several names: the one the money goes "à", "au", "en faveur de".
                let f = Folded::new(&a.context);
                let to: Vec<Resolved> = named
                    .into_iter()
                    .filter(|(start, _)| {
                        let fb = f.map.iter().position(|&o| o >= *start).unwrap_or(0);
                        let before = runs(&f.text[..fb]);
                        before
                            .iter()
                            .rev()
                            .take(3)
                            .any(|r| matches!(r.word, "a" | "au" | "aux" | "faveur" | "profit" | "beneficiaire"))
                    })
                    .map(|(_, r)| r)
                    .collect();
                (to.len() == 1).then(|| to.into_iter().next()).flatten()
            }
        };
        let Some(to) = beneficiary else { continue };
        out.resolved_org(body, &doc.file);
        out.resolved_org(&to, &doc.file);
        let year = year_for(&a.context);
        let to_label = out.label(to.id());
        let title = match year {
            Some(y) => format!("{word} {y} à {to_label}"),
            None => format!("{word} à {to_label}"),
        };
        let id_year = year.or(decision_year).map(|y| y.to_string()).unwrap_or_default();
        out.push_link(format::Link {
            id: format!("{}-{}-{}-{}", body.id(), to.id(), word, id_year),
            kind: kind.to_string(),
            from: body.id().to_string(),
            to: to.id().to_string(),
            parties: Vec::new(),
            decision: decision_id.to_string(),
            basis: None,
            title: Some(title),
            convention: (doc.conventions.len() == 1).then(|| doc.conventions[0].clone()),
            amount: Some(Value::String(a.euros.clone())),
            amount_cents: None,
            year,
            start: None,
            end: None,
            budget: doc.budget.clone(),
            purpose: None,
            quote: Some(a.context.clone()),
        });
    }
}

/// A convention (or partnership) the title or the deciding sentence states between named
/// organisations: "entre X et Y", else between the body and those named ("avec Euroméditerranée").
fn convention_link(
    doc: &DocumentExtraction,
    decision: &format::Decision,
    decision_year: Option<i32>,
    body: &Resolved,
    known: &Known,
    proposals: &mut Proposals,
    out: &mut FragmentBuilder,
) {
    for sentence in [Some(decision.title.as_str()), decision.source.quote.as_deref()].into_iter().flatten() {
        let f = Folded::new(sentence);
        let Some(conv) = ["convention", "partenariat"].iter().filter_map(|w| f.text.find(w)).min() else { continue };
        let named = parties_in(sentence, known, body, proposals);
        let entre = find_word_from(&f.text, "entre", conv).map(|at| f.orig(at));
        let parties: Vec<Resolved> = match entre {
            Some(at) => named.into_iter().filter(|(p, _)| *p > at).map(|(_, r)| r).collect(),
            None => {
                let mut v = vec![body.clone()];
                v.extend(named.into_iter().map(|(_, r)| r).filter(|r| r.id() != body.id()));
                v
            }
        };
        if parties.len() < 2 {
            continue;
        }
        for p in &parties {
            out.resolved_org(p, &doc.file);
        }
        let labels: Vec<String> = parties.iter().map(|p| out.label(p.id())).collect();
        let word = if f.text.contains("convention") { "Convention" } else { "Partenariat" };
        let title = match labels.split_last() {
            Some((last, rest)) => format!("{word} entre {} et {last}", rest.join(", ")),
            None => continue,
        };
        let year = decision_year.map(|y| y.to_string()).unwrap_or_default();
        out.push_link(format::Link {
            id: format!("{}-{}-convention-{year}", parties[0].id(), parties[1].id()),
            kind: "partnership".to_string(),
            from: parties[0].id().to_string(),
            to: parties[1].id().to_string(),
            parties: if parties.len() > 2 { parties.iter().map(|p| p.id().to_string()).collect() } else { Vec::new() },
            decision: decision.id.clone(),
            basis: None,
            title: Some(title),
            convention: (doc.conventions.len() == 1).then(|| doc.conventions[0].clone()),
            amount: None,
            amount_cents: None,
            year: None,
            start: None,
            end: (doc.end_dates.len() == 1).then(|| doc.end_dates[0].clone()),
            budget: None,
            purpose: None,
            quote: Some(sentence.to_string()),
        });
        return;
    }
}
