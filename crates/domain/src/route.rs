//! The contract route a municipality takes, decided by its Land (the first two digits of
//! its AGS/ARS).
//!
//! - `09` Bayern: BayKommun AöR and its DigitalMarkt.
//! - `05` Nordrhein-Westfalen: d-NRW AöR as Kommunalvertreter.
//! - every other Land: the EfA-Marktplatz (with the FIT-Store) or the Land's own
//!   Kommunalvertreter.
//!
//! # Why this lives in code and not in the catalog JSON
//!
//! The routes are legal structure: who the contract partner is and which contracts are
//! signed in which order follows from statutes (BayDiG, §8a OZG) and from agreements
//! between the Länder, not from a single service. They change rarely, a change deserves
//! the same review as a code change, and the rest of the domain (readiness conditions,
//! reference numbers) matches on [`RouteKind`] exhaustively. Keeping them as typed
//! constants lets the compiler check those matches and costs no allocation. The catalog
//! refers to routes only by [`RouteKind`] in its conditions. Every step still carries
//! its sources, like catalog entries.

use serde::{Deserialize, Serialize};

use crate::catalog::Channel;
use crate::land::Land;

/// Which contract route applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RouteKind {
    /// Bayern: order in the BayKommun DigitalMarkt.
    #[serde(rename = "baykommun")]
    BayKommun,
    /// Nordrhein-Westfalen: Rahmenvereinbarung and Einzelabruf with d-NRW.
    #[serde(rename = "d-nrw")]
    DNrw,
    /// All other Länder: EfA-Marktplatz / FIT-Store or the Land's Kommunalvertreter.
    #[serde(rename = "marktplatz")]
    Marktplatz,
}

impl RouteKind {
    /// All route kinds.
    pub const ALL: [RouteKind; 3] = [RouteKind::BayKommun, RouteKind::DNrw, RouteKind::Marktplatz];

    /// The route for a Land.
    pub fn for_land(land: Land) -> RouteKind {
        match land {
            Land::Bayern => RouteKind::BayKommun,
            Land::NordrheinWestfalen => RouteKind::DNrw,
            _ => RouteKind::Marktplatz,
        }
    }

    /// The serialised name, e.g. `"d-nrw"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RouteKind::BayKommun => "baykommun",
            RouteKind::DNrw => "d-nrw",
            RouteKind::Marktplatz => "marktplatz",
        }
    }

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            RouteKind::BayKommun => "BayKommun DigitalMarkt",
            RouteKind::DNrw => "d-NRW (Rahmenvereinbarung und Einzelabruf)",
            RouteKind::Marktplatz => "EfA-Marktplatz, FIT-Store oder Kommunalvertreter",
        }
    }
}

/// Whether the route's agency asks for the municipality's Leitweg-ID (its address for
/// e-invoices): the EfA-Marktplatz asks for it when a Kommune registers as customer
/// (peers.md, EfA-Marktplatz registration). Schleswig-Holstein's Kommunen take their
/// services from the OZG-Shop instead, so nothing there asks for it.
pub fn asks_leitweg_id(land: Land) -> bool {
    RouteKind::for_land(land) == RouteKind::Marktplatz && land != Land::SchleswigHolstein
}

impl std::fmt::Display for RouteKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The organisation that receives the connection request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Operator {
    /// Name, e.g. "BayKommun AöR".
    pub name: &'static str,
    /// German one-sentence description of its role.
    pub role: &'static str,
    /// Postal address, only where a source gives one.
    pub address: Option<&'static str>,
    /// Contact e-mail address for municipalities, only where a source gives one.
    pub contact_email: Option<&'static str>,
    /// Sources for name, role, address and contact.
    pub sources: &'static [&'static str],
}

/// How often a contract step is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepFrequency {
    /// Once per municipality.
    Once,
    /// Once per service.
    PerService,
    /// Recurring or permanent (fees, obligations).
    Ongoing,
    /// Not an action but a rule the clerk should know.
    Information,
}

