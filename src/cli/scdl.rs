//! `carte import-scdl`: the SCDL open-data files (« Subventions » 1.1 and 2.x, « Délibérations »)
//! → an export that `carte validate` accepts, with every bad row reported by its line number.
//!
//! Files in the wild stray from the standard (column order, header case and accents, `;` or tab
//! separators, decimal commas, grouped thousands, French dates, empty identifiers), so the header
//! is matched loosely and each value is normalised before the core's own parsers (`Cents`,
//! `IsoDate`) judge it. A bad row never stops the import: it is reported and the others are kept.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::cli::money::{self, MoneyError};
use crate::cli::names::{name_key, slug_or, unique_id};
use crate::core::format::{self, Export, SCHEMA_V1};
use crate::core::locale::fold;
use crate::core::model::{Cents, IsoDate, Model, OrgIx, OrgKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScdlKind {
    Subsidies,
    Deliberations,
}

/// A row left out of the export, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    /// 1-based line in the file (the header is line 1); a quoted value spanning lines counts from its first.
    pub line: usize,
    /// What is wrong, in French, naming the column.
    pub message: String,
}

pub struct ScdlImport {
    pub kind: ScdlKind,
    pub export: Export,
    /// Bad rows, in file order.
    pub rejected: Vec<RejectedRow>,
    /// Data rows read (the header and wholly empty rows are not counted).
    pub rows_read: usize,
}

/// How often, in rows, the progress callback hears of the bytes read.
const PROGRESS_EVERY: usize = 500;

/// Reads a SCDL file. `progress(bytes_read)` is called now and then, and once at the end with the
/// whole length. `Err` (in French) only when the header is missing or unrecognisable.
pub fn import_scdl(text: &str, against: Option<&Model>, progress: &mut dyn FnMut(u64)) -> Result<ScdlImport, String> {
    let bom = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let body = &text[bom..];
    // Blank lines before the header are skipped, as the csv reader skips them too.
    let first_line = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.is_empty() {
        return Err("fichier vide : la première ligne devrait être l'en-tête des colonnes SCDL".to_string());
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_separator(first_line))
        .has_headers(true)
        // Rows of the wrong width are reported one by one rather than failing the read.
        .flexible(true)
        .from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("en-tête illisible : {e}"))?
        .iter()
        .map(|h| h.trim_start_matches('\u{FEFF}').trim().to_string())
        .collect();
    let columns = Columns::new(&header);
    let kind = columns.kind().ok_or_else(|| {
        format!(
            "en-tête non reconnu : ni SCDL « Subventions » (nomAttribuant, nomBeneficiaire, montant…) ni SCDL \
             « Délibérations » (COLL_NOM, DELIB_ID, DELIB_OBJET…) ; colonnes lues : {}",
            header.join(", ")
        )
    })?;
    columns.check_required(kind)?;

    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    let mut lines = LineCounter::new(body);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|f| f.trim().is_empty()) {
                    // Spreadsheets often end with rows of bare separators: they hold nothing to reject.
                    continue;
                }
                let byte = record.position().map_or(0, |p| p.byte());
                let fields = record.iter().map(|f| f.trim().to_string()).collect();
                rows.push(Row { line: lines.line_at(byte), fields });
                if rows.len() % PROGRESS_EVERY == 0 {
                    progress(byte + bom as u64);
                }
            }
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |p| p.byte()));
                rejected.push(RejectedRow { line, message: format!("ligne illisible : {e}") });
                rows.push(Row { line, fields: Vec::new() });
            }
        }
    }
    let rows_read = rows.len();
    let width = header.len();
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| !r.fields.is_empty())
        .filter_map(|r| match r.width_problem(width) {
            Some(message) => {
                rejected.push(RejectedRow { line: r.line, message });
                None
            }
            None => Some(r),
        })
        .collect();

    let against = against.map(Against::new);
    let export = match kind {
        ScdlKind::Subsidies => subsidies(&rows, &columns, against.as_ref(), rows_read, &mut rejected),
        ScdlKind::Deliberations => deliberations(&rows, &columns, against.as_ref(), rows_read, &mut rejected),
    };
    rejected.sort_by_key(|r| r.line);
    progress(text.len() as u64);
    Ok(ScdlImport { kind, export, rejected, rows_read })
}

// ---------------------------------------------------------------------------------------------
// Header and rows

