//! Every string of the interface, in French (the default) and English, in one place; the
//! validator's own messages in `validation.rs`.
//!
//! Each language is one `Texts` value: the compiler refuses a language that lacks a string.
//! Placeholders in braces (`{n}`, `{name}`) are filled with `fill`. Numbers and dates are
//! formatted for the language by `Lang::euros`, `Lang::date` and `Lang::count`.

pub mod table;
pub mod validation;

/// What the browser build has read of the strings it does not carry (see `table.rs`).
#[cfg(target_arch = "wasm32")]
mod loaded {
    use std::sync::OnceLock;

    pub static INTERFACE_EN: OnceLock<&'static super::Texts> = OnceLock::new();
    /// By `Lang as usize`.
    pub static VALIDATION: [OnceLock<&'static super::ValidationTexts>; 2] = [OnceLock::new(), OnceLock::new()];
}

use self::table::string_table;

pub use self::validation::ValidationTexts;

use super::locale;
use super::model::{Cents, IsoDate, LinkKind, OrgKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// `?lang=en` gives English; anything else French.
    pub fn from_param(value: Option<&str>) -> Lang {
        match value.map(str::to_ascii_lowercase).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The interface's strings. The browser build carries French only: English is read from
    /// `interface_file` (`install_interface`), French standing in until then.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Fr => &FR,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::En => &EN,
            #[cfg(target_arch = "wasm32")]
            Lang::En => loaded::INTERFACE_EN.get().copied().unwrap_or(&FR),
        }
    }

    /// The validator's messages. The browser build carries none: they are read from
    /// `validation_file` (`install_validation`) when a file turns out broken, empty until then.
    pub fn validation(self) -> &'static ValidationTexts {
        #[cfg(not(target_arch = "wasm32"))]
        return match self {
            Lang::Fr => &validation::FR,
            Lang::En => &validation::EN,
        };
        #[cfg(target_arch = "wasm32")]
        return loaded::VALIDATION[self as usize].get().copied().unwrap_or(&ValidationTexts::EMPTY);
    }

    /// The file of `assets/texts/` the browser still has to read for the interface in this
    /// language, if any.
    pub fn interface_file(self) -> Option<&'static str> {
        #[cfg(target_arch = "wasm32")]
        if self == Lang::En && loaded::INTERFACE_EN.get().is_none() {
            return Some("texts/interface-en.json");
        }
        None
    }

    /// The file of `assets/texts/` the browser still has to read for the validator's messages in
    /// this language, if any.
    pub fn validation_file(self) -> Option<&'static str> {
        #[cfg(target_arch = "wasm32")]
        if loaded::VALIDATION[self as usize].get().is_none() {
            return Some(["texts/validation-fr.json", "texts/validation-en.json"][self as usize]);
        }
        None
    }

    /// Takes the interface's strings read from `interface_file`; false when the file is not this
    /// version's (they stay French).
    pub fn install_interface(self, json: &str) -> bool {
        #[cfg(target_arch = "wasm32")]
        if let (Lang::En, Some(texts)) = (self, table::from_json::<Texts>(json)) {
            let _ = loaded::INTERFACE_EN.set(texts);
            return true;
        }
        let _ = json;
        false
    }

    /// Takes the validator's messages read from `validation_file`; false when the file is not
    /// this version's.
    pub fn install_validation(self, json: &str) -> bool {
        #[cfg(target_arch = "wasm32")]
        if let Some(texts) = table::from_json::<ValidationTexts>(json) {
            let _ = loaded::VALIDATION[self as usize].set(texts);
            return true;
        }
        let _ = json;
        false
    }

    pub fn page_texts(self) -> &'static PageTexts {
        match self {
            Lang::Fr => &FR_PAGE,
            Lang::En => &EN_PAGE,
        }
    }

    pub fn euros(self, amount: Cents) -> String {
        match self {
            Lang::Fr => locale::euros(amount),
            Lang::En => locale::euros_en(amount),
        }
    }

    pub fn date(self, d: IsoDate) -> String {
        match self {
            Lang::Fr => locale::date(d),
            Lang::En => locale::date_en(d),
        }
    }

    pub fn integer(self, n: u64) -> String {
        match self {
            Lang::Fr => locale::integer(n),
            Lang::En => locale::integer_en(n),
        }
    }

    /// A size in mebibytes to one decimal: "12,5 Mo", "12.5 MB".
    pub fn megabytes(self, bytes: usize) -> String {
        let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
        let whole = self.integer(tenths / 10);
        match self {
            Lang::Fr => format!("{whole},{}{}Mo", tenths % 10, locale::NBSP),
            Lang::En => format!("{whole}.{} MB", tenths % 10),
        }
    }

    /// "3 liens", "1 link".
    pub fn count(self, n: usize, one: &str, many: &str) -> String {
        format!("{}{}{}", self.integer(n as u64), locale::NBSP, if n > 1 { many } else { one })
    }

    pub fn link_kind(self, kind: LinkKind) -> &'static str {
        match self {
            Lang::Fr => kind.label_fr(),
            Lang::En => kind.label_en(),
        }
    }

    pub fn org_kind(self, kind: OrgKind) -> &'static str {
        match self {
            Lang::Fr => kind.label_fr(),
            Lang::En => kind.label_en(),
        }
    }
}

