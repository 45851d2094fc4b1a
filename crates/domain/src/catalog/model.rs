//! The catalog's data types, exactly as they appear in `efa-catalog.json`.
//!
//! Every fact that a source may or may not give is an `Option` that must be *present* in
//! the JSON: `null` means "no source says", never "does not apply". There is deliberately
//! no serde default on these fields, so an operator who adds a service has to state each
//! unknown explicitly instead of forgetting a field.

use serde::{Deserialize, Deserializer, Serialize};

use crate::land::Land;
use crate::route::RouteKind;

/// German word the user interface shows for a fact no source gives.
pub const UNKNOWN_LABEL: &str = "unbekannt";

/// `value`, or [`UNKNOWN_LABEL`] when it is unknown. For UIs that print a fact as text.
pub fn or_unknown(value: Option<&str>) -> &str {
    value.unwrap_or(UNKNOWN_LABEL)
}

/// Deserialises an `Option` that must be present (as a value or `null`).
///
/// Serde treats a missing `Option` field as `None` by default. A field with
/// `deserialize_with` loses that behaviour, so this pass-through turns a forgotten field
/// into a "missing field" error while still accepting an explicit `null`.
fn required<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

/// The whole catalog file, before validation.
///
/// Use [`crate::catalog::Catalog::from_json`] to read a file: it checks references,
/// duplicates and cycles. This type is public so that tools can build or edit a catalog
/// programmatically and then validate it with [`crate::catalog::Catalog::from_data`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogData {
    /// Version of the file format; must equal [`crate::catalog::CATALOG_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The operator's version label of the content, e.g. `"2026.1"`. Free text, not empty.
    pub catalog_version: String,
    /// Prerequisite ids every service needs (each still filtered by its `applies_if`).
    /// Saves repeating the contract and directory steps in every service entry.
    pub common_prerequisites: Vec<String>,
    pub services: Vec<Service>,
    pub prerequisites: Vec<Prerequisite>,
}

/// One EfA online service (or Antragsstrecke) a municipality can connect to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable kebab-case slug, e.g. `ewa`. Used in requests and status maps.
    pub id: String,
    /// German name as the sources write it.
    pub name: String,
    /// Short plain-German description, only with facts from the sources.
    pub description: String,
    /// Whether this is a connectable EfA offer or something else (pilot, project, …).
    pub offer_type: OfferType,
    /// OZG-Leistung / Leistungsbündel.
    #[serde(deserialize_with = "required")]
    pub ozg_leistung: Option<String>,
    /// Numeric OZG-ID, kept as text as written in the source (e.g. `"10169"`).
    #[serde(deserialize_with = "required")]
    pub ozg_id: Option<String>,
    /// OZG-Themenfeld, only where a source names it (not where it was inferred).
    #[serde(deserialize_with = "required")]
    pub themenfeld: Option<String>,
    /// Who leads and who builds the service.
    pub provider: Provider,
    /// Platform or vendor that runs it (e.g. "Dataport OSI", "FIT-Store").
    #[serde(deserialize_with = "required")]
    pub platform: Option<String>,
    /// Leika keys, only where a source lists them, each exactly as written there.
    /// `null` = no source gives keys; a list may be incomplete (see `notes`).
    #[serde(deserialize_with = "required")]
    pub leika: Option<Vec<LeikaKey>>,
    /// Administrative levels a source names as responsible.
    #[serde(deserialize_with = "required")]
    pub responsible_levels: Option<Vec<MunicipalityKind>>,
    /// The responsible office in German, e.g. "Standesamt", "Untere Bauaufsichtsbehörde".
    #[serde(deserialize_with = "required")]
    pub responsible_authority: Option<String>,
    /// Delivery channels a source names. `null` = unknown. A list names what the sources
    /// show, which is not a promise that no other channel exists.
    #[serde(deserialize_with = "required")]
    pub channels: Option<Vec<ChannelOption>>,
    /// Basis components (user account, payment, …) a source names. `null` = unknown;
    /// a list does not claim to be complete.
    #[serde(deserialize_with = "required")]
    pub basis_components: Option<Vec<BasisComponent>>,
    /// Data exchange standard, e.g. "XBau", "XFamilie".
    #[serde(deserialize_with = "required")]
    pub data_standard: Option<String>,
    /// The service's own onboarding form and who receives it, where a source names one
    /// (Dataport's Anbindungsfragebogen, the Einbürgerung Nachnutzungsanfrage).
    #[serde(deserialize_with = "required")]
    pub questionnaire: Option<Questionnaire>,
    /// What the sources show about availability in Bayern and NRW.
    pub availability: Availability,
    /// Service-specific prerequisite ids, in addition to the catalog's common ones.
    pub prerequisites: Vec<String>,
    /// German notes for the clerk (caveats, pilots, what is not established).
    pub notes: Vec<String>,
    /// Source URLs, exactly as given in the research. At least one.
    pub sources: Vec<String>,
}