/// The separator the header uses the most, outside quotes; `,` (the standard's) when in doubt.
fn detect_separator(header_line: &str) -> u8 {
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// A header cell as compared: folded, letters and digits only, so that `NOMBENEFICIAIRE`,
/// `nom_beneficiaire` and `Nom bénéficiaire` are all `nombeneficiaire`.
fn header_key(cell: &str) -> String {
    fold(cell).chars().filter(|c| c.is_alphanumeric()).collect()
}

struct Columns {
    by_key: HashMap<String, usize>,
}

impl Columns {
    fn new(header: &[String]) -> Columns {
        let mut by_key = HashMap::new();
        for (i, cell) in header.iter().enumerate() {
            // A duplicated column: the first one counts, as a reader of the file would assume.
            by_key.entry(header_key(cell)).or_insert(i);
        }
        Columns { by_key }
    }

    fn get(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    fn has(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    fn kind(&self) -> Option<ScdlKind> {
        if self.has("delibid") || self.has("delibobjet") {
            Some(ScdlKind::Deliberations)
        } else if ["nomattribuant", "nombeneficiaire", "montant", "idattribuant"].iter().any(|k| self.has(k)) {
            Some(ScdlKind::Subsidies)
        } else {
            None
        }
    }

    /// The columns without which no row could become a link (or a decision).
    fn check_required(&self, kind: ScdlKind) -> Result<(), String> {
        let (standard, required): (&str, &[&str]) = match kind {
            ScdlKind::Subsidies => ("Subventions", &["nomAttribuant", "nomBeneficiaire", "montant"]),
            ScdlKind::Deliberations => ("Délibérations", &["COLL_NOM", "DELIB_ID", "DELIB_DATE", "DELIB_OBJET"]),
        };
        let mut missing: Vec<&str> = required.iter().copied().filter(|c| !self.has(&header_key(c))).collect();
        if kind == ScdlKind::Subsidies && !self.has("dateconvention") && !self.has("referencedecision") {
            missing.push("dateConvention (ou referenceDecision)");
        }
        if missing.is_empty() {
            Ok(())
        } else {
            let missing = missing.join(", ");
            Err(format!("fichier SCDL « {standard} » : colonne(s) obligatoire(s) absente(s) : {missing}"))
        }
    }
}

struct Row {
    line: usize,
    fields: Vec<String>,
}

impl Row {
    /// The trimmed value of a column; empty when the column or the cell is absent.
    fn value(&self, column: Option<usize>) -> &str {
        column.and_then(|i| self.fields.get(i)).map_or("", String::as_str)
    }

    /// Too few cells shifts nothing but loses values; too many (beyond empty trailing ones) means
    /// a separator inside an unquoted value, which would shift every column after it.
    fn width_problem(&self, width: usize) -> Option<String> {
        let extra_filled = self.fields.iter().skip(width).any(|f| !f.is_empty());
        (self.fields.len() < width || extra_filled).then(|| {
            format!(
                "la ligne a {} colonnes, l'en-tête en a {width} (séparateur dans une valeur sans guillemets ?)",
                self.fields.len()
            )
        })
    }
}

/// Line numbers from byte offsets. The csv crate's own line count is one short after a CRLF (it
/// places a record's start between `\r` and `\n`), and Windows files are the common case here.
struct LineCounter<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> LineCounter<'t> {
        LineCounter { text: text.as_bytes(), offset: 0, line: 1 }
    }

    /// The 1-based line of the record starting at `byte`; offsets must not go backwards.
    fn line_at(&mut self, byte: u64) -> usize {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        // A record never starts with a line break: step over the terminator it may point into.
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        while self.offset < start {
            match self.text[self.offset] {
                b'\n' => self.line += 1,
                b'\r' if self.text.get(self.offset + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.offset += 1;
        }
        self.line
    }
}

// ---------------------------------------------------------------------------------------------
// Values

/// A euro amount as the files write it: `1234.56`, `1234,56`, `1 234,56`, `1.234,56`, `15.000`
/// (French thousands), `1 234,56 €`; digits grouped otherwise than by three are refused
/// (`cli::money`).
fn parse_amount(raw: &str) -> Result<Cents, String> {
    let mut text = raw.trim().trim_end_matches('€').trim_end().to_string();
    if text.to_ascii_uppercase().ends_with("EUR") {
        text.truncate(text.len() - 3);
    }
    money::parse_euros(&text).map_err(|e| match e {
        MoneyError::Empty => "valeur vide".to_string(),
        why => format!("« {raw} » : {}", why.reason()),
    })
}

/// A date a row cannot do without: an empty or unreadable one is reported under `column`
/// (`empty_note` says why an empty one matters).
fn required_date(raw: &str, column: &str, empty_note: &str, problems: &mut Vec<String>) -> Option<IsoDate> {
    if raw.is_empty() {
        problems.push(format!("{column} vide{empty_note}"));
        return None;
    }
    let date = parse_date(raw);
    if date.is_none() {
        problems.push(format!("{column} « {raw} » : date illisible ou impossible (attendu 2023-05-12 ou 12/05/2023)"));
    }
    date
}

/// A date as ISO (`2023-05-12`, possibly with a time after it) or French (`12/05/2023`).
/// Years before 1000 are refused: the format's years have four digits.
fn parse_date(raw: &str) -> Option<IsoDate> {
    let day_part = raw.trim().split(['T', ' ']).next().unwrap_or("");
    let date = IsoDate::parse(day_part).or_else(|| {
        let parts: Vec<&str> = day_part.split('/').collect();
        let short = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [d, m, y] if short(d) && short(m) && y.len() == 4 => IsoDate::parse(&format!("{y}-{m:0>2}-{d:0>2}")),
            _ => None,
        }
    })?;
    (date.year >= 1000).then_some(date)
}

/// `datesPeriodeVersement`: ISO dates or intervals (`2023-01-01/2023-12-31`), several joined by
/// `_`. Its earliest and latest dates; `None` when any part is unreadable, as the column is optional.
fn parse_period(raw: &str) -> Option<(IsoDate, IsoDate)> {
    let mut dates = Vec::new();
    for part in raw.split('_').flat_map(|p| p.split('/')) {
        dates.push(IsoDate::parse(part.trim()).filter(|d| d.year >= 1000)?);
    }
    let start = dates.iter().min_by_key(|d| d.first_day()).copied()?;
    let end = dates.iter().max_by_key(|d| d.last_day()).copied()?;
    Some((start, end))
}

/// A SIRET with its spaces removed, when it has 14 digits and its Luhn key is right (La Poste's
/// establishments, SIREN 356000000, use a sum of digits divisible by 5 instead).
fn siret(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let values: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let valid = if digits.starts_with("356000000") {
        values.iter().sum::<u32>() % 5 == 0
    } else {
        let luhn: u32 = values
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &d)| {
                if i % 2 == 1 {
                    if d * 2 > 9 {
                        d * 2 - 9
                    } else {
                        d * 2
                    }
                } else {
                    d
                }
            })
            .sum();
        luhn.is_multiple_of(10)
    };
    valid.then_some(digits)
}