/// Replaces `{key}` placeholders: `fill("du {a} au {b}", &[("a", x), ("b", y)])`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // One pass: a value is written as it is, never read again as a template (an organisation
    // named "Fonds {n}" stays so). Searching for a char, not a string, also keeps std's
    // substring searcher out of the wasm.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let key = &after[..close];
            values.iter().find(|(k, _)| *k == key).map(|(_, value)| (*value, close))
        });
        match known {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Capitalises the first letter, for labels used at the start of a line.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| std::iter::once(locale::uppercase(c)).chain(chars).collect()).unwrap_or_default()
}

/// The strings of the static first view, written at build time only (`core::page`): apart from
/// `Texts`, so that the browser's wasm does not carry them.
pub struct PageTexts {
    pub sources: &'static str,
    pub sources_lead: &'static str,
    /// The picture's description: `{orgs}`, `{links}`.
    pub static_picture: &'static str,
}

pub static FR_PAGE: PageTexts = PageTexts {
    sources: "Sources",
    sources_lead: "Les documents publics dont chaque lien est tiré :",
    static_picture: "Graphe des partenariats : {orgs} et {links} ; le tableau ci-dessous les liste.",
};

pub static EN_PAGE: PageTexts = PageTexts {
    sources: "Sources",
    sources_lead: "The public documents every link is read from:",
    static_picture: "Partnership graph: {orgs} and {links}; the table below lists them.",
};