/// A service's own onboarding form, as a source names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Its name in German, e.g. "Anbindungsfragebogen".
    pub form: String,
    /// Who receives it, in German, e.g. "Dataport (Plattform OSI)".
    pub recipient: String,
    /// The source that names form and recipient; also among the service's sources.
    pub source: String,
}

/// Lead and implementing Land of a service. Länder are written as their two-digit key in
/// JSON (`"04"` for Bremen, see [`Land`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Land leading the service's Themenfeld (federführend), where a source names it.
    #[serde(deserialize_with = "required")]
    pub federfuehrendes_land: Option<Land>,
    /// Land that builds and operates the service (umsetzendes Land), where a source names
    /// it. `null` also for services of the Bund.
    #[serde(deserialize_with = "required")]
    pub umsetzendes_land: Option<Land>,
    /// The source's statement in German, e.g. "Bund (BMDV / KBA)", for cases the two
    /// typed fields cannot express.
    #[serde(deserialize_with = "required")]
    pub text: Option<String>,
}

/// What kind of offer a catalog entry is. An [`OfferType::EfaService`] can be connected
/// from every Land, an [`OfferType::LandService`] only where a source shows it offered
/// ([`Service::is_connectable_in`]); the others are listed so the clerk finds them with an
/// honest label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OfferType {
    /// An EfA online service municipalities can connect to.
    EfaService,
    /// A pilot, not a general EfA offer.
    Pilot,
    /// An EfA implementation project whose current state no source gives.
    Project,
    /// A service of the Bund rather than a classic municipal EfA connection.
    FederalService,
    /// An online service of one Land whose offer as an EfA service to other Länder no
    /// source shows; connectable where the catalog's availability says it is offered.
    LandService,
}

impl OfferType {
    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            OfferType::EfaService => "EfA-Onlinedienst",
            OfferType::Pilot => "Pilotvorhaben, kein allgemeines EfA-Angebot",
            OfferType::Project => "EfA-Umsetzungsprojekt, aktueller Stand unbekannt",
            OfferType::FederalService => "Dienst des Bundes",
            OfferType::LandService => {
                "Onlinedienst eines Landes; als EfA-Angebot für andere Länder nicht belegt"
            }
        }
    }

    /// Whether a municipality of any Land can order or call off this entry. Only EfA
    /// services: for a pilot or project no offer is established, a service of the Bund is
    /// not connected through the EfA contract routes, and a Land's own service is offered
    /// only where a source shows it ([`Service::is_connectable_in`]).
    pub fn is_connectable(self) -> bool {
        matches!(self, OfferType::EfaService)
    }
}

/// A Leika key with the Verrichtung it stands for, as the source names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeikaKey {
    /// 14 digits, exactly as in the source.
    pub key: String,
    /// German label from the source, e.g. "Erteilung".
    #[serde(deserialize_with = "required")]
    pub label: Option<String>,
}

