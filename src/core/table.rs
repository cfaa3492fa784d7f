//! The table view's content: one row per link, its cells as text, sorting, and CSV export.

use std::cmp::Ordering;

use super::i18n::{fill, Lang};
use super::model::{LinkIx, Model};
use super::query::Visible;

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

    pub fn title(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Column::From => t.col_from,
            Column::To => t.col_to,
            Column::Kind => t.col_kind,
            Column::Purpose => t.col_purpose,
            Column::Period => t.col_period,
            Column::Amount => t.col_amount,
            Column::Decision => t.col_decision,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub ascending: bool,
}

/// The text a cell shows.
pub fn cell(model: &Model, link: LinkIx, column: Column, lang: Lang) -> String {
    let l = &model.links[link];
    match column {
        Column::From => model.organizations[l.from].name.clone(),
        Column::To => model.organizations[l.to].name.clone(),
        Column::Kind => lang.link_kind(l.kind).to_string(),
        Column::Purpose => l.title.clone().or_else(|| l.purpose.clone()).unwrap_or_default(),
        Column::Period => period(model, link, lang),
        Column::Amount => l.amount.map(|a| lang.euros(a)).unwrap_or_default(),
        Column::Decision => {
            let d = model.decision_of(link);
            let what = d.reference.clone().unwrap_or_else(|| d.instance.clone());
            format!("{what} ({})", lang.date(d.date))
        }
    }
}

/// When a link holds: "2024", "du 7 décembre 2023", "jusqu'au 31 décembre 2027", "2023 – 2027".
pub fn period(model: &Model, link: LinkIx, lang: Lang) -> String {
    let l = &model.links[link];
    let t = lang.texts();
    let (d, fmt) =
        (|x| lang.date(x), |template: &str, from: String, to: String| fill(template, &[("from", &from), ("to", &to)]));
    match (l.start, l.end, l.year) {
        (Some(s), Some(e), _) if s.day.is_none() && e.day.is_none() => format!("{} – {}", d(s), d(e)),
        (Some(s), Some(e), _) => fmt(t.period_between, d(s), d(e)),
        (Some(s), None, _) if s.day.is_some() => fmt(t.period_since_day, d(s), String::new()),
        (Some(s), None, _) => fmt(t.period_since, d(s), String::new()),
        (None, Some(e), _) => fmt(t.period_until, String::new(), d(e)),
        (None, None, Some(y)) => y.to_string(),
        (None, None, None) => String::new(),
    }
}

/// The visible links, in the order the sort asks for (export order breaks ties).
pub fn sorted_rows(model: &Model, visible: &Visible, sort: Option<Sort>) -> Vec<LinkIx> {
    let mut rows: Vec<LinkIx> = (0..model.links.len()).filter(|l| visible.links[*l]).collect();
    if let Some(sort) = sort {
        super::order::sort_indices(&mut rows, &|a, b| {
            let order = compare(model, a, b, sort.column);
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
        _ => super::locale::fold(&cell(model, a, column, Lang::Fr)).cmp(&super::locale::fold(&cell(
            model,
            b,
            column,
            Lang::Fr,
        ))),
    }
}

fn period_key(model: &Model, link: LinkIx) -> (i32, u8, u8) {
    let l = &model.links[link];
    l.start.map(|s| s.first_day()).or(l.year.map(|y| (y, 1, 1))).or(l.end.map(|e| e.last_day())).unwrap_or((
        i32::MAX,
        12,
        31,
    ))
}

/// CSV of the given rows, as French spreadsheets read it: `;` separated, UTF-8 with a byte-order
/// mark, amounts with a decimal comma (English: `,` separated, decimal point). Cells that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) are prefixed with `'`,
/// since exports come from anyone.
pub fn to_csv(model: &Model, rows: &[LinkIx], lang: Lang) -> String {
    let (separator, decimal) = match lang {
        Lang::Fr => (";", ","),
        Lang::En => (",", "."),
    };
    let mut out = String::from("\u{FEFF}");
    out.push_str(&lang.texts().csv_header.replace('\n', separator));
    out.push_str("\r\n");
    for &link in rows {
        let l = &model.links[link];
        let d = model.decision_of(link);
        let amount = l.amount.map(|a| a.to_decimal_string().replace('.', decimal)).unwrap_or_default();
        let fields = [
            l.id.clone(),
            model.organizations[l.from].name.clone(),
            model.organizations[l.to].name.clone(),
            lang.link_kind(l.kind).to_string(),
            cell(model, link, Column::Purpose, lang),
            period(model, link, lang),
            amount,
            d.reference.clone().unwrap_or_default(),
            d.instance.clone(),
            d.date.to_string(),
            d.document.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f, separator)).collect();
        out.push_str(&line.join(separator));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(text: &str, separator: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if guarded.contains(separator) || guarded.contains(['"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}