impl StepFrequency {
    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            StepFrequency::Once => "einmalig",
            StepFrequency::PerService => "je Leistung",
            StepFrequency::Ongoing => "laufend",
            StepFrequency::Information => "zur Information",
        }
    }
}

/// One step of the contract route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ContractStep {
    /// kebab-case, unique within the route.
    pub id: &'static str,
    /// German title.
    pub title: &'static str,
    /// Plain-German explanation.
    pub explanation: &'static str,
    pub frequency: StepFrequency,
    /// Ids of catalog prerequisites that track this step in the checklist (may be empty).
    pub prerequisites: &'static [&'static str],
    /// The delivery channels the step belongs to; empty = every channel. A step such as
    /// the DVDV entry concerns only services delivered over OSCI/XTA, so it is shown only
    /// where one of these channels is used ([`LandRoute::steps_for`]).
    pub channels: &'static [Channel],
    /// Source URLs.
    pub sources: &'static [&'static str],
}

impl ContractStep {
    /// Whether the step concerns a municipality whose services use `channels`.
    pub fn applies_to(&self, channels: &[Channel]) -> bool {
        self.channels.is_empty() || self.channels.iter().any(|c| channels.contains(c))
    }
}

/// A Land-specific hint on top of the shared route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RouteNote {
    /// German text.
    pub text: &'static str,
    pub sources: &'static [&'static str],
}

/// The contract route of one Land.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LandRoute {
    pub land: Land,
    pub kind: RouteKind,
    /// German title, e.g. "BayKommun DigitalMarkt".
    pub title: &'static str,
    /// Plain-German summary of the route.
    pub summary: &'static str,
    /// Recipient of the connection request.
    pub operator: Operator,
    /// Contract steps in order.
    pub steps: &'static [ContractStep],
    /// Hints that apply only to this Land.
    pub notes: Vec<RouteNote>,
    /// Sources for the route as a whole.
    pub sources: &'static [&'static str],
}

impl LandRoute {
    /// Prefix of reference numbers for requests from this Land: the ISO 3166-2 letters,
    /// e.g. `"BY"`, `"NW"`.
    pub fn reference_prefix(&self) -> &'static str {
        self.land.iso_code()
    }

    /// The step with `id`.
    pub fn step(&self, id: &str) -> Option<&ContractStep> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The steps that concern a municipality whose selected services use `channels` (the
    /// channels readiness works with, see
    /// [`crate::readiness::Readiness::channels_in_use`]), in order. Steps tied to a channel
    /// none of the services uses are left out.
    pub fn steps_for(&self, channels: &[Channel]) -> Vec<&'static ContractStep> {
        self.steps
            .iter()
            .filter(|s| s.applies_to(channels))
            .collect()
    }
}

/// The contract route for a municipality in `land`.
pub fn route_for(land: Land) -> LandRoute {
    let kind = RouteKind::for_land(land);
    let (title, summary, operator, steps, sources) = match kind {
        RouteKind::BayKommun => (
            "BayKommun DigitalMarkt",
            BAYKOMMUN_SUMMARY,
            BAYKOMMUN,
            BAYKOMMUN_STEPS,
            BAYKOMMUN_SOURCES,
        ),
        RouteKind::DNrw => (
            "d-NRW Kommunalvertreter",
            DNRW_SUMMARY,
            DNRW,
            DNRW_STEPS,
            DNRW_SOURCES,
        ),
        // Schleswig-Holstein takes the Marktplatz route, but its Kommunen obtain the
        // services from the OZG-Shop of the ITV.SH instead of agreeing on each service.
        RouteKind::Marktplatz if land == Land::SchleswigHolstein => (
            "EfA-Marktplatz / FIT-Store oder Kommunalvertreter",
            MARKTPLATZ_SUMMARY,
            MARKTPLATZ,
            SH_STEPS,
            MARKTPLATZ_SOURCES,
        ),
        RouteKind::Marktplatz => (
            "EfA-Marktplatz / FIT-Store oder Kommunalvertreter",
            MARKTPLATZ_SUMMARY,
            MARKTPLATZ,
            MARKTPLATZ_STEPS,
            MARKTPLATZ_SOURCES,
        ),
    };
    LandRoute {
        land,
        kind,
        title,
        summary,
        operator,
        steps,
        notes: land_notes(land),
        sources,
    }
}