/// An RNA number (`W` and nine letters or digits, such as `W133012345` or `W2A1001234`), upper-cased.
fn rna(raw: &str) -> Option<String> {
    let text: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let ok = text.len() == 10 && text.starts_with('W') && text.bytes().skip(1).all(|b| b.is_ascii_alphanumeric());
    ok.then_some(text)
}

// ---------------------------------------------------------------------------------------------
// Organisations

/// The organisations of an existing export, by id and by every name they are known under.
struct Against<'a> {
    model: &'a Model,
    /// Every name by its key (`names::name_key`: case, accents, articles and plurals aside).
    by_name: HashMap<Vec<String>, OrgIx>,
    /// Every name's key, for finding names inside a deliberation's object.
    names: Vec<(Vec<String>, OrgIx)>,
}

impl<'a> Against<'a> {
    fn new(model: &'a Model) -> Against<'a> {
        let mut by_name = HashMap::new();
        let mut names = Vec::new();
        for (ix, o) in model.organizations.iter().enumerate() {
            let all =
                std::iter::once(&o.name).chain(o.short_name.as_ref()).chain(o.former_names.iter().map(|f| &f.name));
            for name in all {
                let key = name_key(name);
                if key.is_empty() {
                    continue;
                }
                // Two organisations sharing a name: the first keeps it, as the export lists them.
                by_name.entry(key.clone()).or_insert(ix);
                names.push((key, ix));
            }
        }
        Against { model, by_name, names }
    }

    /// Organisations named, whole words, in `text`. A name found only inside a longer name found
    /// there ("France Travail" in "France Travail Bouches-du-Rhône") does not count.
    fn named_in(&self, text: &str) -> Vec<OrgIx> {
        let text = name_key(text);
        let mut spans: Vec<(usize, usize, OrgIx)> = Vec::new();
        for (name, ix) in &self.names {
            if name.len() > text.len() {
                continue;
            }
            for start in 0..=text.len() - name.len() {
                if text[start..start + name.len()] == name[..] {
                    spans.push((start, start + name.len(), *ix));
                }
            }
        }
        let mut found = Vec::new();
        for &(s, e, ix) in &spans {
            let inside_longer = spans.iter().any(|&(s2, e2, ix2)| ix2 != ix && s2 <= s && e <= e2 && e2 - s2 > e - s);
            if !inside_longer && !found.contains(&ix) {
                found.push(ix);
            }
        }
        found
    }

    /// An organisation and its ancestors, as wire types, so that `parent` names an existing id.
    fn with_parents(&self, ix: OrgIx) -> Vec<format::Organization> {
        let mut out = Vec::new();
        let mut next = Some(ix);
        while let Some(i) = next {
            // Validation has ruled out parent cycles; the bound guards against a hand-built model.
            if out.len() > self.model.organizations.len() {
                break;
            }
            let o = &self.model.organizations[i];
            out.push(crate::cli::io::wire_organization(self.model, i));
            next = o.parent;
        }
        out
    }
}

/// How far a kind is from the default: a body seen as an attribuant stays a local authority, and
/// a beneficiary with an RNA number on any row is an association.
fn kind_rank(kind: OrgKind) -> u8 {
    match kind {
        OrgKind::LocalAuthority => 2,
        OrgKind::Association => 1,
        _ => 0,
    }
}

/// The organisations of the export being built, in order of first appearance.
struct Orgs<'a> {
    against: Option<&'a Against<'a>>,
    list: Vec<format::Organization>,
    position: HashMap<String, usize>,
    /// Name → SIRET or RNA id seen for it on another row, so that a row with an empty
    /// identifier still joins the organisation the other rows identify.
    strong_by_name: HashMap<Vec<String>, String>,
}