string_table! {
    pub struct Texts {
        pub kicker,
        pub loading,
        pub loading_reading,
        /// `{from}`, `{to}`, `{total}`: the rows shown of a long table.
        pub table_page,
        pub table_pages,
        /// `{count}` acts of a kind not listed in an organisation's panel.
        pub more_acts,
        pub see_in_table,
        pub table_previous,
        pub table_next,
        /// `{received}` of `{total}`.
        pub loading_amount,
        pub loading_progress,
        pub views,
        pub tab_graph,
        pub tab_table,
        pub org_one,
        pub org_many,
        pub link_one,
        pub link_many,
        pub decision_one,
        pub decision_many,
        pub act_one,
        pub act_many,
        pub alt_table_link,
        pub footer_lead,
        pub export_json,
        pub schema,
        pub other_language,
        pub other_language_name,
        // Graph
        pub graph_summary,
        pub handles_label,
        /// On a large graph only some organisations have a handle: `{count}`.
        pub handles_partial,
        pub zoom_group,
        pub zoom_in,
        pub zoom_out,
        pub fit,
        pub fit_title,
        pub layout,
        pub layout_force,
        pub layout_radial,
        pub layout_grouped,
        // Details
        pub close_panel,
        pub close_title,
        pub short_name,
        pub kind,
        pub other_names,
        pub parent,
        pub children,
        pub website,
        pub figures,
        pub links_heading,
        pub no_links,
        pub paid_to,
        pub received_from,
        pub with,
        pub payer,
        pub beneficiary,
        pub from,
        pub to,
        pub parties,
        pub amount,
        pub period,
        pub convention,
        pub budget,
        pub decision,
        pub mentioned_in,
        pub reference,
        pub instance,
        pub seance,
        pub date,
        pub signed,
        pub subject,
        pub rapporteur,
        pub signatory,
        pub members_present,
        pub source,
        pub decision_line,
        pub bundle_between,
        pub name_until,
        pub name_since,
        pub name_between,
        pub money,
        pub paid,
        pub received,
        pub year,
        pub money_chart,
        pub only_links_of,
        pub path_from_here,
        // Periods
        pub period_between,
        pub period_since_day,
        pub period_since,
        pub period_until,
        // Table
        pub col_from,
        pub col_to,
        pub col_kind,
        pub col_purpose,
        pub col_period,
        pub col_amount,
        pub col_decision,
        pub download_csv,
        /// The table's CSV columns, one per line.
        pub csv_header,
        pub csv_file,
        pub table_caption,
        pub table_region,
        pub total_amount,
        // Legend
        pub legend,
        pub legend_links,
        pub legend_orgs,
        pub parent_tie,
        pub hint_links,
        pub hint_orgs,
        // Alerts
        pub alert_title,
        pub show_default,
        pub more_problems,
        pub load_network,
        pub load_status,
        pub load_not_text,
        pub load_invalid,
        pub load_too_large,
        /// `{url}`: an export from an origin the site does not allow (`ui/origin.rs`).
        pub load_refused,
        /// `{host}`: said in the header and in pictures when the export is not the site's default one.
        pub data_from,
        /// Said to screen readers after a link that opens in a new tab.
        pub new_window,
        pub problem_one,
        pub problem_many,
        pub unknown_org,
        pub unknown_link,
        pub unlinked_pair,
        pub line_column,
        // Search
        pub search_label,
        pub search_placeholder,
        pub search_none,
        pub search_results,
        pub formerly,
        // Filters
        pub filters,
        pub link_kinds,
        pub org_kinds,
        pub years,
        pub year_from,
        pub year_to,
        pub amount_range,
        pub amount_min,
        pub amount_max,
        pub reset,
        pub no_filter,
        pub filtered,
        pub shown_total,
        pub network_of,
        pub depth_1,
        pub depth_2,
        pub whole_network,
        // Time
        pub time,
        pub play,
        pub pause,
        pub previous_year,
        pub next_year,
        pub all_years,
        pub network_in,
        // Paths
        pub path,
        pub path_from,
        pub path_to,
        pub path_none,
        pub path_choose,
        pub path_count,
        pub clear,
        pub which,
        // Clauses (templates of `grammar::clause`): `{a}` does something to `{b}`.
        pub verb_partnership,
        pub verb_subsidy,
        pub verb_subsidy_back,
        pub verb_membership,
        pub verb_membership_back,
        pub verb_cofunding,
        pub verb_cofunding_back,
        pub verb_mandate,
        pub verb_mandate_back,
        pub verb_data,
        pub verb_data_back,
        pub verb_pact,
        pub verb_other,
        pub verb_parent,
        pub verb_child,
        /// Articles by `grammar::Article` (none, le, la, l', les), separated by `|`, then after « à »
        /// and « de ».
        pub articles,
        pub to_articles,
        pub of_articles,
        /// « de » before a bare name starting with a vowel (« d'Euroméditerranée »); empty: none.
        pub of_elided,
        /// Heading of a parent's units' links, and of each unit's group: `{name}`.
        pub units_links,
        pub via,
        /// Said after the money heading when the units' money is counted in.
        pub units_included,
        /// The acts of a year told under the time player: `{year}`.
        pub acts_of_year,
        /// `{count}` more acts that year.
        pub more_of_year,
        // The compact tool bar and its sheet.
        pub tools,
        // Presentation for a hall.
        pub full_screen,
        /// `{title}` of the next step, for the speaker.
        pub next_step,
        pub last_step,
        pub export_group,
        pub export_png,
        pub export_svg,
        pub image_file,
        pub picture_source,
        pub present,
        pub presentation,
        pub step_counter,
        pub step_previous,
        pub step_next,
        pub exit_presentation,
        pub presentation_help,
        pub no_story,
    }
}

