//! Whether messages are French: the validator's from its catalogue, the CLI's readers' in French words.

use carte_partenariats::core::i18n::{Lang, ValidationTexts};
use carte_partenariats::core::validate::Problems;

// ---------------------------------------------------------------------------------------------
// French messages

/// Whether `message` is `template` with its `{placeholders}` filled by anything.
fn fills(template: &str, message: &str) -> bool {
    let mut literals = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        match rest[open..].find('}') {
            Some(close) if rest[open + 1..open + close].bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                literals.push(&rest[..open]);
                rest = &rest[open + close + 1..];
            }
            _ => break,
        }
    }
    literals.push(rest);
    let (first, last) = (literals[0], literals[literals.len() - 1]);
    if literals.len() == 1 {
        return message == first;
    }
    let Some(mut body) = message.strip_prefix(first) else { return false };
    let Some(end) = body.len().checked_sub(last.len()).filter(|e| body.is_char_boundary(*e)) else { return false };
    if &body[end..] != last {
        return false;
    }
    body = &body[..end];
    literals[1..literals.len() - 1].iter().all(|lit| match body.find(lit) {
        Some(at) => {
            body = &body[at + lit.len()..];
            true
        }
        None => false,
    })
}

/// Whether a validator message comes from the French catalogue: a template of `Lang::Fr.validation()` filled, or
/// several joined by « ; ». A JSON syntax error must be one serde_json error the catalogue
/// translates (never its English text in brackets).
fn is_french_validation(message: &str) -> bool {
    // Every field named, none left out with `..`: a message added to the catalogue stops this
    // test from compiling until it is sorted here. `syntax_other` and `invalid_content` quote
    // serde_json's English: a message made from them is a failure.
    let ValidationTexts {
        too_large,
        json_invalid,
        syntax,
        syntax_other: _,
        syntax_near,
        root_not_object,
        unknown_schema,
        schema_type,
        missing_field,
        empty,
        must_be_string,
        must_be_list,
        must_be_object,
        invalid_id,
        duplicate_id,
        unknown_org,
        unknown_decision,
        unknown_link,
        unknown_org_kind,
        own_parent,
        unknown_value,
        gender_mismatch,
        parent_cycle,
        unknown_link_kind,
        self_link,
        unknown_basis,
        end_before_start,
        bad_year,
        negative_amount,
        unreadable_amount,
        too_precise,
        amount_too_large,
        amount_number,
        amount_type,
        both_amounts,
        bad_date,
        bad_url,
        bad_siren,
        bad_siret,
        siret_of_other_siren,
        bad_rna,
        wrong_type,
        wrong_value,
        invalid_content: _,
        t_null: _,
        t_bool: _,
        t_number: _,
        t_integer: _,
        t_float: _,
        t_string: _,
        t_list: _,
        t_object: _,
    } = Lang::Fr.validation();
    let templates = [
        too_large,
        root_not_object,
        unknown_schema,
        schema_type,
        missing_field,
        empty,
        must_be_string,
        must_be_list,
        must_be_object,
        invalid_id,
        duplicate_id,
        unknown_org,
        unknown_decision,
        unknown_link,
        unknown_org_kind,
        own_parent,
        unknown_value,
        gender_mismatch,
        parent_cycle,
        unknown_link_kind,
        self_link,
        unknown_basis,
        end_before_start,
        bad_year,
        negative_amount,
        unreadable_amount,
        too_precise,
        amount_too_large,
        amount_number,
        amount_type,
        both_amounts,
        bad_date,
        bad_url,
        bad_siren,
        bad_siret,
        siret_of_other_siren,
        bad_rna,
        wrong_type,
        wrong_value,
    ];
    let syntax = |m: &str| {
        m.strip_prefix(json_invalid.trim_end_matches("{why}"))
            .is_some_and(|why| syntax.split('\n').any(|french| french == why) || fills(syntax_near, why))
    };
    let one = |m: &str| syntax(m) || templates.iter().any(|t| fills(t, m));
    !message.is_empty() && (one(message) || message.split(" ; ").all(one))
}

/// Every problem of a refusal is placed (`$…`) and said in French, in both reports' shape.
pub fn assert_french_problems(problems: &Problems) {
    assert!(!problems.list.is_empty(), "a refusal with no problem");
    for p in &problems.list {
        assert!(p.path.starts_with('$'), "no JSON path: {p:?}");
        assert!(is_french_validation(&p.message), "not a message of the French catalogue: {:?}", p.message);
    }
}

/// Messages written in code (the CLI's readers): not empty, French words outside the quoted
/// values (« … », which may hold anything), and none of the English of the libraries under them.
pub fn assert_french_sentence(message: &str) {
    let outside = match (message.find('«'), message.rfind('»')) {
        (Some(open), Some(close)) if open < close => format!("{} {}", &message[..open], &message[close..]),
        _ => message.to_string(),
    };
    // French function words, and the words of the readers' messages.
    const FRENCH: &[&str] = &[
        " le ",
        " la ",
        " les ",
        " l'",
        " de ",
        " du ",
        " des ",
        " d'",
        " un ",
        " une ",
        " et ",
        " ou ",
        " ne ",
        " pas ",
        " à ",
        " au ",
        " en ",
        "vide",
        " est ",
        "trop grand",
        "négatif",
        "décimales",
        "illisible",
        "colonne",
        "introuvable",
        "aucun",
        "en-tête",
        "fichier",
    ];
    const ENGLISH: &[&str] = &["error", "invalid", "found", "expected", "record", " the "];
    let lower = format!(" {} ", outside.to_lowercase());
    assert!(FRENCH.iter().any(|w| lower.contains(w)), "not French: {message:?}");
    assert!(!ENGLISH.iter().any(|w| lower.contains(w)), "English inside: {message:?}");
}