/// The route for the municipality with this AGS or ARS (decided by its first two
/// digits), or `None` if they are no Land code.
pub fn route_for_key(ags_or_ars: &str) -> Option<LandRoute> {
    Land::from_key_prefix(ags_or_ars).map(route_for)
}

/// The reference-number prefix for requests from `land` (`"BY"`, `"NW"`, …).
pub fn reference_prefix(land: Land) -> &'static str {
    land.iso_code()
}

// ---------------------------------------------------------------------------------------
// Sources. Kept as constants so that each URL is written exactly once, as in the research.

const SRC_BAYKOMMUN_FAQ_DIGITALMARKT: &str =
    "https://www.baykommun.bayern/kommunalwiki/faqs.html?category=45";
const SRC_BAYKOMMUN_FAQ_PACKAGES: &str =
    "https://www.baykommun.bayern/kommunalwiki/faqs.html?category=27";
const SRC_BAYKOMMUN_NEWSLETTER: &str = "https://362918.seu2.cleverreach.com/m/15907024";
const SRC_DIGITALMARKT_TERMS: &str = "https://digitalmarkt.baykommun.bayern/nutzungsbedingungen";
const SRC_BAYDIV_7B: &str = "https://gesetze.legal/bayern/baydiv/7b";
const SRC_BAYDIG_55A: &str = "https://gesetze.legal/bayern/baydig/55a";
const SRC_HESSEN_DATENSCHUTZ_OZG: &str =
    "https://datenschutz.hessen.de/datenschutz/verwaltungsmodernisierung/onlinezugangsgesetz";
const SRC_BAYKOMMUN_BAYDIG_53: &str = "https://justiz-nrw.wolterskluwer-online.de/browse/document/2b8944fe-c6c3-3758-9c55-efc9bba9fb87";

const SRC_DNRW_NACHNUTZUNG: &str = "https://www.d-nrw.de/kommunalvertreter/nachnutzung";
const SRC_DNRW_KOSTEN_1: &str = "http://d-nrw.de/kommunalvertreter/fragen-zu-kosten-1";
const SRC_DNRW_KOSTEN_1_1: &str = "http://d-nrw.de/kommunalvertreter/fragen-zu-kosten-1-1";
const SRC_DNRW_KOSTEN_1_1_1: &str = "http://d-nrw.de/kommunalvertreter/fragen-zu-kosten-1-1-1";
const SRC_DNRW_FAQ_LAENDER: &str = "https://www.d-nrw.de/faqs-laender";
const SRC_DNRW_ZERTIFIKATE: &str =
    "https://www.d-nrw.de/faqs-kommunen/fragen-zur-zertifikatsbeschaffung";
const SRC_DNRW_TRAEGER: &str =
    "https://www.nottuln.de/sessionnet/sessionnetbi/vo0050.php?__kvonr=2006032757";
const SRC_KDN_OZG_DB: &str = "https://github.com/kdn-nrw/OZG-Datenbank-NRW";

const SRC_MARKTPLATZ_FAQ: &str = "https://marktplatz.govdigital.de/faq-efa-marktplatz/";
const SRC_MARKTPLATZ_HILFE: &str = "https://www.marktplatz.govdigital.de/hilfe/";
const SRC_MARKTPLATZ_LIVE: &str = "https://www.kommune21.de/k21-meldungen/efa-marktplatz-geht-live";
const SRC_VDZ_MARKTPLATZ: &str = "https://vdz.org/it-landschaft-markt-kooperationen/wenn-efa-wirken-soll-muessen-wir-es-den-kommunen-so-einfach-wie";
const SRC_FITSTORE_EGOV: &str = "https://www.egovernment.de/was-ist-der-fit-store-a-1069765/";
const SRC_FITSTORE_AWV: &str = "https://www.awv-net.de/aktuelles/meldungen/der-fit-store-onlinedienste-nachnutzbar-machen.html";
const SRC_DATAPORT_RECHT: &str =
    "https://docs.osi.dataport.de/public/pubthemendoku/rechtliche-informationen-385155627.html";