impl<'a> Orgs<'a> {
    fn new(against: Option<&'a Against<'a>>) -> Orgs<'a> {
        Orgs { against, list: Vec::new(), position: HashMap::new(), strong_by_name: HashMap::new() }
    }

    /// Remembers that this name goes with this identifier, for rows that lack it (first pairing wins).
    fn learn(&mut self, name: &str, strong: Option<&String>) {
        if let Some(id) = strong {
            self.strong_by_name.entry(name_key(name)).or_insert_with(|| id.clone());
        }
    }

    /// The id of the organisation a row names, adding it to the export when new.
    fn resolve(&mut self, name: &str, strong: Option<String>, kind: OrgKind) -> String {
        let key = name_key(name);
        let own = strong.or_else(|| self.strong_by_name.get(&key).cloned());
        if let Some(against) = self.against {
            let known =
                own.as_ref().and_then(|id| against.model.org_by_id(id)).or_else(|| against.by_name.get(&key).copied());
            if let Some(ix) = known {
                return self.add_existing(against, ix);
            }
        }
        let id = match own {
            Some(id) => id,
            None => {
                let base = slug_or(name, "sans-nom");
                // A slug that happens to be another organisation's id in `against` would merge the two later.
                match self.against.and_then(|a| a.model.org_by_id(&base)) {
                    Some(_) => format!("{base}-scdl"),
                    None => base,
                }
            }
        };
        match self.position.get(&id) {
            Some(&at) => {
                let org = &mut self.list[at];
                let current = OrgKind::from_key(&org.kind).unwrap_or(OrgKind::Other);
                if kind_rank(kind) > kind_rank(current) {
                    org.kind = kind.key().to_string();
                }
            }
            None => {
                self.position.insert(id.clone(), self.list.len());
                self.list.push(format::Organization {
                    id: id.clone(),
                    name: name.to_string(),
                    short_name: None,
                    article: None,
                    gender: None,
                    kind: kind.key().to_string(),
                    former_names: Vec::new(),
                    parent: None,
                    description: None,
                    website: None,
                });
            }
        }
        id
    }

    /// Adds an organisation of `against` (and its parents) as it is there; returns its id.
    fn add_existing(&mut self, against: &Against, ix: OrgIx) -> String {
        let copies = against.with_parents(ix);
        let id = against.model.organizations[ix].id.clone();
        for org in copies {
            if !self.position.contains_key(&org.id) {
                self.position.insert(org.id.clone(), self.list.len());
                self.list.push(org);
            }
        }
        id
    }
}

