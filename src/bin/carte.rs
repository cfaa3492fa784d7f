//! `carte`: the command-line tool over the widget's own core — validate exports, extract
//! deliberations, import SCDL open data, merge exports, describe one.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(native::run());
}

// The size rules of clippy.toml guard the browser build; the tool never goes into the wasm.
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::disallowed_methods)]
mod native {
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};

    use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
    use indicatif::{ProgressBar, ProgressStyle};

    use carte_partenariats::cli::io::{
        export_json, read_document, read_page, read_text, write_export, write_export_text, write_text, CliError,
    };
    use carte_partenariats::cli::{count, exit, extract, generate, merge, pdf, scdl, stats, usage};
    use carte_partenariats::core::dataset::Dataset;
    use carte_partenariats::core::format::Export;
    use carte_partenariats::core::graph::Graph;
    use carte_partenariats::core::i18n::Lang;
    use carte_partenariats::core::model::{IsoDate, Model};
    use carte_partenariats::core::page;
    use carte_partenariats::core::validate::{validate, validate_in};

    #[derive(Parser)]
    #[command(
        name = "carte",
        version,
        about = "Carte des partenariats : valider, extraire, importer, fusionner et décrire des exports."
    )]
    #[command(after_help = "Exemples :
  carte validate partenariats.json
  carte validate --json exports/*.json
  carte extract --against partenariats.json deliberation.pdf -o fragment.json
  carte extract --into partenariats.json deliberation.txt -o partenariats-a-jour.json
  carte import-scdl subventions-2024.csv --into partenariats.json -o partenariats-a-jour.json
  carte merge partenariats.json subventions.json -o partenariats-a-jour.json
  carte stats partenariats.json
  carte page assets/data/partenariats.json --into dist/index.html --fragment dist/carte-static.html
  carte generate --orgs 10000 --links 30000 --seed 7 -o grand.json

Un acte déjà connu (même décision, parties, nature, année et montant) n'est jamais compté deux fois : le
nouveau document s'ajoute aux sources du lien. Un nom seulement ressemblant est signalé, jamais fusionné.

Codes de sortie : 0 succès ; 1 contenu invalide (erreurs, lignes rejetées, conflits, aucune décision trouvée,
résultat invalide ou de plus de 64 Mo : rien n'est alors écrit) ; 2 ligne de commande incorrecte ; 3 fichier
illisible ; 4 écriture impossible.")]
    struct Cli {
        /// Langue des messages et de l'aide : fr (défaut) ou en.
        #[arg(long, global = true, value_parser = usage::LANGS, default_value = "fr", value_name = "LANGUE")]
        lang: String,
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Vérifie des exports avec le validateur du widget ; code 1 à la moindre erreur.
        Validate {
            /// Exports à vérifier (JSON, en UTF-8 ou non, avec ou sans marque d'ordre des octets).
            #[arg(required = true, value_name = "FICHIER")]
            files: Vec<PathBuf>,
            /// Résultat en JSON (pour les machines).
            #[arg(long)]
            json: bool,
        },
        /// Lit des délibérations (texte ou PDF des registres, pages du portail) et écrit un fragment d'export.
        Extract {
            /// Délibérations : textes (tout encodage) ou PDF à couche texte.
            #[arg(required = true, value_name = "FICHIER")]
            files: Vec<PathBuf>,
            #[command(flatten)]
            target: Target,
        },
        /// Importe un fichier SCDL « Subventions » (1.1, 2.x) ou « Délibérations » en export.
        ImportScdl {
            /// Fichier CSV (UTF-8, Windows-1252… : l'encodage est reconnu).
            #[arg(value_name = "FICHIER")]
            file: PathBuf,
            #[command(flatten)]
            target: Target,
        },
        /// Fusionne des exports acte par acte : un acte déjà connu n'est pas ajouté deux fois ; les conflits
        /// sont signalés, jamais écrasés.
        Merge {
            /// Exports à fusionner (au moins deux), le premier prioritaire.
            #[arg(required = true, num_args = 2.., value_name = "FICHIER")]
            files: Vec<PathBuf>,
            /// Fichier de sortie (défaut : sortie standard).
            #[arg(short, long, value_name = "SORTIE")]
            output: Option<PathBuf>,
        },
        /// Écrit un grand export fictif mais réaliste (mesures, tests) ; même graine, même fichier.
        Generate {
            /// Nombre d'organisations (défaut : 1000).
            #[arg(long, default_value_t = 1000, value_name = "N")]
            orgs: usize,
            /// Nombre de liens (défaut : 3000).
            #[arg(long, default_value_t = 3000, value_name = "N")]
            links: usize,
            /// Graine du tirage : même graine, même fichier (défaut : 1).
            #[arg(long, default_value_t = 1, value_name = "N")]
            seed: u64,
            /// Forme du registre : classic (défaut : tout le monde est lié) ou rough (comme les vrais
            /// registres : organisations sans lien, pôles à milliers de liens, paires répétées, actes à
            /// plusieurs parties, une délibération par lien).
            #[arg(long, default_value = "classic", value_parser = ["classic", "rough"], value_name = "FORME")]
            shape: String,
            /// Fichier de sortie (défaut : sortie standard).
            #[arg(short, long, value_name = "SORTIE")]
            output: Option<PathBuf>,
        },
        /// Écrit la vue statique d'un export (image du graphe, chiffres, tableau des liens, sources) dans
        /// une page HTML, au début de son élément id="carte-root", et/ou en fragment pour <carte-partenariats>.
        Page {
            /// Export dont écrire la vue.
            #[arg(value_name = "FICHIER")]
            file: PathBuf,
            /// Page à compléter (réécrite sur place), p. ex. dist/index.html.
            #[arg(long, value_name = "PAGE")]
            into: Option<PathBuf>,
            /// Fragment à écrire pour l'élément <carte-partenariats> (liens relatifs à ses fichiers).
            #[arg(long, value_name = "FRAGMENT")]
            fragment: Option<PathBuf>,
            /// Adresse de l'export, relative aux fichiers du widget (défaut : data/partenariats.json).
            #[arg(long, default_value = "data/partenariats.json", value_name = "ADRESSE")]
            data_url: String,
        },
        /// Décrit un export : effectifs, montants par nature et par année, organisations les plus liées.
        Stats {
            /// Export à décrire.
            #[arg(value_name = "FICHIER")]
            file: PathBuf,
            /// Résultat en JSON (pour les machines).
            #[arg(long)]
            json: bool,
        },
    }

    /// Where what `extract` and `import-scdl` read goes, and which export it is matched against.
    #[derive(Args)]
    struct Target {
        /// Export existant dont les organisations (noms, sigles, anciens noms) sont reconnues.
        #[arg(long, value_name = "EXPORT")]
        against: Option<PathBuf>,
        /// Export à mettre à jour : reconnaît ses organisations et écrit l'export complété (une seule commande).
        #[arg(long, conflicts_with = "against", value_name = "EXPORT")]
        into: Option<PathBuf>,
        /// Fichier de sortie (défaut : sortie standard).
        #[arg(short, long, value_name = "SORTIE")]
        output: Option<PathBuf>,
    }

    /// The help in English (`--lang en`): (subcommand or "", argument id or "" for the about text, text).
    const ENGLISH: &[(&str, &str, &str)] = &[
        ("", "", "Carte des partenariats: validate, extract, import, merge and describe exports."),
        ("", "lang", "Language of messages and help: fr (default) or en."),
        (
            "",
            "after",
            "Examples:
  carte validate partenariats.json
  carte extract --against partenariats.json deliberation.pdf -o fragment.json
  carte import-scdl subventions-2024.csv --into partenariats.json -o updated.json
  carte merge partenariats.json subventions.json -o updated.json
  carte stats partenariats.json

A known act (same decision, parties, kind, year and amount) is never counted twice: the new document is
added to the link's sources. A name only alike a known one is said, never merged.

Exit statuses: 0 success; 1 invalid content (errors, rejected rows, conflicts, no decision found, a result
invalid or over 64 MB: nothing is then written); 2 wrong command line; 3 unreadable file; 4 output not written.",
        ),
        ("validate", "", "Checks exports with the widget's own validator; status 1 at the first error."),
        ("validate", "files", "Exports to check (JSON, any encoding, with or without a byte-order mark)."),
        ("validate", "json", "Result as JSON (for machines)."),
        ("extract", "", "Reads deliberations (register texts or PDFs, portal pages) and writes an export fragment."),
        ("extract", "files", "Deliberations: texts (any encoding) or PDFs with a text layer."),
        ("extract", "against", "Existing export whose organisations (names, acronyms, former names) are recognised."),
        ("extract", "into", "Export to update: its organisations are recognised and the completed export written."),
        ("extract", "output", "Output file (default: standard output)."),
        ("import-scdl", "", "Imports a SCDL « Subventions » (1.1, 2.x) or « Délibérations » file as an export."),
        ("import-scdl", "file", "CSV file (UTF-8, Windows-1252…: the encoding is detected)."),
        ("import-scdl", "against", "Existing export whose organisations are recognised."),
        ("import-scdl", "into", "Export to update: its organisations are recognised and the completed export written."),
        ("import-scdl", "output", "Output file (default: standard output)."),
        (
            "merge",
            "",
            "Merges exports act by act: a known act is never added twice; conflicts are reported, never overwritten.",
        ),
        ("merge", "files", "Exports to merge (two or more), the first one prevailing."),
        ("merge", "output", "Output file (default: standard output)."),
        ("generate", "", "Writes a large fictitious but realistic export (benchmarks, tests); same seed, same file."),
        ("generate", "orgs", "Number of organisations."),
        ("generate", "links", "Number of links."),
        ("generate", "seed", "Seed of the draw: same seed, same file."),
        ("generate", "output", "Output file (default: standard output)."),
        ("page", "", "Writes an export's static view (picture of the graph, figures, table of links, sources) into an HTML page, first in its id=\"carte-root\" element, and/or as a fragment for <carte-partenariats>."),
        ("page", "file", "Export whose view to write."),
        ("page", "into", "Page to complete (rewritten in place), e.g. dist/index.html."),
        ("page", "fragment", "Fragment to write for the <carte-partenariats> element (links relative to its files)."),
        ("page", "data_url", "Address of the export, relative to the widget's files (default: data/partenariats.json)."),
        ("stats", "", "Describes an export: counts, amounts by kind and year, the most connected organisations."),
        ("stats", "file", "Export to describe."),
        ("stats", "json", "Result as JSON (for machines)."),
    ];

    pub fn run() -> i32 {
        // A panic inside the PDF parser (third-party code, on a damaged file) is caught and reported
        // in French by `pdf::pdf_text`; in a build that aborts on panic (the release profile) it
        // cannot be caught, so it is reported here and the run ends with the status of an invalid
        // input. Any other panic is a bug, said so.
        std::panic::set_hook(Box::new(|info| {
            if !pdf::reading_pdf() {
                eprintln!("carte : erreur interne, à signaler avec la commande lancée ({info})");
            } else if cfg!(panic = "abort") {
                eprintln!("carte : {}", pdf::PdfError::Unreadable.message());
                std::process::exit(exit::INVALID);
            }
        }));
        let args: Vec<OsString> = std::env::args_os().collect();
        let lang = usage::lang_of(&args);
        let parsed = usage::localized(Cli::command(), lang, ENGLISH)
            .try_get_matches_from(&args)
            .and_then(|matches| Cli::from_arg_matches(&matches));
        let cli = match parsed {
            Ok(cli) => cli,
            Err(e) if e.use_stderr() => {
                eprint!("{}", usage::error_text(&e, lang));
                return exit::USAGE;
            }
            Err(e) => {
                let _ = e.print();
                return exit::OK;
            }
        };
        let result = match cli.command {
            Command::Validate { files, json } => validate_files(&files, json, Lang::from_param(Some(&cli.lang))),
            Command::Extract { files, target } => extract_files(&files, &target),
            Command::ImportScdl { file, target } => import(&file, &target),
            Command::Merge { files, output } => merge_files(&files, output.as_deref()),
            Command::Stats { file, json } => describe(&file, json),
            Command::Page { file, into, fragment, data_url } => {
                write_page(&file, into.as_deref(), fragment.as_deref(), &data_url)
            }
            Command::Generate { orgs, links, seed, shape, output } => {
                let shape = if shape == "rough" { generate::Shape::Rough } else { generate::Shape::Classic };
                let export = generate::generate(&generate::GenerateSettings { orgs, links, seed, shape });
                // A rough register comes on one line, as many exporting tools write it (and so that
                // 50 000 organisations, each link with its own decision, stay under the size limit).
                let text = match shape {
                    generate::Shape::Rough => serde_json::to_string(&export).unwrap_or_default(),
                    generate::Shape::Classic => export_json(&export),
                };
                write_export_text(&text, output.as_deref(), &|path| path.to_string()).map(|_| exit::OK)
            }
        };
        match result {
            Ok(status) => status,
            Err(e) => {
                eprintln!("carte : {}", e.message);
                e.status
            }
        }
    }

    fn name_of(path: &Path) -> String {
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
    }

    /// Reads and validates an export, for commands that need a correct one: its model, and its
    /// wire form to merge into or align with.
    fn read_export(path: &Path) -> Result<(Model, Export), CliError> {
        let text = read_text(path)?;
        let invalid = |n: usize| CliError {
            message: format!(
                "« {} » n'est pas un export valide ({}) ; voyez « carte validate {} »",
                path.display(),
                count(n, "problème", "problèmes"),
                path.display()
            ),
            status: exit::INVALID,
        };
        let model = validate(&text).map_err(|problems| invalid(problems.list.len() + problems.omitted))?;
        let export = serde_json::from_str(&text).map_err(|_| invalid(1))?;
        Ok((model, export))
    }

    fn progress(len: u64, unit: &str) -> ProgressBar {
        let bar = ProgressBar::new(len);
        let template = format!("{{spinner}} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{eta}})");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    }

    /// Every file given is reported, readable or not; the status is the worst of them (3 for a
    /// file that could not be read, else 1 for an invalid one).
    fn validate_files(files: &[PathBuf], json: bool, lang: Lang) -> Result<i32, CliError> {
        let mut status = exit::OK;
        let mut reports = Vec::new();
        for path in files {
            let text = match read_text(path) {
                Ok(text) => text,
                Err(e) => {
                    status = status.max(e.status);
                    if json {
                        reports.push(serde_json::json!({
                            "file": path.display().to_string(), "valid": false, "readable": false, "error": e.message,
                            "problems": [], "omitted": 0,
                        }));
                    } else {
                        println!("{} : illisible", path.display());
                        eprintln!("carte : {}", e.message);
                    }
                    continue;
                }
            };
            let problems = validate_in(&text, lang).err();
            if problems.is_some() {
                status = status.max(exit::INVALID);
            }
            if json {
                let list = problems.as_ref().map(|p| p.list.clone()).unwrap_or_default();
                reports.push(serde_json::json!({
                    "file": path.display().to_string(),
                    "valid": problems.is_none(),
                    "readable": true,
                    "problems": list.iter().map(|p| serde_json::json!({
                        "path": p.path, "line": p.position.map(|x| x.0), "column": p.position.map(|x| x.1), "message": p.message
                    })).collect::<Vec<_>>(),
                    "omitted": problems.as_ref().map_or(0, |p| p.omitted),
                }));
            } else {
                match &problems {
                    None => println!("{} : valide", path.display()),
                    Some(p) => {
                        println!("{} : {}", path.display(), count(p.list.len() + p.omitted, "problème", "problèmes"));
                        for problem in &p.list {
                            println!("  {problem}");
                        }
                        if p.omitted > 0 {
                            println!("  … et {}", count(p.omitted, "autre", "autres"));
                        }
                    }
                }
            }
        }
        if json {
            println!("{}", serde_json::to_string_pretty(&reports).unwrap_or_default());
        }
        Ok(status)
    }

    /// The export `extract` and `import-scdl` match against: `--against`, else `--into`.
    fn reference(target: &Target) -> Result<Option<(Model, Export)>, CliError> {
        target.against.as_deref().or(target.into.as_deref()).map(read_export).transpose()
    }

    /// Writes what was read (`source` names it in messages): with `--into`, merged into that
    /// export through the one path every merge takes; else the fragment alone, its ids aligned
    /// with `--against`'s so that merging it later adds only what is new.
    /// `alike_said`: names only alike a known organisation's were said already (by row).
    fn finish(
        fragment: Export,
        source: &str,
        reference: Option<Export>,
        target: &Target,
        alike_said: bool,
    ) -> Result<i32, CliError> {
        let output = target.output.as_deref();
        match (target.into.as_deref(), reference) {
            (Some(into), Some(base)) => {
                let inputs = [(name_of(into), base), (source.to_string(), fragment)];
                merge::merge_and_write(&inputs, output, alike_said, &mut |line| eprintln!("{line}"))
            }
            (_, reference) => {
                let fragment = match reference {
                    Some(reference) => {
                        let (aligned, notes, alike) = merge::align(&reference, fragment);
                        for note in notes.iter().chain(alike.iter().filter(|_| !alike_said)) {
                            eprintln!("{note}");
                        }
                        aligned
                    }
                    None => fragment,
                };
                write_export(&fragment, output, &|path| path.to_string())?;
                Ok(exit::OK)
            }
        }
    }

    fn extract_files(files: &[PathBuf], target: &Target) -> Result<i32, CliError> {
        let reference = reference(target)?;
        let against = reference.as_ref().map(|(model, _)| model);
        let bar = progress(files.len() as u64, "délibérations");
        let mut docs = Vec::new();
        for path in files {
            let text = read_document(path)?;
            docs.extend(extract::extract_all(&name_of(path), &text, against));
            bar.inc(1);
        }
        bar.finish_and_clear();
        let fragment = extract::fragment(&docs, against);
        for line in extract::report(&docs, &fragment) {
            eprintln!("{line}");
        }
        let left_out = docs.iter().filter(|d| IsoDate::parse(&d.decision.date).is_none()).count();
        if fragment.decisions.is_empty() {
            let mut files: Vec<String> = docs.iter().map(|d| format!("« {} »", d.file)).collect();
            files.dedup();
            return Err(CliError {
                message: format!(
                    "aucune décision trouvée (il faut au moins la date de la séance) dans {} ; rien n'a été écrit",
                    files.join(", ")
                ),
                status: exit::INVALID,
            });
        }
        let source = match files {
            [one] => name_of(one),
            _ => format!("{} lues", count(files.len(), "délibération", "délibérations")),
        };
        let status = finish(fragment, &source, reference.map(|(_, export)| export), target, false)?;
        // Deliberations without a séance date were left out of what was written: said, and status 1.
        Ok(if left_out > 0 { exit::INVALID } else { status })
    }

    fn import(file: &Path, target: &Target) -> Result<i32, CliError> {
        let reference = reference(target)?;
        let text = read_text(file)?;
        let bar = progress(text.len() as u64, "octets");
        let imported =
            scdl::import_scdl(&text, reference.as_ref().map(|(model, _)| model), &mut |done| bar.set_position(done))
                .map_err(|message| CliError {
                    message: format!("{} : {message}", file.display()),
                    status: exit::INVALID,
                })?;
        bar.finish_and_clear();
        let mut said: Vec<&scdl::RowNote> = imported.rejected.iter().chain(&imported.notes).collect();
        said.sort_by_key(|r| r.line);
        for row in said {
            eprintln!("{}, ligne {} : {}", file.display(), row.line, row.message);
        }
        let imported_rows = imported.rows_read - imported.rejected.len() - imported.duplicates;
        let mut summary =
            vec![count(imported.rows_read, "ligne lue", "lignes lues"), count(imported_rows, "importée", "importées")];
        if imported.duplicates > 0 {
            summary.push(count(imported.duplicates, "en double (importée une fois)", "en double (importées une fois)"));
        }
        summary.push(count(imported.rejected.len(), "rejetée", "rejetées"));
        eprintln!("{}", summary.join(", "));
        let status = finish(imported.export, &name_of(file), reference.map(|(_, export)| export), target, true)?;
        Ok(if imported.rejected.is_empty() { status } else { exit::INVALID })
    }

    fn merge_files(files: &[PathBuf], output: Option<&Path>) -> Result<i32, CliError> {
        let mut inputs = Vec::new();
        for path in files {
            let text = read_text(path)?;
            let export: Export = serde_json::from_str(&text).map_err(|e| CliError {
                message: format!("« {} » n'a pas la forme d'un export : {e}", path.display()),
                status: exit::INVALID,
            })?;
            inputs.push((name_of(path), export));
        }
        merge::merge_and_write(&inputs, output, false, &mut |line| eprintln!("{line}"))
    }

    /// The static first view (`core::page`) written into a page and/or as a fragment.
    fn write_page(file: &Path, into: Option<&Path>, fragment: Option<&Path>, data_url: &str) -> Result<i32, CliError> {
        if into.is_none() && fragment.is_none() {
            return Err(CliError {
                message: "indiquez --into PAGE, --fragment FICHIER ou les deux".into(),
                status: exit::USAGE,
            });
        }
        let data = Dataset::from_model_settled(read_export(file)?.0);
        if let Some(page) = into {
            let html = read_page(page)?;
            let place = page::Place { data_url, asset_base: "", embedded: false };
            let written =
                page::insert_into_root(&html, &page::static_view(&data, Lang::Fr, &place)).map_err(|message| {
                    CliError { message: format!("« {} » : {message}", page.display()), status: exit::INVALID }
                })?;
            write_text(Some(page), &written)?;
        }
        if let Some(path) = fragment {
            let place = page::Place { data_url, asset_base: "", embedded: true };
            write_text(Some(path), &page::static_view(&data, Lang::Fr, &place))?;
        }
        Ok(exit::OK)
    }

    fn describe(file: &Path, json: bool) -> Result<i32, CliError> {
        let (model, _) = read_export(file)?;
        let graph = Graph::build(&model);
        let s = stats::stats(&model, &graph, 10);
        if json {
            println!("{}", serde_json::to_string_pretty(&s.to_json()).unwrap_or_default());
        } else {
            print!("{}", s.to_text());
        }
        Ok(exit::OK)
    }
}
