//! Sentences a reader would write about organisations: each one's article and gender (optional
//! fields of the export), French contractions (« à le » → « au »), elision before a vowel
//! (« de Euroméditerranée » → « d'Euroméditerranée ») and agreement (« est subventionnée par »).
//!
//! The words themselves live in `i18n.rs`; this module only puts them together. A clause is a
//! template with these placeholders:
//! - `{a}` the subject, `{b}` the object (article and name);
//! - `{à b}` and `{de b}` the object after « à » or « de », contracted as French wants;
//! - `{x|y}` x for a singular subject, y for a plural one (« les … »);
//! - `{x|y|z|w}` by the subject's gender and number: masculine, feminine, masculine plural,
//!   feminine plural.

use super::i18n::Lang;
use super::locale;
use super::model::Organization;

/// The article an organisation's name takes in a French sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Article {
    /// No article: « France Travail ».
    #[default]
    None,
    /// « le Département »
    Le,
    /// « la Métropole »
    La,
    /// « l'AVE »: elided before a vowel.
    Elided,
    /// « les Restos du Cœur »: the verb then takes the plural.
    Les,
}

/// Grammatical gender, for agreement (« rattaché » or « rattachée »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Gender {
    #[default]
    Masculine,
    Feminine,
}

/// How an organisation's name behaves in a sentence. The default (no article, masculine)
/// writes the name alone, as a proper name such as « France Travail ».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Grammar {
    pub article: Article,
    pub gender: Gender,
}

impl Article {
    /// The values of the export's `article` field.
    pub const KEYS: &'static str = "le, la, l', les, none";

    /// Reads the export's `article` field; a typographic apostrophe is accepted too.
    pub fn from_key(key: &str) -> Option<Article> {
        match key {
            "none" => Some(Article::None),
            "le" => Some(Article::Le),
            "la" => Some(Article::La),
            "l'" | "l\u{2019}" => Some(Article::Elided),
            "les" => Some(Article::Les),
            _ => None,
        }
    }

    /// The export's key for this article.
    pub fn key(self) -> &'static str {
        match self {
            Article::None => "none",
            Article::Le => "le",
            Article::La => "la",
            Article::Elided => "l'",
            Article::Les => "les",
        }
    }

    /// The gender the article says, when it says one.
    pub fn gender(self) -> Option<Gender> {
        match self {
            Article::Le => Some(Gender::Masculine),
            Article::La => Some(Gender::Feminine),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl Gender {
    /// The values of the export's `gender` field.
    pub const KEYS: &'static str = "masculine, feminine";

    pub fn key(self) -> &'static str {
        match self {
            Gender::Masculine => "masculine",
            Gender::Feminine => "feminine",
        }
    }

    pub fn from_key(key: &str) -> Option<Gender> {
        match key {
            "masculine" => Some(Gender::Masculine),
            "feminine" => Some(Gender::Feminine),
            _ => None,
        }
    }
}

/// One participant of a clause: how it is written, and how the verb agrees with it.
#[derive(Debug, Clone, Copy)]
pub struct Party<'a> {
    pub name: &'a str,
    pub grammar: Grammar,
}

impl<'a> Party<'a> {
    /// An organisation under its short name (the one the graph writes).
    pub fn of(org: &'a Organization) -> Party<'a> {
        Party { name: org.label(), grammar: org.grammar }
    }

    /// A relative pronoun (« qui », « which ») standing for `antecedent`: written bare, agreeing
    /// as the antecedent does.
    pub fn relative(pronoun: &'a str, antecedent: Grammar) -> Party<'a> {
        Party { name: pronoun, grammar: Grammar { article: Article::None, ..antecedent } }
    }
}

/// « la CCIMP », « France Travail », « the CCIMP ».
pub fn noun_phrase(party: Party, lang: Lang) -> String {
    format!("{}{}", nth_form(lang.texts().articles, party.grammar.article), party.name)
}

/// A clause from a template (see the module's comment), not capitalised, without a full stop.
pub fn clause(template: &str, subject: Party, object: Party, lang: Lang) -> String {
    let t = lang.texts();
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push('{');
            rest = after;
            continue;
        };
        let key = &after[..close];
        match key {
            "a" => out.push_str(&noun_phrase(subject, lang)),
            "b" => out.push_str(&noun_phrase(object, lang)),
            "à b" => out.push_str(&after_preposition(t.to_articles, "", object)),
            "de b" => out.push_str(&after_preposition(t.of_articles, t.of_elided, object)),
            _ => out.push_str(agreeing(key, subject.grammar)),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A whole sentence: the clause capitalised, with a full stop.
pub fn sentence(template: &str, subject: Party, object: Party, lang: Lang) -> String {
    let mut text = super::i18n::capitalise(&clause(template, subject, object, lang));
    text.push('.');
    text
}

/// The object after « à » or « de »: contracted with its article (`forms`, by article), and
/// for a bare name starting with a vowel, elided (`elided`, « d' ») when the language does.
fn after_preposition(forms: &str, elided: &str, object: Party) -> String {
    let article = object.grammar.article;
    let starts_with_vowel =
        locale::fold(object.name).chars().next().is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    let lead = if article == Article::None && starts_with_vowel && !elided.is_empty() {
        elided
    } else {
        nth_form(forms, article)
    };
    format!("{lead}{}", object.name)
}

/// The form for `article` among `|`-separated forms in `Article` order (a string table holds
/// strings only).
fn nth_form(forms: &str, article: Article) -> &str {
    forms.split('|').nth(article.index()).unwrap_or("")
}

/// The form of `{x|y}` (by number) or `{x|y|z|w}` (by gender and number) the subject takes.
fn agreeing(key: &str, grammar: Grammar) -> &str {
    let forms: Vec<&str> = key.split('|').collect();
    let plural = grammar.article == Article::Les;
    let feminine = grammar.gender == Gender::Feminine;
    let at = match forms.len() {
        2 => usize::from(plural),
        4 => usize::from(feminine) + 2 * usize::from(plural),
        _ => return "",
    };
    forms[at]
}