// ---------------------------------------------------------------------------------------------
// SCDL « Subventions »

/// A row whose values all read well.
struct Grant {
    line: usize,
    attribuant: String,
    attribuant_id: Option<String>,
    beneficiary: String,
    beneficiary_id: Option<String>,
    has_rna: bool,
    amount: Cents,
    date: IsoDate,
    reference: Option<String>,
    objet: String,
    nature: String,
    dispositif: String,
    period: Option<(IsoDate, IsoDate)>,
}

fn read_grant(row: &Row, c: &Columns) -> Result<Grant, String> {
    let mut problems = Vec::new();
    let attribuant = row.value(c.get("nomattribuant"));
    if attribuant.is_empty() {
        problems.push("nomAttribuant vide".to_string());
    }
    let beneficiary = row.value(c.get("nombeneficiaire"));
    if beneficiary.is_empty() {
        problems.push("nomBeneficiaire vide".to_string());
    }
    let amount = parse_amount(row.value(c.get("montant"))).map_err(|why| problems.push(format!("montant : {why}")));
    let date = required_date(
        row.value(c.get("dateconvention")),
        "dateConvention",
        " : la décision n'aurait pas de date",
        &mut problems,
    );
    let (Ok(amount), Some(date), true) = (amount, date, problems.is_empty()) else {
        return Err(problems.join(" ; "));
    };
    let id_beneficiary = row.value(c.get("idbeneficiaire"));
    let rna_number = rna(row.value(c.get("rnabeneficiaire"))).or_else(|| rna(id_beneficiary));
    // Ids are lowercase by the format's convention: `rna-w133012345`.
    let beneficiary_id = siret(id_beneficiary)
        .map(|s| format!("siret-{s}"))
        .or_else(|| rna_number.as_ref().map(|r| format!("rna-{}", r.to_ascii_lowercase())));
    Ok(Grant {
        line: row.line,
        attribuant: attribuant.to_string(),
        attribuant_id: siret(row.value(c.get("idattribuant"))).map(|s| format!("siret-{s}")),
        beneficiary: beneficiary.to_string(),
        beneficiary_id,
        has_rna: rna_number.is_some(),
        amount,
        date,
        reference: Some(row.value(c.get("referencedecision")).to_string()).filter(|r| !r.is_empty()),
        objet: row.value(c.get("objet")).to_string(),
        nature: row.value(c.get("nature")).to_string(),
        dispositif: row.value(c.get("dispositifaide")).to_string(),
        period: parse_period(row.value(c.get("datesperiodeversement"))),
    })
}

/// Reads every row with `read`; a row it refuses is reported with its line, the others kept.
fn read_rows<T>(
    rows: &[Row],
    columns: &Columns,
    read: fn(&Row, &Columns) -> Result<T, String>,
    rejected: &mut Vec<RejectedRow>,
) -> Vec<T> {
    rows.iter()
        .filter_map(|row| {
            read(row, columns).map_err(|message| rejected.push(RejectedRow { line: row.line, message })).ok()
        })
        .collect()
}