pub static FR: Texts = Texts {
    kicker: "Carte des partenariats",
    loading: "Chargement des données",
    loading_reading: "Lecture et vérification des données",
    table_page: "Liens {from} à {to} sur {total}",
    table_pages: "Pages du tableau",
    more_acts: "Et {count} autres actes de ce type.",
    see_in_table: "Les voir dans le tableau",
    table_previous: "Liens précédents",
    table_next: "Liens suivants",
    loading_amount: "{received} sur {total}",
    loading_progress: "Progression du chargement",
    views: "Vues",
    tab_graph: "Graphe",
    tab_table: "Tableau",
    org_one: "organisation",
    org_many: "organisations",
    link_one: "lien",
    link_many: "liens",
    decision_one: "décision",
    decision_many: "décisions",
    act_one: "acte",
    act_many: "actes",
    alt_table_link: "Voir les liens sous forme de tableau",
    footer_lead: "Chaque lien renvoie à la délibération qui le fonde. Données : ",
    export_json: "export JSON",
    schema: "schéma",
    other_language: "English version",
    other_language_name: "en",
    graph_summary: "Graphe des partenariats : {orgs} et {links}. Chaque organisation est un bouton ci-dessous ; le tableau en donne une version textuelle.",
    handles_label: "Organisations du graphe",
    handles_partial: "Organisations du graphe : les {count} plus liées à l'écran (la recherche et le tableau donnent accès à toutes)",
    zoom_group: "Zoom",
    zoom_in: "Zoomer",
    zoom_out: "Dézoomer",
    fit: "Ajuster",
    fit_title: "Ajuster à l'écran",
    layout: "Disposition",
    layout_force: "Forces",
    layout_radial: "Radiale",
    layout_grouped: "Par nature",
    close_panel: "Fermer le panneau",
    close_title: "Fermer (Échap)",
    short_name: "Sigle",
    kind: "Nature",
    other_names: "Autres noms",
    parent: "Rattachement",
    children: "Rattachés",
    website: "Site",
    figures: "Chiffres",
    links_heading: "Liens",
    no_links: "Aucun lien dans ces données.",
    paid_to: "versé à",
    received_from: "reçu de",
    with: "avec",
    payer: "Payeur",
    beneficiary: "Bénéficiaire",
    from: "De",
    to: "À",
    parties: "Parties",
    amount: "Montant",
    period: "Période",
    convention: "Convention",
    budget: "Imputation",
    decision: "Décision",
    mentioned_in: "Mentionné dans",
    reference: "Référence",
    instance: "Instance",
    seance: "Séance",
    date: "Date",
    signed: "Signée le",
    subject: "Objet",
    rapporteur: "Rapporteur",
    signatory: "Signataire",
    members_present: "Membres présents",
    source: "Source",
    decision_line: "{instance}, séance du {date}",
    bundle_between: "{acts} entre",
    name_until: "jusqu'au {date}",
    name_since: "depuis le {date}",
    name_between: "du {from} au {to}",
    money: "Argent versé et reçu",
    paid: "Versé",
    received: "Reçu",
    year: "Année",
    money_chart: "Montants par année : {rows}",
    only_links_of: "Seulement ses liens",
    path_from_here: "Chemin depuis ici…",
    period_between: "du {from} au {to}",
    period_since_day: "depuis le {from}",
    period_since: "depuis {from}",
    period_until: "jusqu'au {to}",
    col_from: "De",
    col_to: "À",
    col_kind: "Nature",
    col_purpose: "Objet",
    col_period: "Période",
    col_amount: "Montant",
    col_decision: "Décision",
    download_csv: "Télécharger en CSV",
    csv_header: "id\nde\nà\nnature\nobjet\npériode\nmontant (€)\nréférence\ninstance\nséance\ndocument source",
    csv_file: "partenariats.csv",
    table_caption: "Liens entre organisations ({n}), triables par colonne",
    table_region: "Tableau des liens, défilable",
    total_amount: "montant total",
    legend: "Légende",
    legend_links: "Liens",
    legend_orgs: "Organisations",
    parent_tie: "rattachement",
    hint_links: "L'épaisseur croît avec le montant. « 2 actes » : plusieurs actes entre les mêmes organisations ; cliquez pour les lister.",
    hint_orgs: "La taille croît avec le nombre de liens.",
    alert_title: "Les données n'ont pas pu être affichées",
    show_default: "Afficher les données par défaut",
    more_problems: "… et {n} autres problèmes.",
    load_network: "Le fichier « {url} » n'a pas pu être téléchargé : le réseau est coupé, l'adresse est fausse, ou son serveur refuse de le partager avec ce site (CORS).",
    load_status: "Le serveur a répondu {status} pour « {url} ».",
    load_not_text: "Le contenu de « {url} » n'est pas un texte lisible.",
    load_invalid: "Le fichier « {url} » n'est pas un export valide : {count}.",
    load_too_large: "Le fichier « {url} » est trop volumineux ({size} Mo) : la carte accepte au plus {max} Mo.",
    load_refused: "Le fichier « {url} » n'est pas affiché : cette carte ne lit que les données de son site et des sites qu'il autorise.",
    data_from: "Données chargées depuis {host}",
    new_window: " (nouvelle fenêtre)",
    problem_one: "problème trouvé",
    problem_many: "problèmes trouvés",
    unknown_org: "L'adresse désigne l'organisation « {id} », absente de ces données.",
    unknown_link: "L'adresse désigne le lien « {id} », absent de ces données.",
    unlinked_pair: "L'adresse désigne deux organisations qu'aucun lien ne relie.",
    line_column: "ligne {line}, colonne {column}",
    search_label: "Rechercher une organisation",
    search_placeholder: "Nom, sigle ou ancien nom",
    search_none: "Aucune organisation ne correspond.",
    search_results: "{n} suggestions ; flèches haut et bas pour choisir, Entrée pour ouvrir.",
    formerly: "anciennement",
    filters: "Filtres",
    link_kinds: "Nature des liens",
    org_kinds: "Nature des organisations",
    years: "Années",
    year_from: "De",
    year_to: "à",
    amount_range: "Montant (€)",
    amount_min: "minimum",
    amount_max: "maximum",
    reset: "Réinitialiser",
    no_filter: "Aucun filtre : tout le réseau est affiché.",
    filtered: "Affichés : {orgs} et {links} sur {total}.",
    shown_total: "Montant des liens affichés : {amount}",
    network_of: "Réseau de {name}",
    depth_1: "liens directs",
    depth_2: "jusqu'à 2 étapes",
    whole_network: "Tout le réseau",
    time: "Le réseau année par année",
    play: "Lecture",
    pause: "Pause",
    previous_year: "Année précédente",
    next_year: "Année suivante",
    all_years: "Toutes les années",
    network_in: "Le réseau en {year}",
    path: "Comment deux organisations sont-elles liées ?",
    path_from: "De",
    path_to: "À",
    path_none: "Aucun chemin ne relie ces deux organisations avec les filtres actuels.",
    path_choose: "Choisissez deux organisations.",
    path_count: "{n} le plus court",
    clear: "Effacer",
    which: "qui",
    verb_partnership: "{a} {a|ont} une convention de partenariat avec {b}",
    verb_subsidy: "{a} subventionne{|nt} {b}",
    verb_subsidy_back: "{a} {est|sont} subventionné{|e|s|es} par {b}",
    verb_membership: "{a} adhère{|nt} {à b}",
    verb_membership_back: "{a} compte{|nt} parmi {ses|leurs} membres {b}",
    verb_cofunding: "{a} cofinance{|nt} {b}",
    verb_cofunding_back: "{a} {est|sont} cofinancé{|e|s|es} par {b}",
    verb_mandate: "{a} mandate{|nt} {b}",
    verb_mandate_back: "{a} {est|sont} mandaté{|e|s|es} par {b}",
    verb_data: "{a} transmet{|tent} des données {à b}",
    verb_data_back: "{a} reçoi{t|vent} des données {de b}",
    verb_pact: "{a} {a|ont} signé un pacte avec {b}",
    verb_other: "{a} {est|sont} lié{|e|s|es} {à b}",
    verb_parent: "{a} porte{|nt} {b}",
    verb_child: "{a} {est|sont} rattaché{|e|s|es} {à b}",
    articles: "|le |la |l'|les ",
    to_articles: "à |au |à la |à l'|aux ",
    of_articles: "de |du |de la |de l'|des ",
    of_elided: "d'",
    units_links: "Liens de ses unités",
    via: "via {name}",
    units_included: "unités comprises",
    acts_of_year: "Décidé en {year} :",
    more_of_year: "Et {count} autres actes.",
    tools: "Outils",
    full_screen: "Plein écran (F)",
    next_step: "Ensuite : {title}",
    last_step: "Dernière étape.",
    export_group: "Exporter l'image",
    export_png: "Télécharger l'image en PNG (haute définition)",
    export_svg: "Télécharger l'image en SVG",
    image_file: "carte-des-partenariats",
    picture_source: "Source : {title} — {n} décisions, chaque lien renvoie à celle qui le fonde. Carte des partenariats, {date}.",
    present: "Présenter",
    presentation: "Présentation",
    step_counter: "{n} / {total}",
    step_previous: "Précédent",
    step_next: "Suivant",
    exit_presentation: "Quitter (Échap)",
    presentation_help: "Flèches, Page précédente / suivante ou télécommande pour avancer.",
    no_story: "Cet export ne contient pas de récit : la présentation montre le réseau entier.",
};

