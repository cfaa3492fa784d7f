//! The table view's content: one row per link, its cells as text, sorting, and CSV export.

use std::cmp::Ordering;

use super::locale;
use super::model::{LinkIx, Model};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    From,
    To,
    Kind,
    Purpose,
    Period,
    Amount,
    Decision,
}

impl Column {
    pub const ALL: [Column; 7] =
        [Column::From, Column::To, Column::Kind, Column::Purpose, Column::Period, Column::Amount, Column::Decision];

    pub fn title_fr(self) -> &'static str {
        match self {
            Column::From => "De",
            Column::To => "À",
            Column::Kind => "Nature",
            Column::Purpose => "Objet",
            Column::Period => "Période",
            Column::Amount => "Montant",
            Column::Decision => "Décision",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub ascending: bool,
}

/// The text a cell shows.
pub fn cell(model: &Model, link: LinkIx, column: Column) -> String {
    let l = &model.links[link];
    match column {
        Column::From => model.organizations[l.from].name.clone(),
        Column::To => model.organizations[l.to].name.clone(),
        Column::Kind => l.kind.label_fr().to_string(),
        Column::Purpose => l.title.clone().or_else(|| l.purpose.clone()).unwrap_or_default(),
        Column::Period => period(model, link),
        Column::Amount => l.amount.map(locale::euros).unwrap_or_default(),
        Column::Decision => {
            let d = model.decision_of(link);
            let what = d.reference.clone().unwrap_or_else(|| d.instance.clone());
            format!("{what} ({})", locale::date(d.date))
        }
    }
}

/// When a link holds: "2024", "du 7 décembre 2023", "jusqu'au 31 décembre 2027", "2023 – 2027".
pub fn period(model: &Model, link: LinkIx) -> String {
    let l = &model.links[link];
    match (l.start, l.end, l.year) {
        (Some(s), Some(e), _) if s.day.is_none() && e.day.is_none() => format!("{} – {}", locale::date(s), locale::date(e)),
        (Some(s), Some(e), _) => format!("du {} au {}", locale::date(s), locale::date(e)),
        (Some(s), None, _) if s.day.is_some() => format!("depuis le {}", locale::date(s)),
        (Some(s), None, _) => format!("depuis {}", locale::date(s)),
        (None, Some(e), _) => format!("jusqu'au {}", locale::date(e)),
        (None, None, Some(y)) => y.to_string(),
        (None, None, None) => String::new(),
    }
}

/// Every link, in the order the sort asks for (export order breaks ties).
pub fn sorted_rows(model: &Model, sort: Option<Sort>) -> Vec<LinkIx> {
    let mut rows: Vec<LinkIx> = (0..model.links.len()).collect();
    if let Some(sort) = sort {
        rows.sort_by(|a, b| {
            let order = compare(model, *a, *b, sort.column);
            if sort.ascending {
                order
            } else {
                order.reverse()
            }
        });
    }
    rows
}

fn compare(model: &Model, a: LinkIx, b: LinkIx, column: Column) -> Ordering {
    let (la, lb) = (&model.links[a], &model.links[b]);
    match column {
        Column::Amount => la.amount.cmp(&lb.amount),
        Column::Period => period_key(model, a).cmp(&period_key(model, b)),
        Column::Decision => model.decision_of(a).date.first_day().cmp(&model.decision_of(b).date.first_day()),
        _ => locale::fold(&cell(model, a, column)).cmp(&locale::fold(&cell(model, b, column))),
    }
}

fn period_key(model: &Model, link: LinkIx) -> (i32, u8, u8) {
    let l = &model.links[link];
    l.start
        .map(|s| s.first_day())
        .or(l.year.map(|y| (y, 1, 1)))
        .or(l.end.map(|e| e.last_day()))
        .unwrap_or((i32::MAX, 12, 31))
}

/// CSV of the given rows, as French spreadsheets read it: `;` separated, UTF-8 with a byte-order
/// mark, amounts with a decimal comma. Cells that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`) are prefixed with `'`, since exports come from anyone.
pub fn to_csv(model: &Model, rows: &[LinkIx]) -> String {
    let mut out = String::from("\u{FEFF}");
    let header = ["id", "de", "à", "nature", "objet", "période", "montant (€)", "référence", "instance", "séance", "document source"];
    out.push_str(&header.join(";"));
    out.push_str("\r\n");
    for &link in rows {
        let l = &model.links[link];
        let d = model.decision_of(link);
        let amount = l.amount.map(|a| a.to_decimal_string().replace('.', ",")).unwrap_or_default();
        let fields = [
            l.id.clone(),
            model.organizations[l.from].name.clone(),
            model.organizations[l.to].name.clone(),
            l.kind.label_fr().to_string(),
            cell(model, link, Column::Purpose),
            period(model, link),
            amount,
            d.reference.clone().unwrap_or_default(),
            d.instance.clone(),
            d.date.to_string(),
            d.document.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if guarded.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}