const SRC_SH_OZG_SHOP: &str =
    "https://dataport.de/fachinterview/ozg-dienste-fuer-kommunen-aus-dem-online-shop";
const SRC_SH_EFA_FIRST: &str = "https://www.schleswig-holstein.de/DE/landesregierung/themen/digitalisierung/digitalisierung-zukunftsthema/Digitale-Verwaltung/efa-einerfueralle";

// ---------------------------------------------------------------------------------------
// Bayern

const BAYKOMMUN_SUMMARY: &str = "In Bayern werden alle EfA-Leistungen im DigitalMarkt der BayKommun bestellt. \
Grundlage ist ein Sub-Sub-Nachnutzungsvertrag mit der BayKommun; bezahlt wird über die \
einwohnerbezogene Digitalumlage.";

const BAYKOMMUN: Operator = Operator {
    name: "BayKommun AöR",
    role: "Bayerischer Intermediär nach Art. 53 BayDiG; betreibt den DigitalMarkt für den \
rechtssicheren Transport von EfA-Leistungen anderer Länder zu den bayerischen Kommunen.",
    address: Some("Lilienthalallee 25, 80939 München"),
    contact_email: None,
    sources: &[SRC_DIGITALMARKT_TERMS, SRC_BAYKOMMUN_BAYDIG_53],
};