/// Kind of municipality or administrative level.
///
/// Coarse on purpose: conditions and responsibilities in the sources only distinguish
/// these four. [`MunicipalityKind::from_destatis`] maps the Destatis kinds onto them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MunicipalityKind {
    /// Kreisangehörige Gemeinde (also Stadt, Markt, Große Kreisstadt).
    Gemeinde,
    /// Gemeindeverband (Amt, Verwaltungsgemeinschaft, Samtgemeinde, Verbandsgemeinde, …).
    Gemeindeverband,
    /// Landkreis or Kreis.
    Landkreis,
    /// Kreisfreie Stadt or Stadtkreis.
    KreisfreieStadt,
}

impl MunicipalityKind {
    /// All kinds, in declaration order.
    pub const ALL: [MunicipalityKind; 4] = [
        MunicipalityKind::Gemeinde,
        MunicipalityKind::Gemeindeverband,
        MunicipalityKind::Landkreis,
        MunicipalityKind::KreisfreieStadt,
    ];

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            MunicipalityKind::Gemeinde => "Gemeinde",
            MunicipalityKind::Gemeindeverband => "Gemeindeverband",
            MunicipalityKind::Landkreis => "Landkreis",
            MunicipalityKind::KreisfreieStadt => "Kreisfreie Stadt",
        }
    }

    /// The kind for a Destatis GV100AD kind as written out in the Gemeindeverzeichnis
    /// (`kind` column), or `None` for Land, Regierungsbezirk, gemeindefreie Gebiete and
    /// anything unexpected.
    pub fn from_destatis(kind: &str) -> Option<MunicipalityKind> {
        match kind {
            "Gemeinde" | "Stadt" | "Markt" | "Große Kreisstadt" | "verbandsfreie Gemeinde" => {
                Some(MunicipalityKind::Gemeinde)
            }
            "Amt"
            | "Samtgemeinde"
            | "Verbandsgemeinde"
            | "Verwaltungsgemeinschaft"
            | "Verwaltungsgemeinschaft (Trägermodell)"
            | "Kirchspielslandgemeinde"
            | "Verwaltungsverband"
            | "erfüllende Gemeinde" => Some(MunicipalityKind::Gemeindeverband),
            "Landkreis" | "Kreis" => Some(MunicipalityKind::Landkreis),
            "kreisfreie Stadt" | "Stadtkreis" => Some(MunicipalityKind::KreisfreieStadt),
            _ => None,
        }
    }
}

/// How submitted applications reach the municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// FIT-Connect, addressed by a destination ID.
    FitConnect,
    /// OSCI/XTA message transport, addressed by a DVDV Organisationsschlüssel.
    OsciXta,
    /// PDF download from a mailbox link (e.g. Dataport dDatabox).
    PdfDownload,
    /// Plain e-mail.
    Email,
}

impl Channel {
    /// All channels, in declaration order.
    pub const ALL: [Channel; 4] = [
        Channel::FitConnect,
        Channel::OsciXta,
        Channel::PdfDownload,
        Channel::Email,
    ];

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            Channel::FitConnect => "FIT-Connect",
            Channel::OsciXta => "OSCI/XTA mit DVDV-Eintrag",
            Channel::PdfDownload => "PDF-Download (z. B. dDatabox)",
            // EFAST lists e-mail as unencrypted and not recommended.
            Channel::Email => "E-Mail (unverschlüsselt, nicht empfohlen)",
        }
    }

    /// The serialised name (`"fit-connect"`), for messages and keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::FitConnect => "fit-connect",
            Channel::OsciXta => "osci-xta",
            Channel::PdfDownload => "pdf-download",
            Channel::Email => "email",
        }
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A delivery channel a service is known to support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelOption {
    pub channel: Channel,
    /// DVDV Organisationskategorien (e.g. `wgb`, `bab`, `feb`), only for OSCI/XTA.
    /// `null` = unknown or not applicable.
    #[serde(deserialize_with = "required")]
    pub dvdv_categories: Option<Vec<String>>,
    /// German note, e.g. "in NRW über DataClearing NRW".
    #[serde(deserialize_with = "required")]
    pub note: Option<String>,
}