/// One subsidy link per good row; one decision per attribuant and reference (or date, without one).
fn subsidies(
    rows: &[Row],
    columns: &Columns,
    against: Option<&Against>,
    rows_read: usize,
    rejected: &mut Vec<RejectedRow>,
) -> Export {
    let grants = read_rows(rows, columns, read_grant, rejected);
    let mut orgs = Orgs::new(against);
    for g in &grants {
        orgs.learn(&g.attribuant, g.attribuant_id.as_ref());
        orgs.learn(&g.beneficiary, g.beneficiary_id.as_ref());
    }

    let mut decisions: Vec<format::Decision> = Vec::new();
    let mut decision_of: HashMap<(String, String), usize> = HashMap::new();
    let mut decision_ids = HashSet::new();
    let mut links = Vec::new();
    let mut link_ids = HashSet::new();
    let mut attribuants: Vec<String> = Vec::new();
    for g in &grants {
        let from = orgs.resolve(&g.attribuant, g.attribuant_id.clone(), OrgKind::LocalAuthority);
        let kind = if g.has_rna { OrgKind::Association } else { OrgKind::Other };
        let to = orgs.resolve(&g.beneficiary, g.beneficiary_id.clone(), kind);
        if from == to {
            rejected.push(RejectedRow {
                line: g.line,
                message: format!(
                    "nomBeneficiaire « {} » : l'attribuant se verse la subvention à lui-même",
                    g.beneficiary
                ),
            });
            continue;
        }
        if !attribuants.contains(&g.attribuant) {
            attribuants.push(g.attribuant.clone());
        }
        let key = (from.clone(), g.reference.clone().unwrap_or_else(|| format!("date {}", g.date)));
        let at = match decision_of.get(&key) {
            Some(&at) => {
                // Rows of one decision may carry several convention dates: the decision is the earliest.
                let d = &mut decisions[at];
                if IsoDate::parse(&d.date).is_some_and(|old| g.date.first_day() < old.first_day()) {
                    d.date = g.date.to_string();
                }
                at
            }
            None => {
                let base = match &g.reference {
                    Some(r) => slug_or(r, "sans-nom"),
                    None => format!("subventions-{from}-{}", g.date),
                };
                let base = if decision_ids.contains(&base) { format!("{base}-{from}") } else { base };
                let id = unique_id(&base, &mut decision_ids);
                let title = match &g.reference {
                    Some(r) => format!("Subventions attribuées par {} (décision {r})", g.attribuant),
                    None => format!(
                        "Subventions attribuées par {} : conventions du {}",
                        g.attribuant,
                        crate::core::locale::date(g.date)
                    ),
                };
                decisions.push(format::Decision {
                    id,
                    reference: g.reference.clone(),
                    instance: g.attribuant.clone(),
                    date: g.date.to_string(),
                    signed: None,
                    title,
                    rapporteur: None,
                    signatory: None,
                    members_present: None,
                    source: format::Source {
                        document: format!("Données SCDL « Subventions » de {}", g.attribuant),
                        url: None,
                        quote: None,
                    },
                });
                decision_of.insert(key, decisions.len() - 1);
                decisions.len() - 1
            }
        };
        let decision = decisions[at].id.clone();
        let mut title = format!("Subvention {}", g.date.year);
        if !g.dispositif.is_empty() {
            title.push_str(&format!(" — {}", g.dispositif));
        }
        if !g.nature.is_empty() {
            title.push_str(&format!(" ({})", g.nature));
        }
        links.push(format::Link {
            id: unique_id(&format!("subvention-{decision}-{to}"), &mut link_ids),
            kind: "subsidy".to_string(),
            from,
            to,
            parties: Vec::new(),
            decision,
            basis: None,
            title: Some(title),
            convention: None,
            amount: Some(Value::String(g.amount.to_decimal_string())),
            amount_cents: None,
            year: Some(g.date.year),
            start: g.period.map(|(s, _)| s.to_string()),
            end: g.period.map(|(_, e)| e.to_string()),
            budget: None,
            purpose: Some(g.objet.clone()).filter(|o| !o.is_empty()),
            quote: None,
        });
    }
    let title = match attribuants.as_slice() {
        [one] => format!("Import SCDL « Subventions » : {one}"),
        _ => "Import SCDL « Subventions »".to_string(),
    };
    let description = format!(
        "Subventions lues dans un fichier au standard SCDL « Subventions » : {} ligne(s) lue(s), {} importée(s).",
        rows_read,
        links.len()
    );
    Export {
        schema: SCHEMA_V1.to_string(),
        title,
        description: Some(description),
        organizations: orgs.list,
        decisions,
        links,
        indicators: Vec::new(),
        story: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// SCDL « Délibérations »

/// A deliberation row whose values all read well.
struct Deliberation {
    line: usize,
    collectivity: String,
    collectivity_id: Option<String>,
    reference: String,
    date: IsoDate,
    objet: String,
    url: Option<String>,
    budget_year: Option<i32>,
}

fn read_deliberation(row: &Row, c: &Columns) -> Result<Deliberation, String> {
    let mut problems = Vec::new();
    let mut required = |key: &str, column: &str| {
        let v = row.value(c.get(key));
        if v.is_empty() {
            problems.push(format!("{column} vide"));
        }
        v.to_string()
    };
    let collectivity = required("collnom", "COLL_NOM");
    let reference = required("delibid", "DELIB_ID");
    let objet = required("delibobjet", "DELIB_OBJET");
    let date = required_date(row.value(c.get("delibdate")), "DELIB_DATE", "", &mut problems);
    let (Some(date), true) = (date, problems.is_empty()) else {
        return Err(problems.join(" ; "));
    };
    let url = row.value(c.get("deliburl"));
    Ok(Deliberation {
        line: row.line,
        collectivity,
        collectivity_id: siret(row.value(c.get("collsiret"))).map(|s| format!("siret-{s}")),
        reference,
        date,
        objet,
        // Only web addresses may reach the page (the validator refuses any other scheme).
        url: (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string()),
        budget_year: row.value(c.get("budgetannee")).parse().ok().filter(|y| (1000..=9999).contains(y)),
    })
}

/// One decision per row; a `mentioned` link to the one organisation of `against` its object names.
fn deliberations(
    rows: &[Row],
    columns: &Columns,
    against: Option<&Against>,
    rows_read: usize,
    rejected: &mut Vec<RejectedRow>,
) -> Export {
    let read = read_rows(rows, columns, read_deliberation, rejected);
    let mut orgs = Orgs::new(against);
    for d in &read {
        orgs.learn(&d.collectivity, d.collectivity_id.as_ref());
    }
    let mut decisions: Vec<format::Decision> = Vec::new();
    let mut decision_ids = HashSet::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut links = Vec::new();
    let mut link_ids = HashSet::new();
    let mut collectivities: Vec<String> = Vec::new();
    for d in &read {
        let from = orgs.resolve(&d.collectivity, d.collectivity_id.clone(), OrgKind::LocalAuthority);
        if let Some(first) = seen.get(&(from.clone(), d.reference.clone())) {
            rejected.push(RejectedRow {
                line: d.line,
                message: format!("DELIB_ID « {} » : déjà lu ligne {first} pour la même collectivité", d.reference),
            });
            continue;
        }
        seen.insert((from.clone(), d.reference.clone()), d.line);
        if !collectivities.contains(&d.collectivity) {
            collectivities.push(d.collectivity.clone());
        }
        let base = slug_or(&d.reference, "sans-nom");
        let base = if decision_ids.contains(&base) { format!("{base}-{from}") } else { base };
        let id = unique_id(&base, &mut decision_ids);
        decisions.push(format::Decision {
            id: id.clone(),
            reference: Some(d.reference.clone()),
            instance: d.collectivity.clone(),
            date: d.date.to_string(),
            signed: None,
            title: d.objet.clone(),
            rapporteur: None,
            signatory: None,
            members_present: None,
            source: format::Source {
                document: format!("Données SCDL « Délibérations » de {}", d.collectivity),
                url: d.url.clone(),
                quote: None,
            },
        });
        let Some(against) = against else { continue };
        let named: Vec<String> = against
            .named_in(&d.objet)
            .into_iter()
            .map(|ix| orgs.add_existing(against, ix))
            .filter(|id| *id != from)
            .collect();
        // Several organisations named: who is bound to whom cannot be told from the object alone.
        if let [to] = named.as_slice() {
            links.push(format::Link {
                id: unique_id(&format!("mention-{id}-{to}"), &mut link_ids),
                kind: "other".to_string(),
                from: from.clone(),
                to: to.clone(),
                parties: Vec::new(),
                decision: id.clone(),
                basis: Some("mentioned".to_string()),
                title: Some(format!("Mentionné dans la délibération {}", d.reference)),
                convention: None,
                amount: None,
                amount_cents: None,
                year: d.budget_year,
                start: None,
                end: None,
                budget: None,
                purpose: None,
                quote: None,
            });
        }
    }
    let title = match collectivities.as_slice() {
        [one] => format!("Import SCDL « Délibérations » : {one}"),
        _ => "Import SCDL « Délibérations »".to_string(),
    };
    let description = format!(
        "Délibérations lues dans un fichier SCDL « Délibérations » : {} ligne(s) lue(s), {} importée(s).",
        rows_read,
        decisions.len()
    );
    Export {
        schema: SCHEMA_V1.to_string(),
        title,
        description: Some(description),
        organizations: orgs.list,
        decisions,
        links,
        indicators: Vec::new(),
        story: Vec::new(),
    }
}