const BAYKOMMUN_STEPS: &[ContractStep] = &[
    ContractStep {
        id: "elster-unternehmenskonto",
        title: "ELSTER-Unternehmenskonto einrichten",
        explanation: "Für die Registrierung im DigitalMarkt braucht die Kommune „Mein \
Unternehmenskonto“ (MUK) bei ELSTER mit Organisationszertifikat. Die E-Mail-Adresse des \
Zertifikats muss zur E-Mail-Adresse der registrierenden Person oder zu einem \
Funktionspostfach passen. Das Unternehmenskonto ist auch die Grundlage für den digitalen \
Vertrag.",
        frequency: StepFrequency::Once,
        prerequisites: &["elster-unternehmenskonto"],
        channels: &[],
        sources: &[SRC_BAYKOMMUN_FAQ_DIGITALMARKT, SRC_BAYKOMMUN_NEWSLETTER],
    },
    ContractStep {
        id: "digitalmarkt-registrierung",
        title: "Im DigitalMarkt registrieren und freischalten lassen",
        explanation: "Die Registrierung fragt persönliche Daten der vertretungsberechtigten \
Person und Angaben zur Kommune ab; falls vorhanden, werden auch die Daten des kommunalen \
Digitalisierungsbeauftragten hinterlegt. Die BayKommun prüft und schaltet das Konto frei und \
schickt eine Bestätigung per E-Mail. Nutzen können den DigitalMarkt nur bayerische Kommunen \
und kommunale Unternehmen.",
        frequency: StepFrequency::Once,
        prerequisites: &["baykommun-registrierung"],
        channels: &[],
        sources: &[SRC_BAYKOMMUN_FAQ_DIGITALMARKT, SRC_DIGITALMARKT_TERMS],
    },
    ContractStep {
        id: "bestellung",
        title: "Leistung im DigitalMarkt bestellen",
        explanation: "Jede EfA-Leistung wird einzeln im DigitalMarkt bestellt. Die BayKommun \
prüft die Bestellung und schickt danach Bestätigung und Verträge. Der DigitalMarkt nennt die \
Schnittstellen zu den Fachverfahren; den Fachverfahrenshersteller beauftragt die Kommune \
selbst.",
        frequency: StepFrequency::PerService,
        prerequisites: &["baykommun-bestellung"],
        channels: &[],
        sources: &[SRC_BAYKOMMUN_FAQ_DIGITALMARKT],
    },
    ContractStep {
        id: "sub-sub-nachnutzungsvertrag",
        title: "Sub-Sub-Nachnutzungsvertrag mit der BayKommun",
        explanation: "Vertragsgrundlage für alle EfA-Leistungen ist ein inhousefähiger \
Sub-Sub-Nachnutzungsvertrag mit der BayKommun. Er wird digital auf Grundlage des \
Unternehmenskontos geschlossen.",
        frequency: StepFrequency::PerService,
        prerequisites: &["baykommun-vertrag"],
        channels: &[],
        sources: &[SRC_BAYKOMMUN_NEWSLETTER, SRC_BAYKOMMUN_FAQ_DIGITALMARKT],
    },
    ContractStep {
        id: "digitalumlage",
        title: "Digitalumlage",
        explanation: "Die Kommunen tragen ihren Anteil über die Digitalumlage. Der Anteil \
jeder Kommune richtet sich nach ihrer Einwohnerzahl und wird jährlich berechnet. Die ersten \
Bescheide wurden für Ende 2024 erwartet. Die Umlage ist auch zu zahlen, wenn eine Kommune \
die BayernPackages nicht nutzt.",
        frequency: StepFrequency::Ongoing,
        prerequisites: &["digitalumlage"],
        channels: &[],
        sources: &[
            SRC_BAYKOMMUN_NEWSLETTER,
            SRC_BAYDIV_7B,
            SRC_BAYDIG_55A,
            SRC_BAYKOMMUN_FAQ_PACKAGES,
        ],
    },
    ContractStep {
        id: "bayernportal",
        title: "Im BayernPortal verlinken",
        explanation: "Onlinedienste müssen mindestens im BayernPortal verlinkt sein. \
EfA-Leistungen erscheinen dort als regionale Ergänzungen.",
        frequency: StepFrequency::PerService,
        prerequisites: &["bayernportal-verlinkung"],
        channels: &[],
        sources: &[SRC_BAYKOMMUN_FAQ_PACKAGES, SRC_BAYKOMMUN_FAQ_DIGITALMARKT],
    },
    ContractStep {
        id: "kein-avv",
        title: "Kein Auftragsverarbeitungsvertrag mit der BayKommun",
        explanation: "Seit Juli 2024 liegt die datenschutzrechtliche Verantwortung für den \
Onlinedienst nach § 8a Abs. 4 OZG bei der Behörde, die ihn betreibt. Die BayKommun gibt an, \
dass deshalb kein AVV mit der BayKommun mehr nötig ist.",
        frequency: StepFrequency::Information,
        prerequisites: &[],
        channels: &[],
        sources: &[SRC_BAYKOMMUN_FAQ_DIGITALMARKT, SRC_HESSEN_DATENSCHUTZ_OZG],
    },
];

const BAYKOMMUN_SOURCES: &[&str] = &[
    SRC_BAYKOMMUN_FAQ_DIGITALMARKT,
    SRC_BAYKOMMUN_NEWSLETTER,
    SRC_DIGITALMARKT_TERMS,
];

// ---------------------------------------------------------------------------------------
// Nordrhein-Westfalen

const DNRW_SUMMARY: &str = "In Nordrhein-Westfalen ist die d-NRW AöR Kommunalvertreter. Die \
Kommune schließt einmal eine Rahmenvereinbarung mit d-NRW und ruft danach jede Leistung mit \
einem Einzelabruf ab.";

const DNRW: Operator = Operator {
    name: "d-NRW AöR",
    role: "Anstalt öffentlichen Rechts des Landes und der beigetretenen Kommunen; \
Kommunalvertreter für die Kommunen in Nordrhein-Westfalen.",
    address: None,
    contact_email: Some("kommunalvertreter@digitales.nrw.de"),
    sources: &[SRC_DNRW_NACHNUTZUNG, SRC_DNRW_TRAEGER, SRC_DNRW_KOSTEN_1],
};