/// A basis component (Basisdienst) a service uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BasisComponent {
    /// BundID, the national user account of the BMI (older sources: "Nutzerkonto Bund").
    #[serde(rename = "bundid")]
    BundId,
    /// BayernID, the Bavarian user account operated by AKDB.
    #[serde(rename = "bayernid")]
    BayernId,
    /// Servicekonto.NRW (switched off in July 2024).
    ServicekontoNrw,
    /// A Land's user account (Landesnutzerkonto / Servicekonto) not named further.
    Landesnutzerkonto,
    /// ELSTER Unternehmenskonto as login for businesses.
    ElsterUnternehmenskonto,
    /// Online-Ausweisfunktion (eID).
    OnlineAusweis,
    /// ePayBL payment platform.
    #[serde(rename = "epaybl")]
    EPayBl,
    /// Online payment not named further (e.g. "Zahlungsverkehrsplattform", "e-payment").
    #[serde(rename = "epayment")]
    EPayment,
    /// Portalverbund (linking of portals).
    Portalverbund,
}

impl BasisComponent {
    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            BasisComponent::BundId => "BundID",
            BasisComponent::BayernId => "BayernID",
            BasisComponent::ServicekontoNrw => "Servicekonto.NRW",
            BasisComponent::Landesnutzerkonto => "Nutzerkonto des Landes (Servicekonto)",
            BasisComponent::ElsterUnternehmenskonto => "ELSTER-Unternehmenskonto",
            BasisComponent::OnlineAusweis => "Online-Ausweisfunktion (eID)",
            BasisComponent::EPayBl => "ePayBL",
            BasisComponent::EPayment => "Online-Bezahlung",
            BasisComponent::Portalverbund => "Portalverbund",
        }
    }
}

/// What the sources show about availability in the two Länder the product focuses on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// `null` = no evidence either way (not "not offered").
    #[serde(deserialize_with = "required")]
    pub bayern: Option<AvailabilityEvidence>,
    /// `null` = no evidence either way (not "not offered").
    #[serde(deserialize_with = "required")]
    pub nrw: Option<AvailabilityEvidence>,
}

impl Availability {
    /// The evidence for `land`; `None` for Länder the catalog does not track.
    pub fn for_land(&self, land: Land) -> Option<&AvailabilityEvidence> {
        match land {
            Land::Bayern => self.bayern.as_ref(),
            Land::NordrheinWestfalen => self.nrw.as_ref(),
            _ => None,
        }
    }
}

/// A sourced statement about availability in one Land.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityEvidence {
    pub status: AvailabilityStatus,
    /// German statement, close to the source's wording.
    pub text: String,
    /// Source URLs for this statement. At least one.
    pub sources: Vec<String>,
}

/// How strong an availability statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AvailabilityStatus {
    /// A source says it is offered or in live use in this Land.
    Available,
    /// A source says it is paused in this Land.
    Paused,
    /// Only an indirect hint; neither confirms nor rules out availability.
    Indication,
}

impl AvailabilityStatus {
    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            AvailabilityStatus::Available => "angeboten",
            AvailabilityStatus::Paused => "pausiert",
            AvailabilityStatus::Indication => "Hinweis, nicht belegt",
        }
    }
}

/// A fact about a service that may be unknown; lets UIs list what is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceFact {
    OzgLeistung,
    OzgId,
    Themenfeld,
    FederfuehrendesLand,
    UmsetzendesLand,
    Platform,
    Leika,
    ResponsibleLevels,
    ResponsibleAuthority,
    Channels,
    BasisComponents,
    DataStandard,
    AvailabilityBayern,
    AvailabilityNrw,
}