pub static EN: Texts = Texts {
    kicker: "Partnership map",
    loading: "Loading data",
    loading_reading: "Reading and checking the data",
    table_page: "Links {from} to {to} of {total}",
    table_pages: "Table pages",
    more_acts: "And {count} more acts of this kind.",
    see_in_table: "See them in the table",
    table_previous: "Previous links",
    table_next: "Next links",
    loading_amount: "{received} of {total}",
    loading_progress: "Loading progress",
    views: "Views",
    tab_graph: "Graph",
    tab_table: "Table",
    org_one: "organisation",
    org_many: "organisations",
    link_one: "link",
    link_many: "links",
    decision_one: "decision",
    decision_many: "decisions",
    act_one: "act",
    act_many: "acts",
    alt_table_link: "See the links as a table",
    footer_lead: "Every link leads back to the deliberation that decided it. Data: ",
    export_json: "JSON export",
    schema: "schema",
    other_language: "Version française",
    other_language_name: "fr",
    graph_summary: "Partnership graph: {orgs} and {links}. Each organisation is a button below; the table gives a text version.",
    handles_label: "Organisations in the graph",
    handles_partial: "Organisations in the graph: the {count} most linked on screen (search and the table reach them all)",
    zoom_group: "Zoom",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    fit: "Fit",
    fit_title: "Fit to screen",
    layout: "Layout",
    layout_force: "Force",
    layout_radial: "Radial",
    layout_grouped: "By kind",
    close_panel: "Close the panel",
    close_title: "Close (Esc)",
    short_name: "Short name",
    kind: "Kind",
    other_names: "Other names",
    parent: "Part of",
    children: "Includes",
    website: "Website",
    figures: "Figures",
    links_heading: "Links",
    no_links: "No link in this data.",
    paid_to: "paid to",
    received_from: "received from",
    with: "with",
    payer: "Payer",
    beneficiary: "Beneficiary",
    from: "From",
    to: "To",
    parties: "Parties",
    amount: "Amount",
    period: "Period",
    convention: "Agreement",
    budget: "Budget line",
    decision: "Decision",
    mentioned_in: "Mentioned in",
    reference: "Reference",
    instance: "Body",
    seance: "Session",
    date: "Date",
    signed: "Signed on",
    subject: "Subject",
    rapporteur: "Rapporteur",
    signatory: "Signatory",
    members_present: "Members present",
    source: "Source",
    decision_line: "{instance}, session of {date}",
    bundle_between: "{acts} between",
    name_until: "until {date}",
    name_since: "since {date}",
    name_between: "from {from} to {to}",
    money: "Money paid and received",
    paid: "Paid",
    received: "Received",
    year: "Year",
    money_chart: "Amounts by year: {rows}",
    only_links_of: "Only its links",
    path_from_here: "Path from here…",
    period_between: "from {from} to {to}",
    period_since_day: "since {from}",
    period_since: "since {from}",
    period_until: "until {to}",
    col_from: "From",
    col_to: "To",
    col_kind: "Kind",
    col_purpose: "Purpose",
    col_period: "Period",
    col_amount: "Amount",
    col_decision: "Decision",
    download_csv: "Download as CSV",
    csv_header: "id\nfrom\nto\nkind\npurpose\nperiod\namount (€)\nreference\nbody\nsession\nsource document",
    csv_file: "partnerships.csv",
    table_caption: "Links between organisations ({n}), sortable by column",
    table_region: "Table of links, scrollable",
    total_amount: "total amount",
    legend: "Key",
    legend_links: "Links",
    legend_orgs: "Organisations",
    parent_tie: "part of",
    hint_links: "Width grows with the amount. “2 acts”: several acts between the same organisations; click to list them.",
    hint_orgs: "Size grows with the number of links.",
    alert_title: "The data could not be shown",
    show_default: "Show the default data",
    more_problems: "… and {n} more problems.",
    load_network: "The file “{url}” could not be downloaded: the network is down, the address is wrong, or its server refuses to share it with this site (CORS).",
    load_status: "The server answered {status} for “{url}”.",
    load_not_text: "The content of “{url}” is not readable text.",
    load_invalid: "The file “{url}” is not a valid export: {count}.",
    load_too_large: "The file “{url}” is too large ({size} MB): the map accepts at most {max} MB.",
    load_refused: "The file “{url}” is not shown: this map only reads data from its own site and the sites it allows.",
    data_from: "Data loaded from {host}",
    new_window: " (new window)",
    problem_one: "problem found",
    problem_many: "problems found",
    unknown_org: "The address names the organisation “{id}”, which this data lacks.",
    unknown_link: "The address names the link “{id}”, which this data lacks.",
    unlinked_pair: "The address names two organisations that no link ties.",
    line_column: "line {line}, column {column}",
    search_label: "Find an organisation",
    search_placeholder: "Name, short name or former name",
    search_none: "No organisation matches.",
    search_results: "{n} suggestions; up and down arrows to choose, Enter to open.",
    formerly: "formerly",
    filters: "Filters",
    link_kinds: "Kinds of link",
    org_kinds: "Kinds of organisation",
    years: "Years",
    year_from: "From",
    year_to: "to",
    amount_range: "Amount (€)",
    amount_min: "minimum",
    amount_max: "maximum",
    reset: "Reset",
    no_filter: "No filter: the whole network is shown.",
    filtered: "Shown: {orgs} and {links} of {total}.",
    shown_total: "Amount of the links shown: {amount}",
    network_of: "Network of {name}",
    depth_1: "direct links",
    depth_2: "up to 2 steps",
    whole_network: "Whole network",
    time: "The network year by year",
    play: "Play",
    pause: "Pause",
    previous_year: "Previous year",
    next_year: "Next year",
    all_years: "All years",
    network_in: "The network in {year}",
    path: "How are two organisations tied?",
    path_from: "From",
    path_to: "To",
    path_none: "No path ties these two organisations with the current filters.",
    path_choose: "Choose two organisations.",
    path_count: "{n} shortest",
    clear: "Clear",
    which: "which",
    verb_partnership: "{a} {has|have} a partnership agreement with {b}",
    verb_subsidy: "{a} subsidise{s|} {b}",
    verb_subsidy_back: "{a} {is|are} subsidised by {b}",
    verb_membership: "{a} {is a member|are members} of {b}",
    verb_membership_back: "{a} count{s|} among {its|their} members {b}",
    verb_cofunding: "{a} co-fund{s|} {b}",
    verb_cofunding_back: "{a} {is|are} co-funded by {b}",
    verb_mandate: "{a} mandate{s|} {b}",
    verb_mandate_back: "{a} {is|are} mandated by {b}",
    verb_data: "{a} share{s|} data with {b}",
    verb_data_back: "{a} receive{s|} data from {b}",
    verb_pact: "{a} signed a pact with {b}",
    verb_other: "{a} {is|are} linked to {b}",
    verb_parent: "{a} run{s|} {b}",
    verb_child: "{a} {is|are} part of {b}",
    articles: "|the |the |the |the ",
    to_articles: "to |to the |to the |to the |to the ",
    of_articles: "of |of the |of the |of the |of the ",
    of_elided: "",
    units_links: "Links of its units",
    via: "via {name}",
    units_included: "units included",
    acts_of_year: "Decided in {year}:",
    more_of_year: "And {count} more acts.",
    tools: "Tools",
    full_screen: "Full screen (F)",
    next_step: "Next: {title}",
    last_step: "Last step.",
    export_group: "Export the picture",
    export_png: "Download the picture as PNG (high definition)",
    export_svg: "Download the picture as SVG",
    image_file: "partnership-map",
    picture_source: "Source: {title} — {n} decisions, each link leads back to the one that decided it. Partnership map, {date}.",
    present: "Present",
    presentation: "Presentation",
    step_counter: "{n} / {total}",
    step_previous: "Previous",
    step_next: "Next",
    exit_presentation: "Exit (Esc)",
    presentation_help: "Arrows, Page Up / Page Down or a clicker to move on.",
    no_story: "This export has no story: the presentation shows the whole network.",
};