const DNRW_STEPS: &[ContractStep] = &[
    ContractStep {
        id: "rahmenvereinbarung",
        title: "Rahmenvereinbarung mit d-NRW (einmalig)",
        explanation: "Die Rahmenvereinbarung wird einmal geschlossen. Sie steht Trägern und \
Nicht-Trägern von d-NRW offen. Unterschreiben kann die Bürgermeisterin oder der \
Bürgermeister oder eine Abteilungsleitung; ein Ratsbeschluss ist nicht nötig. Die Vorlage \
gibt es auf den Kommunalvertreter-Seiten von d-NRW.",
        frequency: StepFrequency::Once,
        prerequisites: &["dnrw-rahmenvereinbarung", "unterschriftsberechtigung"],
        channels: &[],
        sources: &[SRC_DNRW_KOSTEN_1, SRC_DNRW_NACHNUTZUNG],
    },
    ContractStep {
        id: "einzelabruf",
        title: "Einzelabruf je Leistung",
        explanation: "Für jede Leistung ruft die Kommune, die sie nutzt und die Daten \
verarbeitet, die Leistung mit einem Einzelabruf ab. Damit ist die Nutzung als \
Inhouse-Verhältnis vergabe- und datenschutzrechtlich abgesichert. Hat die Kommune die \
Rahmenvereinbarung gezeichnet, kann auch eine AöR wie ein Stadtbetrieb auf dieser Grundlage \
abrufen, wenn sie eine 100-prozentige Tochter der Kommune ist und die Aufgabenübertragung im \
Innenverhältnis mit der Kommune geklärt ist. Laut d-NRW kann der IT-Dienstleister für diesen \
Vertragsschritt nicht beauftragt werden.",
        frequency: StepFrequency::PerService,
        prerequisites: &["dnrw-einzelabruf"],
        channels: &[],
        sources: &[
            SRC_DNRW_KOSTEN_1,
            SRC_DNRW_KOSTEN_1_1_1,
            SRC_DNRW_NACHNUTZUNG,
        ],
    },
    ContractStep {
        id: "vsm-eintrag",
        title: "Eintrag in der Verwaltungssuchmaschine (VSM)",
        explanation: "Die Leistung wird in der VSM mit Leika-ID, zuständiger Stelle und URL \
eingetragen.",
        frequency: StepFrequency::PerService,
        prerequisites: &["vsm-eintrag"],
        channels: &[],
        sources: &[SRC_DNRW_KOSTEN_1_1],
    },
    ContractStep {
        id: "dvdv-zertifikat",
        title: "DVDV-Eintrag und Zertifikat",
        explanation: "XÖV-Nachrichten laufen über einen OSCI-Intermediär. Dafür braucht die \
Behörde einen DVDV-Eintrag und ein Zertifikat.",
        frequency: StepFrequency::PerService,
        prerequisites: &["dvdv-eintrag", "zertifikat-osci"],
        channels: &[Channel::OsciXta],
        sources: &[SRC_DNRW_KOSTEN_1_1, SRC_DNRW_ZERTIFIKATE],
    },
    ContractStep {
        id: "dataclearing-nrw",
        title: "Zustellung an DataClearing NRW",
        explanation: "Die Anträge werden an DataClearing NRW zugestellt; dort holt das \
Fachverfahren sie ab. DataClearing NRW wird von KRZN und citeq betrieben.",
        frequency: StepFrequency::PerService,
        prerequisites: &["dataclearing-nrw"],
        channels: &[Channel::OsciXta],
        sources: &[SRC_DNRW_KOSTEN_1_1, SRC_KDN_OZG_DB],
    },
];

