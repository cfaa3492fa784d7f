//! clap's own texts in the user's language: French by default (« Utilisation : », « Commandes : »,
//! errors such as « argument obligatoire manquant »), English with `--lang en`. clap writes its
//! headings and errors in English; here the command is given French headings and help flags, and
//! each kind of error is written again from the context clap gives with it.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::core::i18n::Lang;

/// The languages `--lang` accepts.
pub const LANGS: [&str; 2] = ["fr", "en"];

/// The language the command line asks for, read before clap parses it, since clap's own texts
/// depend on it. A value other than `en` gives French here; clap then refuses an unknown one.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut value = None;
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            value = iter.next().map(|v| v.into_owned());
        } else if let Some(v) = arg.strip_prefix("--lang=") {
            value = Some(v.to_string());
        }
    }
    Lang::from_param(value.as_deref())
}

/// The command with its headings, help and version flags, and (in English) help texts in `lang`.
/// `english` gives the English help of each subcommand and argument: (subcommand or "" for the
/// tool itself, argument id or "" for the about text, text).
pub fn localized(cmd: Command, lang: Lang, english: &[(&str, &str, &'static str)]) -> Command {
    let (help, version) = match lang {
        Lang::Fr => ("Affiche cette aide", "Affiche la version"),
        Lang::En => ("Print help", "Print version"),
    };
    let has_version = cmd.get_version().is_some();
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).global(true).help(help));
    if has_version {
        cmd = cmd.arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(version));
    }
    if lang == Lang::Fr {
        // French puts a space before a colon; clap writes "{heading}:", hence the trailing spaces.
        cmd = cmd
            .help_template("{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("Commandes ")
            .subcommand_value_name("COMMANDE");
        cmd = french_headings(cmd);
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in names {
            cmd = cmd.mut_subcommand(name, |sub| {
                french_headings(sub.help_template(
                    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}",
                ))
            });
        }
        return cmd;
    }
    for (sub, id, text) in english {
        cmd = match (*sub, *id) {
            ("", "") => cmd.about(*text),
            ("", "after") => cmd.after_help(*text),
            ("", id) => cmd.mut_arg(id, |a| a.help(*text)),
            (sub, "") => cmd.mut_subcommand(sub, |s| s.about(*text)),
            (sub, id) => cmd.mut_subcommand(sub, |s| s.mut_arg(id, |a| a.help(*text))),
        };
    }
    cmd
}

/// Positional arguments under « Arguments : », the others under « Options : »; clap's English
/// "[default: …]" and "[possible values: …]" left out (the French help texts say them).
fn french_headings(cmd: Command) -> Command {
    cmd.mut_args(|a| {
        let takes_values = a.get_action().takes_values();
        let a = a.hide_default_value(takes_values).hide_possible_values(takes_values);
        if a.get_help_heading().is_some() {
            a
        } else if a.is_positional() {
            a.help_heading("Arguments ")
        } else {
            a.help_heading("Options ")
        }
    })
}

/// A clap error as the user reads it: what is wrong, the usage of the command, where to learn more.
/// Help and version requests are clap's own output.
pub fn error_text(err: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En || matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return err.render().to_string();
    }
    let value = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = value(ContextKind::InvalidArg);
    let mut text = match err.kind() {
        ErrorKind::MissingRequiredArgument => format!("argument obligatoire manquant : {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "une commande est attendue (validate, extract, import-scdl, merge, stats, generate, page)".to_string()
        }
        ErrorKind::InvalidSubcommand => format!("commande inconnue « {} »", value(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => format!("option ou argument inattendu « {arg} »"),
        ErrorKind::InvalidValue => {
            let given = value(ContextKind::InvalidValue);
            let valid = value(ContextKind::ValidValue);
            if given.is_empty() {
                format!("une valeur est attendue après {arg}")
            } else if valid.is_empty() {
                format!("valeur « {given} » refusée pour {arg}")
            } else {
                format!("valeur « {given} » refusée pour {arg} ; valeurs possibles : {valid}")
            }
        }
        ErrorKind::ValueValidation => {
            format!("valeur « {} » refusée pour {arg} : {}", value(ContextKind::InvalidValue), value_problem(err))
        }
        ErrorKind::ArgumentConflict => {
            let prior = value(ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                format!("{arg} ne peut être donné qu'une fois")
            } else {
                format!("{arg} et {prior} ne vont pas ensemble")
            }
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "{arg} demande au moins {} valeurs ({} données)",
            value(ContextKind::MinValues).max(value(ContextKind::ExpectedNumValues)),
            value(ContextKind::ActualNumValues)
        ),
        ErrorKind::TooManyValues => format!("trop de valeurs pour {arg} : « {} »", value(ContextKind::InvalidValue)),
        ErrorKind::NoEquals => format!("{arg} s'écrit avec « = » : {arg}=VALEUR"),
        ErrorKind::InvalidUtf8 => "un argument n'est pas du texte UTF-8".to_string(),
        _ => format!("ligne de commande incorrecte ({})", err.kind()),
    };
    let suggestions = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
        .into_iter()
        .map(value)
        .find(|s| !s.is_empty());
    if let Some(s) = suggestions {
        text.push_str(&format!(" ; vouliez-vous dire « {s} » ?"));
    }
    let usage = value(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let mut out = format!("carte : {text}\n");
    if !usage.is_empty() {
        out.push_str(&format!("\nUtilisation : {usage}\n"));
        let command: Vec<&str> = usage.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '-'])).collect();
        out.push_str(&format!("\nPour en savoir plus : « {} --help »\n", command.join(" ")));
    }
    out
}