impl ServiceFact {
    /// German label of the fact (a column heading, not a value).
    pub fn label_de(self) -> &'static str {
        match self {
            ServiceFact::OzgLeistung => "OZG-Leistung",
            ServiceFact::OzgId => "OZG-ID",
            ServiceFact::Themenfeld => "Themenfeld",
            ServiceFact::FederfuehrendesLand => "Federführendes Land",
            ServiceFact::UmsetzendesLand => "Umsetzendes Land",
            ServiceFact::Platform => "Plattform / Betreiber",
            ServiceFact::Leika => "Leika-Schlüssel",
            ServiceFact::ResponsibleLevels => "Zuständige Ebene",
            ServiceFact::ResponsibleAuthority => "Zuständige Stelle",
            ServiceFact::Channels => "Übertragungswege",
            ServiceFact::BasisComponents => "Basisdienste",
            ServiceFact::DataStandard => "Datenstandard",
            ServiceFact::AvailabilityBayern => "Verfügbarkeit in Bayern",
            ServiceFact::AvailabilityNrw => "Verfügbarkeit in NRW",
        }
    }
}

impl Service {
    /// The facts no source gives for this service, in a fixed order.
    pub fn unknown_facts(&self) -> Vec<ServiceFact> {
        let checks = [
            (ServiceFact::OzgLeistung, self.ozg_leistung.is_none()),
            (ServiceFact::OzgId, self.ozg_id.is_none()),
            (ServiceFact::Themenfeld, self.themenfeld.is_none()),
            (
                ServiceFact::FederfuehrendesLand,
                self.provider.federfuehrendes_land.is_none(),
            ),
            (
                ServiceFact::UmsetzendesLand,
                self.provider.umsetzendes_land.is_none(),
            ),
            (ServiceFact::Platform, self.platform.is_none()),
            (ServiceFact::Leika, self.leika.is_none()),
            (
                ServiceFact::ResponsibleLevels,
                self.responsible_levels.is_none(),
            ),
            (
                ServiceFact::ResponsibleAuthority,
                self.responsible_authority.is_none(),
            ),
            (ServiceFact::Channels, self.channels.is_none()),
            (
                ServiceFact::BasisComponents,
                self.basis_components.is_none(),
            ),
            (ServiceFact::DataStandard, self.data_standard.is_none()),
            (
                ServiceFact::AvailabilityBayern,
                self.availability.bayern.is_none(),
            ),
            (
                ServiceFact::AvailabilityNrw,
                self.availability.nrw.is_none(),
            ),
        ];
        checks
            .into_iter()
            .filter_map(|(fact, unknown)| unknown.then_some(fact))
            .collect()
    }

    /// The channels a source names for this service; empty when unknown.
    pub fn known_channels(&self) -> impl Iterator<Item = Channel> + '_ {
        self.channels.iter().flatten().map(|c| c.channel)
    }

    /// The only known channel, if the sources name exactly one. Readiness uses it when
    /// the clerk has not chosen a channel.
    pub fn single_known_channel(&self) -> Option<Channel> {
        match self.channels.as_deref() {
            Some([only]) => Some(only.channel),
            _ => None,
        }
    }

    /// Whether the sources name `channel` for this service. `None` when the channels are
    /// unknown.
    pub fn offers_channel(&self, channel: Channel) -> Option<bool> {
        self.channels
            .as_ref()
            .map(|list| list.iter().any(|c| c.channel == channel))
    }

    /// The Leika keys as plain strings; empty when unknown.
    pub fn leika_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.leika.iter().flatten().map(|k| k.key.as_str())
    }

    /// Whether a municipality in `land` can connect to this entry: every EfA service, and
    /// a Land's own service where a source says it is offered in `land`.
    pub fn is_connectable_in(&self, land: Land) -> bool {
        match self.offer_type {
            OfferType::LandService => self
                .availability
                .for_land(land)
                .is_some_and(|e| e.status == AvailabilityStatus::Available),
            other => other.is_connectable(),
        }
    }
}