const DNRW_SOURCES: &[&str] = &[
    SRC_DNRW_NACHNUTZUNG,
    SRC_DNRW_KOSTEN_1,
    SRC_DNRW_KOSTEN_1_1,
    SRC_DNRW_FAQ_LAENDER,
];

// ---------------------------------------------------------------------------------------
// All other Länder

const MARKTPLATZ_SUMMARY: &str = "In den übrigen Ländern läuft die Nachnutzung über den \
EfA-Marktplatz (mit dem FIT-Store der FITKO) oder über den Kommunalvertreter des Landes. \
Die Nutzung des EfA-Marktplatzes ist seit dem 1. April 2024 durch Beschluss des \
IT-Planungsrats verpflichtend.";

const MARKTPLATZ: Operator = Operator {
    name: "EfA-Marktplatz (govdigital und FITKO)",
    role: "Produkt des IT-Planungsrats, gebaut von govdigital im Auftrag Hamburgs; Anbieter \
sind govdigital und seit Dezember 2022 die FITKO. Alternativ nimmt der Kommunalvertreter des \
Landes den Antrag entgegen.",
    address: None,
    contact_email: None,
    sources: &[SRC_MARKTPLATZ_LIVE, SRC_MARKTPLATZ_FAQ],
};

const MARKTPLATZ_STEPS: &[ContractStep] = &[
    ContractStep {
        id: "marktplatz-registrierung",
        title: "Auf dem EfA-Marktplatz registrieren und akkreditieren",
        explanation: "Kommunen, IT-Dienstleister und Länder registrieren sich und werden \
akkreditiert. Voraussetzung ist ein Inhouse-Verhältnis zur FITKO oder zu govdigital. Es gibt \
unter anderem die Rollen Kunde und Bereitsteller.",
        frequency: StepFrequency::Once,
        prerequisites: &["marktplatz-zugang"],
        channels: &[],
        sources: &[SRC_MARKTPLATZ_FAQ, SRC_MARKTPLATZ_HILFE],
    },
    ContractStep {
        id: "interessenbekundung",
        title: "Interessenbekundung abgeben",
        explanation: "Für eine Leistung bekundet die Kommune ihr Interesse. Im FIT-Store \
geschieht das mit einem Interessenbekundungsschreiben.",
        frequency: StepFrequency::PerService,
        prerequisites: &["marktplatz-nachnutzungsvertrag"],
        channels: &[],
        sources: &[SRC_VDZ_MARKTPLATZ, SRC_FITSTORE_EGOV],
    },
    ContractStep {
        id: "nachnutzungsvertrag",
        title: "Nachnutzungsvertrag abschließen",
        explanation: "Im FIT-Store ist immer die FITKO Vertragspartnerin; die Nachnutzung \
ist entgeltlich. Zu einer Marktplatz-Leistung gehören zum Beispiel Nachnutzungsvertrag, \
Abstimmungsschreiben, Leistungsbeschreibung, AGB und ein AVV oder eine Vereinbarung nach \
Art. 26 DSGVO.",
        frequency: StepFrequency::PerService,
        prerequisites: &["marktplatz-nachnutzungsvertrag", "avv-oder-art-26"],
        channels: &[],
        sources: &[SRC_FITSTORE_AWV, SRC_DATAPORT_RECHT],
    },
    ContractStep {
        id: "kommunalvertreter",
        title: "Alternativ: über den Kommunalvertreter des Landes",
        explanation: "Ein Kommunalvertreter schließt als vergaberechtlicher Intermediär für \
die Kommunen seines Landes ab und gibt die Nutzungsrechte inhouse weiter. Die Kommune \
schließt dann eine Rahmenvereinbarung mit ihm und ruft jede Leistung einzeln ab.",
        frequency: StepFrequency::Information,
        prerequisites: &[],
        channels: &[],
        sources: &[SRC_DNRW_NACHNUTZUNG, SRC_DNRW_FAQ_LAENDER],
    },
];