/// What is wrong with a value clap's parser refused ("invalid digit found in string").
fn value_problem(err: &clap::Error) -> &'static str {
    use std::error::Error as _;
    let source = err.source().map(|s| s.to_string()).unwrap_or_default();
    if source.contains("digit") || source.contains("number") {
        "un nombre entier positif est attendu"
    } else if source.contains("empty") {
        "la valeur est vide"
    } else {
        "valeur invalide"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        assert_eq!(lang_of(&args(&["carte", "validate", "--lang", "en", "x.json"])), Lang::En);
        assert_eq!(lang_of(&args(&["carte", "--lang=en", "stats"])), Lang::En);
        assert_eq!(lang_of(&args(&["carte", "validate", "x.json"])), Lang::Fr);
        assert_eq!(lang_of(&args(&["carte", "--lang", "de"])), Lang::Fr, "clap refuses it afterwards");
        assert_eq!(lang_of(&args(&["carte", "extract", "--", "--lang", "en"])), Lang::Fr, "a file named --lang");
    }

    fn tool(lang: Lang) -> Command {
        let cmd = Command::new("carte")
            .about("L'outil")
            .arg(Arg::new("lang").long("lang").global(true).value_parser(LANGS))
            .subcommand(
                Command::new("stats")
                    .about("Décrit un export")
                    .arg(Arg::new("file").value_name("FICHIER").required(true))
                    .arg(Arg::new("top").long("top").value_parser(clap::value_parser!(usize))),
            );
        localized(cmd, lang, &[("stats", "", "Describes an export")])
    }

    fn failure(lang: Lang, list: &[&str]) -> String {
        match tool(lang).try_get_matches_from(list) {
            Ok(_) => panic!("{list:?} accepted"),
            Err(e) => error_text(&e, lang),
        }
    }

    #[test]
    fn help_speaks_french_with_french_typography() {
        let help = tool(Lang::Fr).render_help().to_string();
        assert!(help.contains("Utilisation : carte [OPTIONS] [COMMANDE]"), "{help}");
        assert!(help.contains("Commandes :"), "{help}");
        assert!(help.contains("Options :"), "{help}");
        assert!(help.contains("Affiche cette aide"), "{help}");
        assert!(!help.contains("Usage") && !help.contains("Print"), "{help}");
        let mut cmd = tool(Lang::Fr);
        cmd.build();
        let sub = cmd.find_subcommand_mut("stats").expect("stats").render_help().to_string();
        assert!(sub.contains("Arguments :") && sub.contains("<FICHIER>"), "{sub}");
    }

    #[test]
    fn help_speaks_english_when_asked() {
        let mut cmd = tool(Lang::En);
        cmd.build();
        let help = cmd.render_help().to_string();
        assert!(help.contains("Usage: carte") && help.contains("Commands:") && help.contains("Print help"), "{help}");
        let sub = cmd.find_subcommand_mut("stats").expect("stats").render_help().to_string();
        assert!(sub.contains("Describes an export"), "{sub}");
    }

    #[test]
    fn errors_say_what_is_wrong_in_french() {
        let missing = failure(Lang::Fr, &["carte", "stats"]);
        assert!(missing.starts_with("carte : argument obligatoire manquant : <FICHIER>"), "{missing}");
        assert!(missing.contains("Utilisation : carte stats"), "{missing}");
        assert!(missing.contains("Pour en savoir plus : « carte stats --help »"), "{missing}");
        assert!(!missing.contains("error:") && !missing.contains("Usage"), "{missing}");

        let lang = failure(Lang::Fr, &["carte", "--lang", "de", "stats", "x"]);
        assert!(lang.contains("valeur « de » refusée pour --lang <lang> ; valeurs possibles : fr, en"), "{lang}");

        let typo = failure(Lang::Fr, &["carte", "stat", "x"]);
        assert!(typo.contains("commande inconnue « stat » ; vouliez-vous dire « stats » ?"), "{typo}");

        let number = failure(Lang::Fr, &["carte", "stats", "x", "--top", "dix"]);
        assert!(
            number.contains("valeur « dix » refusée pour --top <top> : un nombre entier positif est attendu"),
            "{number}"
        );

        let unknown = failure(Lang::Fr, &["carte", "stats", "x", "--jsn"]);
        assert!(unknown.starts_with("carte : option ou argument inattendu « --jsn »"), "{unknown}");
    }

    #[test]
    fn errors_stay_clap_s_own_in_english() {
        let missing = failure(Lang::En, &["carte", "stats"]);
        assert!(missing.contains("error: the following required arguments were not provided"), "{missing}");
    }
}