/// One legal/organisational or technical prerequisite of a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prerequisite {
    /// Stable kebab-case slug, e.g. `dvdv-eintrag`. Key of the status map.
    pub id: String,
    /// Short German title.
    pub title: String,
    /// Plain-German explanation of what it is and why it is needed.
    pub explanation: String,
    pub category: Category,
    /// Plain-German instructions how to fulfil it.
    pub how_to: String,
    /// The official page that explains how to fulfil it (from the sources).
    #[serde(deserialize_with = "required")]
    pub official_link: Option<String>,
    /// When it applies; empty lists mean "always".
    pub applies_if: Condition,
    /// Prerequisite ids that must be fulfilled first. A dependency whose own condition
    /// does not apply in the context is dropped, so one list can name the variants of
    /// several Land routes.
    pub depends_on: Vec<String>,
    /// What the clerk records as evidence.
    pub evidence: Vec<EvidenceField>,
    /// Source URLs. At least one.
    pub sources: Vec<String>,
}

/// The two groups of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Legal and organisational (contracts, signatures, data protection, budget).
    RechtlichOrganisatorisch,
    /// Technical (channel, certificates, directory entries, accounts).
    Technisch,
}

impl Category {
    /// Both categories in display order.
    pub const ALL: [Category; 2] = [Category::RechtlichOrganisatorisch, Category::Technisch];

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            Category::RechtlichOrganisatorisch => "Rechtlich-organisatorisch",
            Category::Technisch => "Technisch",
        }
    }
}

/// When a prerequisite applies. Each non-empty list must contain the context's value
/// (OR within a list, AND between lists); an empty list always matches. `except_lands` is
/// the one exclusion: the prerequisite never applies in the Länder it names.
///
/// Lists may be omitted in JSON (they default to empty): unlike the facts of a service,
/// "no restriction" is the natural default of a filter and not an unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Land routes it applies to.
    #[serde(default)]
    pub routes: Vec<RouteKind>,
    /// Municipality kinds it applies to. An unknown kind in the context matches, so the
    /// clerk sees the item rather than silently missing it.
    #[serde(default)]
    pub kinds: Vec<MunicipalityKind>,
    /// Channels it applies to. Applies only once a channel is chosen (or implied).
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Service ids it applies to.
    #[serde(default)]
    pub services: Vec<String>,
    /// Länder it applies to, for a step that only one Land's sources describe (written as
    /// two-digit keys, `"01"`). Left out of the file when empty, like `except_lands`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lands: Vec<Land>,
    /// Länder it does not apply to although the route matches, e.g. a per-service contract
    /// of the Marktplatz route that Schleswig-Holstein's Kommunen do not sign.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except_lands: Vec<Land>,
}

impl Condition {
    /// Whether the condition has no restriction at all.
    pub fn is_always(&self) -> bool {
        self.routes.is_empty()
            && self.kinds.is_empty()
            && self.channels.is_empty()
            && self.services.is_empty()
            && self.lands.is_empty()
            && self.except_lands.is_empty()
    }

    /// Whether the Land-related parts (`lands`, `except_lands`) let it apply in `land`.
    pub fn allows_land(&self, land: Land) -> bool {
        (self.lands.is_empty() || self.lands.contains(&land)) && !self.except_lands.contains(&land)
    }
}

/// One piece of evidence a prerequisite asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceField {
    /// kebab-case, unique within its prerequisite.
    pub id: String,
    /// German label shown next to the input.
    pub label: String,
    pub kind: EvidenceKind,
    /// Whether the clerk may leave it empty.
    pub optional: bool,
}

/// The type of an evidence value; tells the UI which input and which check to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    /// FIT-Connect destination ID (a UUID).
    FitConnectDestinationId,
    /// DVDV Organisationsschlüssel (category prefix + AGS-based digits).
    DvdvOrganisationsschluessel,
    /// Organisationseinheit-ID from the PVOG / Landesredaktionssystem.
    PvogOeId,
    /// An `https://` address.
    Url,
    /// A calendar date (ISO 8601, `YYYY-MM-DD`).
    Date,
    /// Free text.
    Text,
    /// An e-mail address.
    Email,
    /// Leitweg-ID for e-invoicing.
    LeitwegId,
    /// Behördenkennzahl (4 digits).
    Bkz,
}