/// Schleswig-Holstein: the Land has contracts for about 50 services and the ITV.SH offers
/// them to the Kommunen in its OZG-Shop, so a Kommune neither registers on the Marktplatz
/// nor signs a Nachnutzungsvertrag per service.
const SH_STEPS: &[ContractStep] = &[
    ContractStep {
        id: "ozg-shop",
        title: "Onlinedienst im OZG-Shop der ITV.SH beziehen",
        explanation: "Kommunen in Schleswig-Holstein beziehen Onlinedienste aus dem OZG-Shop, \
den die ITV.SH betreibt und befüllt, ohne einzelne Nachnutzungsvereinbarungen. Das Land hat \
dafür Verträge für rund 50 Onlinedienste mit anderen Ländern geschlossen.",
        frequency: StepFrequency::PerService,
        prerequisites: &["ozg-shop-sh"],
        channels: &[],
        sources: &[SRC_SH_OZG_SHOP, SRC_SH_EFA_FIRST],
    },
    ContractStep {
        id: "kommunalvertreter",
        title: "Kommunalvertreter des Landes",
        explanation: "Ein Kommunalvertreter schließt als vergaberechtlicher Intermediär für \
die Kommunen seines Landes ab und gibt die Nutzungsrechte inhouse weiter. Für \
Schleswig-Holstein ist das Dataport.",
        frequency: StepFrequency::Information,
        prerequisites: &[],
        channels: &[],
        sources: &[SRC_DNRW_NACHNUTZUNG, SRC_DNRW_FAQ_LAENDER],
    },
];

const MARKTPLATZ_SOURCES: &[&str] = &[
    SRC_MARKTPLATZ_FAQ,
    SRC_MARKTPLATZ_HILFE,
    SRC_VDZ_MARKTPLATZ,
    SRC_FITSTORE_EGOV,
    SRC_FITSTORE_AWV,
];

/// Hints for single Länder of the Marktplatz route, where the sources name their own
/// channel or Kommunalvertreter.
fn land_notes(land: Land) -> Vec<RouteNote> {
    match land {
        Land::SchleswigHolstein => vec![
            RouteNote {
                text: "Kommunen in Schleswig-Holstein beziehen Onlinedienste aus dem \
OZG-Shop der ITV.SH, ohne einzelne Nachnutzungsvereinbarungen.",
                sources: &[SRC_SH_OZG_SHOP],
            },
            RouteNote {
                text: "Schleswig-Holstein verfolgt eine „EfA-First“-Strategie und hat \
Verträge für rund 50 Onlinedienste.",
                sources: &[SRC_SH_EFA_FIRST],
            },
            RouteNote {
                text: "Dataport ist Kommunalvertreter für Schleswig-Holstein und Hamburg.",
                sources: &[SRC_DNRW_NACHNUTZUNG, SRC_DNRW_FAQ_LAENDER],
            },
        ],
        Land::Hamburg => vec![RouteNote {
            text: "Dataport ist Kommunalvertreter für Schleswig-Holstein und Hamburg.",
            sources: &[SRC_DNRW_NACHNUTZUNG, SRC_DNRW_FAQ_LAENDER],
        }],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_decides_route() {
        let cases = [
            ("09663000", RouteKind::BayKommun),
            ("053150000000", RouteKind::DNrw),
            ("01001000", RouteKind::Marktplatz),
            ("16051000", RouteKind::Marktplatz),
        ];
        for (key, kind) in cases {
            assert_eq!(route_for_key(key).map(|r| r.kind), Some(kind), "{key}");
        }
        assert!(route_for_key("17000000").is_none());
        assert!(route_for_key("").is_none());
    }

    #[test]
    fn step_ids_are_unique_per_route() {
        for kind_land in [Land::Bayern, Land::NordrheinWestfalen, Land::Hessen] {
            let route = route_for(kind_land);
            let mut ids: Vec<&str> = route.steps.iter().map(|s| s.id).collect();
            ids.sort_unstable();
            let before = ids.len();
            ids.dedup();
            assert_eq!(before, ids.len(), "{kind_land}");
        }
    }
}