impl EvidenceKind {
    /// German name of the type.
    pub fn label_de(self) -> &'static str {
        match self {
            EvidenceKind::FitConnectDestinationId => "FIT-Connect-Destination-ID",
            EvidenceKind::DvdvOrganisationsschluessel => "DVDV-Organisationsschlüssel",
            EvidenceKind::PvogOeId => "OE-ID (PVOG)",
            EvidenceKind::Url => "Internetadresse",
            EvidenceKind::Date => "Datum",
            EvidenceKind::Text => "Text",
            EvidenceKind::Email => "E-Mail-Adresse",
            EvidenceKind::LeitwegId => "Leitweg-ID",
            EvidenceKind::Bkz => "Behördenkennzahl (BKZ)",
        }
    }

    /// A German input hint with an example taken from the sources, where one exists.
    pub fn hint_de(self) -> Option<&'static str> {
        match self {
            EvidenceKind::FitConnectDestinationId => {
                Some("UUID des Zustellpunkts, z. B. 36141427-d405-40a4-8f8b-3592d544e85b")
            }
            EvidenceKind::DvdvOrganisationsschluessel => {
                Some("z. B. wgb010540880000 oder bab:05111000")
            }
            EvidenceKind::PvogOeId => Some("z. B. L100012.OE.225060530"),
            EvidenceKind::Url => Some("vollständige Adresse mit https://"),
            EvidenceKind::Date => Some("JJJJ-MM-TT"),
            EvidenceKind::Text | EvidenceKind::Email => None,
            EvidenceKind::LeitwegId => Some("z. B. 04011000-1234512345-06"),
            EvidenceKind::Bkz => Some("4 Ziffern"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destatis_kinds_map_onto_levels() {
        let cases = [
            ("Gemeinde", Some(MunicipalityKind::Gemeinde)),
            ("Stadt", Some(MunicipalityKind::Gemeinde)),
            ("Markt", Some(MunicipalityKind::Gemeinde)),
            ("Große Kreisstadt", Some(MunicipalityKind::Gemeinde)),
            ("Amt", Some(MunicipalityKind::Gemeindeverband)),
            (
                "Verwaltungsgemeinschaft",
                Some(MunicipalityKind::Gemeindeverband),
            ),
            ("Landkreis", Some(MunicipalityKind::Landkreis)),
            ("Kreis", Some(MunicipalityKind::Landkreis)),
            ("kreisfreie Stadt", Some(MunicipalityKind::KreisfreieStadt)),
            ("Stadtkreis", Some(MunicipalityKind::KreisfreieStadt)),
            ("Land", None),
            ("gemeindefreies Gebiet (unbewohnt)", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(MunicipalityKind::from_destatis(input), expected, "{input}");
        }
    }

    #[test]
    fn unknown_label_is_german() {
        assert_eq!(or_unknown(None), "unbekannt");
        assert_eq!(or_unknown(Some("XBau")), "XBau");
    }

    #[test]
    fn channel_names_match_serde() {
        for channel in Channel::ALL {
            let json = serde_json::to_string(&channel).unwrap();
            assert_eq!(json, format!("\"{}\"", channel.as_str()));
        }
    }

    #[test]
    fn missing_optional_fact_is_an_error_but_null_is_fine() {
        let with_null = r#"{"key":"99115005104000","label":null}"#;
        let parsed: LeikaKey = serde_json::from_str(with_null).unwrap();
        assert_eq!(parsed.label, None);
        let missing = r#"{"key":"99115005104000"}"#;
        let err = serde_json::from_str::<LeikaKey>(missing).unwrap_err();
        assert!(err.to_string().contains("missing field `label`"), "{err}");
    }

    #[test]
    fn condition_lists_default_to_empty() {
        let c: Condition = serde_json::from_str("{}").unwrap();
        assert!(c.is_always());
        assert!(serde_json::from_str::<Condition>(r#"{"route":[]}"#).is_err());
    }
}
