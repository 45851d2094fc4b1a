//! The connection request (Anschlussantrag) and its validation.
//!
//! [`ConnectionRequest`] is the document the clerk builds in the app, downloads as JSON and
//! PDF, and submits to the API. Its fields are the consolidated field set of domain.md
//! §6.9: the municipality, contacts by role, per selected service the responsible
//! Organisationseinheit, the delivery channel with its address, Fachverfahren and dates, the
//! contract route, the prerequisite snapshot, the declarations and timestamps.
//!
//! # Drafts and validation
//!
//! Text fields are plain strings, so a half-filled draft is still a valid JSON document the
//! browser can store and the clerk can export and import. [`ConnectionRequest::validate`]
//! then reports *every* problem at once, as [`FieldError`]s with the JSON path of the field,
//! which the app shows in its error summary and the API returns in its 422 body. An empty
//! string means "not given" throughout.
//!
//! # What is required (and why)
//!
//! - Municipality: AGS, ARS, name, kind, Land and Kreis exactly as in the registry (the
//!   clerk picks them from the registry and never types them); the address of the
//!   administration (street, PLZ, Ort).
//! - Contacts: the vertretungsberechtigte Person (name, function, e-mail; she or he signs,
//!   domain.md §5.1 L4), the fachliche and the technische Ansprechperson (name, e-mail,
//!   phone: the operator calls them during connection and for 2nd-level support), and the
//!   Funktionspostfach (§6.2, §6.9). The Digitalisierungsbeauftragte and the Datenschutz
//!   contact are optional (not every Land or model asks for them; since §8a Abs. 4 OZG the
//!   operating authority carries the data-protection responsibility); if given, name and
//!   e-mail are required. Phone numbers are otherwise optional.
//! - Per service: the service from the catalog, the responsible Organisationseinheit (name,
//!   address, e-mail, phone: what the Landesredaktion needs, §6.3; OE-ID and BKZ optional),
//!   the channel with its address, Fachverfahren and vendor when the channel delivers into
//!   a Fachverfahren (FIT-Connect, OSCI/XTA), the desired go-live date (§5.1 L10; the test
//!   date is optional).
//! - The contract route, matching the Land; the three declarations, all confirmed;
//!   `created_at` and `updated_at` as RFC 3339 timestamps (the crate has no clock).

use std::collections::{BTreeMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::catalog::{Catalog, Channel, EvidenceKind, OfferType};
use crate::ident::{
    Ags, Ars, Bkz, DestinationId, DvdvKey, Email, HostName, IdentError, IsoDate, LeitwegId, Phone,
    Plz, PvogOeId, Timestamp, WebUrl,
};
use crate::land::Land;
use crate::messages::{ErrorCode, FieldError, FieldWarning, WarningCode};
use crate::readiness::{PrereqStatus, ReadinessInput};
use crate::registry::{EntryKind, Registry};
use crate::route::RouteKind;

/// Longest name-like text (names, functions, street, Ort, Fachverfahren, …), in characters.
pub const MAX_SHORT_TEXT: usize = 200;
/// Longest note or free-text evidence, in characters.
pub const MAX_LONG_TEXT: usize = 2_000;
/// Most services in one request.
pub const MAX_SERVICES: usize = 100;
/// Most prerequisite entries in the snapshot.
pub const MAX_PREREQUISITES: usize = 500;
/// Most evidence values per prerequisite.
pub const MAX_EVIDENCE: usize = 50;
/// Most entries in a typed list (area of responsibility, domains).
pub const MAX_LIST: usize = 200;

// ── the model ────────────────────────────────────────────────────────────────────────────

/// A connection request (Anschlussantrag), version [`crate::SCHEMA_VERSION`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConnectionRequest {
    /// 1 to 3 (the current [`crate::SCHEMA_VERSION`]); older documents are read as they
    /// are, since each version only added fields (see [`crate::SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The requesting municipality or Kreis.
    pub municipality: Municipality,
    /// Contacts by role.
    pub contacts: Contacts,
    /// The selected services, each with its Organisationseinheit and channel.
    pub services: Vec<ServiceRequest>,
    /// The contract route; follows from the Land (see [`RouteKind::for_land`]).
    #[schemars(with = "Option<RouteKindSchema>")]
    pub route: Option<RouteKind>,
    /// Prerequisite snapshot: status and evidence per catalog prerequisite id.
    pub prerequisites: BTreeMap<String, PrerequisiteRecord>,
    /// The declarations the clerk confirms before submitting.
    pub declarations: Declarations,
    /// Free-text remarks for the operator (may be empty; line breaks allowed).
    pub notes: String,
    /// When the request was created (RFC 3339).
    pub created_at: String,
    /// When it was last changed (RFC 3339), not before `created_at`.
    pub updated_at: String,
}

/// The requesting body, as in the registry, plus its postal address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// Amtlicher Regionalschlüssel, 12 digits.
    pub ars: String,
    /// Amtlicher Gemeindeschlüssel, 8 digits; empty (from schema version 2) for a
    /// Gemeindeverband, which has none and is identified by its ARS.
    pub ags: String,
    /// Official name as in the registry, e.g. "München, Landeshauptstadt".
    pub name: String,
    /// Kind as in the registry.
    pub kind: Option<EntryKind>,
    /// Land as in the registry.
    #[schemars(with = "Option<LandSchema>")]
    pub land: Option<Land>,
    /// Kreis name as in the registry (`null` only where the registry has none).
    pub kreis: Option<String>,
    /// Postal address of the administration.
    pub address: Address,
    /// Leitweg-ID, the administration's address for e-invoices (from schema version 3;
    /// optional, asked where the route's agency needs it, see
    /// [`crate::route::asks_leitweg_id`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub leitweg_id: String,
}

impl Municipality {
    /// The AGS as documents and pages show it: for a Gemeindeverband, which has none,
    /// a note that its ARS identifies it.
    pub fn ags_shown(&self, lang: crate::messages::Lang) -> &str {
        if self.ags.trim().is_empty() && self.kind.is_some_and(EntryKind::is_gemeindeverband) {
            crate::messages::no_ags(lang)
        } else {
            &self.ags
        }
    }
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street and house number.
    pub street: String,
    /// Postcode, 5 digits.
    pub plz: String,
    /// Place.
    pub ort: String,
}

/// Contacts by role.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// Vertretungsberechtigte Person (required; function required).
    pub vertretung: Contact,
    /// Digitalisierungsbeauftragte Person (optional).
    pub digitalisierung: Option<Contact>,
    /// Fachliche Ansprechperson (required; phone required).
    pub fachlich: Contact,
    /// Technische Ansprechperson (required; phone required).
    pub technisch: Contact,
    /// Datenschutzbeauftragte Person (optional).
    pub datenschutz: Option<Contact>,
    /// E-mail address of the Funktionspostfach (required).
    pub funktionspostfach: String,
}

impl Contacts {
    /// The contact of `role`; an optional one not given is the empty contact.
    pub fn of(&self, role: ContactRole) -> Contact {
        match role {
            ContactRole::Vertretung => self.vertretung.clone(),
            ContactRole::Digitalisierung => self.digitalisierung.clone().unwrap_or_default(),
            ContactRole::Fachlich => self.fachlich.clone(),
            ContactRole::Technisch => self.technisch.clone(),
            ContactRole::Datenschutz => self.datenschutz.clone().unwrap_or_default(),
        }
    }
}

/// The contact roles, for labels ([`ContactRole::label`]) and rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// Vertretungsberechtigte Person.
    Vertretung,
    /// Digitalisierungsbeauftragte Person.
    Digitalisierung,
    /// Fachliche Ansprechperson.
    Fachlich,
    /// Technische Ansprechperson.
    Technisch,
    /// Datenschutzbeauftragte Person.
    Datenschutz,
}

impl ContactRole {
    /// All roles, in form order.
    pub const ALL: [ContactRole; 5] = [
        ContactRole::Vertretung,
        ContactRole::Digitalisierung,
        ContactRole::Fachlich,
        ContactRole::Technisch,
        ContactRole::Datenschutz,
    ];

    /// The key in JSON and in error paths (`"vertretung"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ContactRole::Vertretung => "vertretung",
            ContactRole::Digitalisierung => "digitalisierung",
            ContactRole::Fachlich => "fachlich",
            ContactRole::Technisch => "technisch",
            ContactRole::Datenschutz => "datenschutz",
        }
    }

    /// Whether the role must be filled in.
    pub fn is_required(self) -> bool {
        !matches!(
            self,
            ContactRole::Digitalisierung | ContactRole::Datenschutz
        )
    }

    /// Whether the function (Funktion/Amt) must be given.
    pub fn function_required(self) -> bool {
        self == ContactRole::Vertretung
    }

    /// Whether a phone number must be given.
    pub fn phone_required(self) -> bool {
        matches!(self, ContactRole::Fachlich | ContactRole::Technisch)
    }

    /// The label in `lang`.
    pub fn label(self, lang: crate::messages::Lang) -> &'static str {
        use ContactRole as R;
        let (de, en) = match self {
            R::Vertretung => ("Vertretungsberechtigte Person", "Authorised representative"),
            R::Digitalisierung => (
                "Digitalisierungsbeauftragte Person",
                "Digitalisation officer",
            ),
            R::Fachlich => ("Fachliche Ansprechperson", "Subject-matter contact"),
            R::Technisch => ("Technische Ansprechperson", "Technical contact"),
            R::Datenschutz => ("Datenschutzbeauftragte Person", "Data protection officer"),
        };
        crate::messages::pick(de, en, lang)
    }
}

/// A person to contact.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Function or office, e.g. "Erste Bürgermeisterin", "IT-Leitung".
    pub function: String,
    /// E-mail address.
    pub email: String,
    /// Telephone number.
    pub phone: String,
}

impl Contact {
    /// Whether every field is empty (exactly, so that skipping it when serialising never
    /// changes what is read back).
    pub fn is_blank(&self) -> bool {
        [&self.name, &self.function, &self.email, &self.phone]
            .iter()
            .all(|v| v.is_empty())
    }
}

/// One selected service.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceRequest {
    /// Catalog id of the service.
    pub service_id: String,
    /// The responsible Organisationseinheit.
    pub authority: Authority,
    /// The delivery channel and its address.
    pub channel: Option<ChannelChoice>,
    /// Name of the Fachverfahren that receives the applications.
    pub fachverfahren: String,
    /// Vendor of the Fachverfahren.
    pub vendor: String,
    /// Desired test date, `YYYY-MM-DD` (optional).
    pub test_date: String,
    /// Desired go-live date, `YYYY-MM-DD`, not before the test date.
    pub go_live_date: String,
    /// A contact at the Fachverfahren's vendor (from schema version 3; name and e-mail
    /// required there when the channel delivers into a Fachverfahren).
    #[serde(default, skip_serializing_if = "Contact::is_blank")]
    pub vendor_contact: Contact,
    /// How the municipality embeds the online service in its web presence (from schema
    /// version 3; the mode is required there).
    #[serde(default, skip_serializing_if = "Embedding::is_blank")]
    pub embedding: Embedding,
}

/// How the online service is embedded in the municipality's web presence (domain.md §6.9:
/// link, HTML5 snippet or Extension API, and the domains the operator must allow).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Embedding {
    /// Link, snippet or extension.
    pub mode: Option<EmbeddingMode>,
    /// Host names where the service is embedded, e.g. `www.wuerzburg.de`; required for a
    /// snippet or an extension. Entries are kept as typed; blank ones are ignored.
    pub domains: Vec<String>,
}

impl Embedding {
    /// Whether nothing is given (so version 1 and 2 documents keep their bytes).
    pub fn is_blank(&self) -> bool {
        self.mode.is_none() && self.domains.is_empty()
    }

    /// The domains given, trimmed, without blank entries.
    pub fn domain_list(&self) -> impl Iterator<Item = &str> {
        entries(&self.domains)
    }
}

/// The ways to embed an online service that the sources name (readit.regioit.de on
/// Einbürgerung: "Link, HTML5-Snippet oder Extension-API").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EmbeddingMode {
    /// A link from the municipality's pages to the operator's site.
    Link,
    /// An HTML5 snippet on the municipality's own pages.
    Snippet,
    /// The Extension API of a portal.
    Extension,
}

impl EmbeddingMode {
    /// All modes, in form order.
    pub const ALL: [EmbeddingMode; 3] = [
        EmbeddingMode::Link,
        EmbeddingMode::Snippet,
        EmbeddingMode::Extension,
    ];

    /// The serialised name.
    pub fn as_str(self) -> &'static str {
        match self {
            EmbeddingMode::Link => "link",
            EmbeddingMode::Snippet => "snippet",
            EmbeddingMode::Extension => "extension",
        }
    }

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            EmbeddingMode::Link => "Verlinkung auf den Onlinedienst",
            EmbeddingMode::Snippet => "HTML5-Snippet auf der eigenen Website",
            EmbeddingMode::Extension => "Extension-API in einem Portal",
        }
    }

    /// Whether the operator must allow the domains where the service runs.
    pub fn needs_domains(self) -> bool {
        self != EmbeddingMode::Link
    }
}

/// The non-blank entries of a typed list, trimmed.
fn entries(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter().map(|e| e.trim()).filter(|e| !e.is_empty())
}

/// Splits a typed list into entries at commas, semicolons and spaces (people paste lists
/// in all three forms). `join_entries` gives the text back, so a field that is split on every
/// keystroke does not jump under the cursor.
pub fn split_entries(text: &str) -> Vec<String> {
    let separator = |c: char| c == ',' || c == ';' || c.is_whitespace();
    let mut out: Vec<String> = text
        .split(separator)
        .filter(|e| !e.is_empty())
        .map(str::to_owned)
        .collect();
    // A trailing separator stays as an empty last entry, so what was typed so far reads
    // back as typed while the next entry is on its way.
    if !out.is_empty() && text.ends_with(separator) {
        out.push(String::new());
    }
    out
}

/// The text of a list of entries, as [`split_entries`] reads it.
pub fn join_entries(list: &[String]) -> String {
    list.join(", ")
}

/// The Organisationseinheit responsible for a service, with what the Landesredaktion needs
/// about it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// Name of the office, e.g. "Standesamt Würzburg".
    pub name: String,
    /// Kind of office (Behördenart), e.g. "Ausländerbehörde" (optional).
    pub kind: String,
    /// OE-ID from the Redaktionssystem/PVOG, e.g. `L100012.OE.225060530` (optional).
    pub oe_id: String,
    /// Behördenkennzahl, 4 digits (optional).
    pub bkz: String,
    /// Postal address.
    pub address: Address,
    /// E-mail address.
    pub email: String,
    /// Telephone number.
    pub phone: String,
    /// Zuständigkeitsgebiet (from schema version 3; required there): where the office is
    /// responsible, as 12-digit ARS (a Gemeinde, Verband or Kreis of the registry) or
    /// 5-digit PLZ, one per entry. Entries are kept as typed; blank ones are ignored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub area: Vec<String>,
}

impl Authority {
    /// The area entries given, trimmed, without blank entries.
    pub fn area_list(&self) -> impl Iterator<Item = &str> {
        entries(&self.area)
    }

    /// Takes over another service's Organisationseinheit ("Gleiche Stelle wie bei …"):
    /// name, OE-ID, BKZ, address, e-mail, phone and area. The kind of office stays, since one
    /// Landratsamt is the Wohngeldbehörde for one service and the Ausländerbehörde for
    /// another.
    pub fn adopt(&mut self, from: &Authority) {
        let kind = std::mem::take(&mut self.kind);
        *self = Authority {
            kind,
            ..from.clone()
        };
    }
}

/// The channel through which applications reach the authority, with its address.
/// Tagged with the catalog's channel names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ChannelChoice {
    /// FIT-Connect, addressed by the destination ID.
    FitConnect {
        /// FIT-Connect destination ID (UUID).
        destination_id: String,
    },
    /// OSCI/XTA, addressed by the DVDV Organisationsschlüssel.
    OsciXta {
        /// DVDV Organisationsschlüssel, e.g. `wgb010540880000`.
        dvdv_key: String,
    },
    /// PDF download, with the link sent to a Funktionspostfach.
    PdfDownload {
        /// E-mail address of the Funktionspostfach that receives the links.
        funktionspostfach: String,
    },
    /// Plain e-mail.
    Email {
        /// E-mail address that receives the applications.
        address: String,
    },
}

impl ChannelChoice {
    /// The catalog channel.
    pub fn channel(&self) -> Channel {
        match self {
            ChannelChoice::FitConnect { .. } => Channel::FitConnect,
            ChannelChoice::OsciXta { .. } => Channel::OsciXta,
            ChannelChoice::PdfDownload { .. } => Channel::PdfDownload,
            ChannelChoice::Email { .. } => Channel::Email,
        }
    }

    /// An empty choice of `channel`, for the form to fill in.
    pub fn empty(channel: Channel) -> ChannelChoice {
        match channel {
            Channel::FitConnect => ChannelChoice::FitConnect {
                destination_id: String::new(),
            },
            Channel::OsciXta => ChannelChoice::OsciXta {
                dvdv_key: String::new(),
            },
            Channel::PdfDownload => ChannelChoice::PdfDownload {
                funktionspostfach: String::new(),
            },
            Channel::Email => ChannelChoice::Email {
                address: String::new(),
            },
        }
    }

    /// Whether applications are delivered into a Fachverfahren (then its name and vendor
    /// are required).
    pub fn needs_fachverfahren(&self) -> bool {
        matches!(
            self,
            ChannelChoice::FitConnect { .. } | ChannelChoice::OsciXta { .. }
        )
    }
}

/// Status and evidence of one prerequisite at the time of the request.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrerequisiteRecord {
    /// The clerk's status.
    #[schemars(with = "PrereqStatusSchema")]
    pub status: PrereqStatus,
    /// Evidence values keyed by the catalog's evidence field id.
    pub evidence: BTreeMap<String, String>,
}

/// The declarations the clerk confirms; their wording is
/// [`crate::messages::declaration_label`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Declarations {
    /// Authorised to represent the municipality (or acting for the person who is).
    pub authorised: bool,
    /// The information is correct and complete.
    pub information_correct: bool,
    /// Acknowledged that the information is stored to process the connection.
    pub data_protection_acknowledged: bool,
}

// ── construction and helpers ─────────────────────────────────────────────────────────────

impl ConnectionRequest {
    /// An empty request of the current schema version, created at `now` (RFC 3339; the
    /// caller supplies the time because the domain has no clock).
    pub fn new(now: &str) -> ConnectionRequest {
        ConnectionRequest {
            schema_version: crate::SCHEMA_VERSION,
            municipality: Municipality::default(),
            contacts: Contacts::default(),
            services: Vec::new(),
            route: None,
            prerequisites: BTreeMap::new(),
            declarations: Declarations::default(),
            notes: String::new(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
        }
    }

    /// Fills the municipality's registry fields from `entry` and sets the route of its Land.
    /// The address is left as it is (a Kreis has no postcode in the registry; the PLZ of
    /// a Gemeinde's seat is filled in if the address has none yet).
    pub fn set_municipality(&mut self, entry: &crate::registry::Entry) {
        // An office's area that was only the suggestion (blank, or the previous
        // municipality's ARS) follows the new municipality.
        let previous = std::mem::take(&mut self.municipality.ars);
        for s in &mut self.services {
            if s.authority.area_list().next().is_none() || s.authority.area == [previous.as_str()] {
                s.authority.area = vec![entry.ars().to_string()];
            }
        }
        let m = &mut self.municipality;
        m.ars = entry.ars().to_string();
        m.ags = entry.ags().map(ToString::to_string).unwrap_or_default();
        m.name = entry.name().to_string();
        m.kind = Some(entry.kind());
        m.land = Some(entry.land());
        m.kreis = entry.kreis_name().map(str::to_string);
        if m.address.plz.trim().is_empty()
            && let Some(plz) = entry.plz()
        {
            m.address.plz = plz.to_string();
        }
        self.route = Some(RouteKind::for_land(entry.land()));
    }

    /// Adds the service `id` (if it is not selected yet), with the municipality's own area
    /// suggested as the office's area of responsibility.
    pub fn add_service(&mut self, id: &str) {
        if self.services.iter().any(|s| s.service_id == id) {
            return;
        }
        let area = if self.municipality.ars.trim().is_empty() {
            Vec::new()
        } else {
            vec![self.municipality.ars.clone()]
        };
        self.services.push(ServiceRequest {
            service_id: id.to_owned(),
            authority: Authority {
                area,
                ..Authority::default()
            },
            ..ServiceRequest::default()
        });
    }

    /// The input for [`crate::readiness::evaluate`] that this request describes, or `None`
    /// while no Land is set.
    pub fn readiness_input(&self) -> Option<ReadinessInput> {
        let land = self.municipality.land?;
        let kind = self
            .municipality
            .kind
            .and_then(EntryKind::municipality_kind);
        let mut input = ReadinessInput::new(
            land,
            kind,
            self.services.iter().map(|s| s.service_id.clone()).collect(),
        );
        for s in &self.services {
            if let Some(c) = &s.channel {
                input.channels.insert(s.service_id.clone(), c.channel());
            }
        }
        for (id, record) in &self.prerequisites {
            input.statuses.insert(id.clone(), record.status);
        }
        Some(input)
    }

    /// The Leitweg-ID given, from its own field or, in a document before version 3, from
    /// the EfA-Marktplatz evidence where it was kept; blank when none is given.
    pub fn leitweg_id(&self) -> &str {
        let own = self.municipality.leitweg_id.trim();
        if !own.is_empty() || self.schema_version >= 3 {
            return own;
        }
        let (prerequisite, field) = LEGACY_LEITWEG_EVIDENCE;
        self.prerequisites
            .get(prerequisite)
            .and_then(|r| r.evidence.get(field))
            .map_or("", |v| v.trim())
    }

    /// Brings a draft of an older schema version to the current one: the Leitweg-ID moves
    /// from the EfA-Marktplatz evidence into its own field. Only for drafts that were not
    /// submitted; a submitted document keeps its bytes.
    pub fn upgrade(&mut self) {
        if self.schema_version >= crate::SCHEMA_VERSION {
            return;
        }
        let (prerequisite, field) = LEGACY_LEITWEG_EVIDENCE;
        if let Some(record) = self.prerequisites.get_mut(prerequisite)
            && let Some(value) = record.evidence.remove(field)
            && self.municipality.leitweg_id.trim().is_empty()
        {
            self.municipality.leitweg_id = value.trim().to_owned();
        }
        self.schema_version = crate::SCHEMA_VERSION;
    }

    /// A short, stable fingerprint of this exact document: the first 16 hex digits of the
    /// SHA-256 of its JSON (`serde_json::to_vec`; maps are ordered, so the bytes are
    /// canonical). Shown in the PDF footer and the JSON download, so that a printout can be
    /// matched to the submitted data.
    pub fn fingerprint(&self) -> String {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let digest = Sha256::digest(&bytes);
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    /// The JSON Schema of the request, as committed in
    /// `crates/domain/schema/connection-request.schema.json`.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(ConnectionRequest)).unwrap_or_default()
    }

    /// Checks the request against the catalog and the registry and returns every problem.
    /// Only errors: a request with warnings alone is valid (see [`ConnectionRequest::check`]).
    ///
    /// Never panics, whatever the strings contain.
    pub fn validate(&self, catalog: &Catalog, registry: &Registry) -> Result<(), Vec<FieldError>> {
        let checked = self.check(catalog, registry);
        if checked.errors.is_empty() {
            Ok(())
        } else {
            Err(checked.errors)
        }
    }

    /// Checks the request against the catalog and the registry and returns every error and
    /// every warning. Errors block a submission; warnings point at values the catalog
    /// cannot confirm (a DVDV category no source names for the service, an OE-ID unlike the
    /// one known example) and do not.
    ///
    /// Never panics, whatever the strings contain.
    pub fn check(&self, catalog: &Catalog, registry: &Registry) -> Validation {
        let mut v = Validator::default();
        if !(1..=crate::SCHEMA_VERSION).contains(&self.schema_version) {
            v.push("schema_version", ErrorCode::SchemaVersionUnsupported);
        }
        v.municipality(&self.municipality, registry, self.schema_version);
        v.contacts(&self.contacts);
        v.services(
            &self.services,
            self.municipality.land,
            catalog,
            registry,
            self.schema_version,
        );
        match (self.route, self.municipality.land) {
            (None, _) => v.push("route", ErrorCode::Required),
            (Some(route), Some(land)) if route != RouteKind::for_land(land) => {
                v.push("route", ErrorCode::RouteLandMismatch);
            }
            _ => {}
        }
        v.prerequisites(
            &self.prerequisites,
            &self.services,
            catalog,
            self.schema_version,
        );
        let d = &self.declarations;
        for (ok, field) in [
            (d.authorised, "authorised"),
            (d.information_correct, "information_correct"),
            (
                d.data_protection_acknowledged,
                "data_protection_acknowledged",
            ),
        ] {
            if !ok {
                v.push(
                    format!("declarations.{field}"),
                    ErrorCode::DeclarationRequired,
                );
            }
        }
        v.text("notes", &self.notes, TextRule::OPTIONAL_LONG);
        let created = v.parsed("created_at", &self.created_at, Timestamp::parse);
        let updated = v.parsed("updated_at", &self.updated_at, Timestamp::parse);
        if let (Some(c), Some(u)) = (created, updated)
            && u.unix_seconds() < c.unix_seconds()
        {
            v.push("updated_at", ErrorCode::UpdatedBeforeCreated);
        }
        Validation {
            errors: v.errors,
            warnings: v.warnings,
        }
    }
}

/// What [`ConnectionRequest::check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validation {
    /// Problems that block a submission, in field order.
    pub errors: Vec<FieldError>,
    /// Values that are accepted but deserve a second look, in field order.
    pub warnings: Vec<FieldWarning>,
}

/// The one OE-ID the sources show; its form is what [`PvogOeId`] accepts.
const OE_ID_EXAMPLE: &str = "L100012.OE.225060530";

/// The warning for an OE-ID that does not have the example's form.
fn oe_id_warning(path: &str, value: &str, service: Option<&str>) -> Option<FieldWarning> {
    PvogOeId::parse(value).is_err().then(|| FieldWarning {
        path: path.to_owned(),
        code: WarningCode::PvogOeIdUnusual,
        service: service.map(str::to_owned),
        found: value.trim().to_owned(),
        expected: vec![OE_ID_EXAMPLE.to_owned()],
    })
}

/// The DVDV categories the catalog names for `service`'s OSCI/XTA channel; empty when it
/// names none (or the channel, or the service, is unknown).
fn dvdv_categories(service: Option<&crate::catalog::Service>) -> &[String] {
    service
        .and_then(|svc| svc.channels.as_deref())
        .and_then(|list| list.iter().find(|o| o.channel == Channel::OsciXta))
        .and_then(|o| o.dvdv_categories.as_deref())
        .unwrap_or_default()
}

/// The warning for a DVDV key used for `service`, if its category is not one the catalog
/// names for it (or the catalog names none).
fn dvdv_warning(
    path: &str,
    key: &DvdvKey,
    service_id: &str,
    service: Option<&crate::catalog::Service>,
) -> Option<FieldWarning> {
    let named = dvdv_categories(service);
    let found = key.category_code();
    if named.iter().any(|c| c.eq_ignore_ascii_case(found)) {
        return None;
    }
    Some(FieldWarning {
        path: path.to_owned(),
        code: if named.is_empty() {
            WarningCode::DvdvCategoryUnknownForService
        } else {
            WarningCode::DvdvCategoryNotNamed
        },
        service: Some(service_id.to_owned()),
        found: found.to_owned(),
        expected: named.to_vec(),
    })
}

// ── validation ───────────────────────────────────────────────────────────────────────────

/// How a text field is checked.
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    /// Whether a blank value is an error.
    pub required: bool,
    /// Longest allowed value, in characters.
    pub max: usize,
    /// Whether line breaks are allowed.
    pub multiline: bool,
}

impl TextRule {
    /// A required single-line text of up to 200 characters.
    pub const REQUIRED_SHORT: TextRule = TextRule {
        required: true,
        max: MAX_SHORT_TEXT,
        multiline: false,
    };
    /// An optional single-line text of up to 200 characters.
    pub const OPTIONAL_SHORT: TextRule = TextRule {
        required: false,
        max: MAX_SHORT_TEXT,
        multiline: false,
    };
    /// An optional text of up to 2,000 characters with line breaks.
    pub const OPTIONAL_LONG: TextRule = TextRule {
        required: false,
        max: MAX_LONG_TEXT,
        multiline: true,
    };
}

/// Checks a text against `rule`: blank, too long, or containing control characters.
///
/// Rejected as control characters: what `crate::text::is_forbidden` refuses (control
/// characters except line breaks in multi-line texts, and invisible format characters),
/// which can make a name in a PDF read differently from what was stored.
pub fn check_text(value: &str, rule: TextRule) -> Result<(), ErrorCode> {
    if value.trim().is_empty() {
        return if rule.required {
            Err(ErrorCode::Required)
        } else {
            Ok(())
        };
    }
    if value.chars().count() > rule.max {
        return Err(ErrorCode::TooLong);
    }
    if value
        .chars()
        .any(|c| crate::text::is_forbidden(c, rule.multiline))
    {
        return Err(ErrorCode::ControlCharacters);
    }
    Ok(())
}

#[derive(Default)]
struct Validator {
    errors: Vec<FieldError>,
    warnings: Vec<FieldWarning>,
}

impl Validator {
    fn push(&mut self, path: impl Into<String>, code: ErrorCode) {
        self.errors.push(FieldError::new(path, code));
    }

    /// An OE-ID: its text must be safe (an error otherwise), its form is only compared
    /// with the one example in the sources (a warning), since no source states the rule.
    fn oe_id(&mut self, path: &str, value: &str, service: Option<&str>) {
        if value.trim().is_empty() || !self.text(path, value, TextRule::OPTIONAL_SHORT) {
            return;
        }
        self.warnings.extend(oe_id_warning(path, value, service));
    }

    fn text(&mut self, path: &str, value: &str, rule: TextRule) -> bool {
        match check_text(value, rule) {
            Ok(()) => true,
            Err(code) => {
                self.push(path, code);
                false
            }
        }
    }

    /// Parses a required value; records the error and returns `None` on failure.
    fn parsed<T>(
        &mut self,
        path: &str,
        value: &str,
        parse: fn(&str) -> Result<T, IdentError>,
    ) -> Option<T> {
        match parse(value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(path, e.code());
                None
            }
        }
    }

    /// Parses an optional value: blank is fine.
    fn optional<T>(
        &mut self,
        path: &str,
        value: &str,
        parse: fn(&str) -> Result<T, IdentError>,
    ) -> Option<T> {
        if value.trim().is_empty() {
            None
        } else {
            self.parsed(path, value, parse)
        }
    }

    fn municipality(&mut self, m: &Municipality, registry: &Registry, schema_version: u32) {
        // From version 2 a Gemeindeverband is identified by its ARS alone: it has no AGS.
        let by_ars_only = schema_version >= 2 && m.ags.trim().is_empty();
        let ags = if by_ars_only {
            None
        } else {
            self.parsed("municipality.ags", &m.ags, Ags::parse)
        };
        let ars = self.parsed("municipality.ars", &m.ars, Ars::parse);
        let ars_consistent = match (&ags, &ars) {
            (Some(ags), Some(ars)) if !ars.matches_ags(ags) => {
                self.push("municipality.ars", ErrorCode::ArsAgsMismatch);
                false
            }
            (_, Some(_)) => true,
            _ => false,
        };
        let name_ok = self.text("municipality.name", &m.name, TextRule::REQUIRED_SHORT);
        if m.land.is_none() {
            self.push("municipality.land", ErrorCode::Required);
        }
        if m.kind.is_none() {
            self.push("municipality.kind", ErrorCode::Required);
        }
        if let Some(kreis) = &m.kreis {
            self.text("municipality.kreis", kreis, TextRule::REQUIRED_SHORT);
        }

        let entry = match (&ags, &ars) {
            (Some(ags), _) => {
                let found = registry.by_ags(ags);
                if found.is_none() {
                    self.push("municipality.ags", ErrorCode::AgsNotInRegistry);
                }
                found
            }
            // Neither key: the AGS is what is missing (only a Verband has none).
            (None, None) if by_ars_only => {
                self.push("municipality.ags", ErrorCode::Required);
                None
            }
            (None, Some(ars)) if by_ars_only => match registry.by_ars(ars) {
                // Only a Gemeindeverband may go without its AGS.
                Some(e) if e.is_gemeindeverband() => Some(e),
                Some(_) => {
                    self.push("municipality.ags", ErrorCode::Required);
                    None
                }
                None => {
                    self.push("municipality.ars", ErrorCode::ArsNotInRegistry);
                    None
                }
            },
            _ => None,
        };
        if let Some(entry) = entry {
            if let (Some(ars), true) = (&ars, ars_consistent)
                && ars != entry.ars()
            {
                self.push("municipality.ars", ErrorCode::ArsRegistryMismatch);
            }
            if name_ok && m.name.trim() != entry.name() {
                self.push("municipality.name", ErrorCode::NameRegistryMismatch);
            }
            if m.kind.is_some_and(|k| k != entry.kind()) {
                self.push("municipality.kind", ErrorCode::KindRegistryMismatch);
            }
            if m.kreis.as_deref().map(str::trim) != entry.kreis_name() {
                self.push("municipality.kreis", ErrorCode::KreisRegistryMismatch);
            }
            if m.land.is_some_and(|l| l != entry.land()) {
                self.push("municipality.land", ErrorCode::LandRegistryMismatch);
            }
        } else if let Some(ags) = &ags
            && m.land.is_some_and(|l| l != ags.land())
        {
            self.push("municipality.land", ErrorCode::LandRegistryMismatch);
        }
        self.address("municipality.address", &m.address);
        if m.leitweg_id.trim().is_empty() {
            if schema_version >= 3 && m.land.is_some_and(crate::route::asks_leitweg_id) {
                self.warnings.push(FieldWarning {
                    path: "municipality.leitweg_id".to_owned(),
                    code: WarningCode::LeitwegIdMissing,
                    service: None,
                    found: String::new(),
                    expected: Vec::new(),
                });
            }
        } else {
            self.parsed("municipality.leitweg_id", &m.leitweg_id, LeitwegId::parse);
        }
    }

    fn address(&mut self, path: &str, a: &Address) {
        self.text(
            &format!("{path}.street"),
            &a.street,
            TextRule::REQUIRED_SHORT,
        );
        self.parsed(&format!("{path}.plz"), &a.plz, Plz::parse);
        self.text(&format!("{path}.ort"), &a.ort, TextRule::REQUIRED_SHORT);
    }

    fn contacts(&mut self, c: &Contacts) {
        let roles: [(ContactRole, Option<&Contact>); 5] = [
            (ContactRole::Vertretung, Some(&c.vertretung)),
            (ContactRole::Digitalisierung, c.digitalisierung.as_ref()),
            (ContactRole::Fachlich, Some(&c.fachlich)),
            (ContactRole::Technisch, Some(&c.technisch)),
            (ContactRole::Datenschutz, c.datenschutz.as_ref()),
        ];
        for (role, contact) in roles {
            let Some(contact) = contact else { continue };
            let path = format!("contacts.{}", role.as_str());
            self.text(
                &format!("{path}.name"),
                &contact.name,
                TextRule::REQUIRED_SHORT,
            );
            let function_rule = if role.function_required() {
                TextRule::REQUIRED_SHORT
            } else {
                TextRule::OPTIONAL_SHORT
            };
            self.text(
                &format!("{path}.function"),
                &contact.function,
                function_rule,
            );
            self.parsed(&format!("{path}.email"), &contact.email, Email::parse);
            if role.phone_required() {
                self.parsed(&format!("{path}.phone"), &contact.phone, Phone::parse);
            } else {
                self.optional(&format!("{path}.phone"), &contact.phone, Phone::parse);
            }
        }
        self.parsed(
            "contacts.funktionspostfach",
            &c.funktionspostfach,
            Email::parse,
        );
    }

    fn services(
        &mut self,
        services: &[ServiceRequest],
        land: Option<Land>,
        catalog: &Catalog,
        registry: &Registry,
        schema_version: u32,
    ) {
        // Version 3 added what an agency needs per service; older documents stay valid
        // without it.
        let full = schema_version >= 3;
        if services.is_empty() {
            self.push("services", ErrorCode::NoServices);
            return;
        }
        if services.len() > MAX_SERVICES {
            self.push("services", ErrorCode::TooManyItems);
            return;
        }
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, s) in services.iter().enumerate() {
            let path = format!("services[{i}]");
            let id = s.service_id.trim();
            let known = if id.is_empty() {
                self.push(format!("{path}.service_id"), ErrorCode::Required);
                None
            } else if !seen.insert(id) {
                self.push(format!("{path}.service_id"), ErrorCode::DuplicateService);
                catalog.service(id)
            } else {
                match catalog.service(id) {
                    None => {
                        self.push(format!("{path}.service_id"), ErrorCode::UnknownService);
                        None
                    }
                    Some(service) => {
                        // A Land's own service is judged by the municipality's Land; while
                        // that is missing (an error of its own) nothing is said about it.
                        let code = match (service.offer_type, land) {
                            (OfferType::LandService, Some(land))
                                if !service.is_connectable_in(land) =>
                            {
                                Some(ErrorCode::ServiceNotOfferedInLand)
                            }
                            (OfferType::LandService, _) => None,
                            (offer, _) if !offer.is_connectable() => {
                                Some(ErrorCode::ServiceNotConnectable)
                            }
                            _ => None,
                        };
                        if let Some(code) = code {
                            self.push(format!("{path}.service_id"), code);
                        }
                        Some(service)
                    }
                }
            };
            self.authority(&format!("{path}.authority"), &s.authority, id);
            if full {
                self.area(
                    &format!("{path}.authority.area"),
                    &s.authority.area,
                    registry,
                );
            }

            match &s.channel {
                None => self.push(format!("{path}.channel"), ErrorCode::Required),
                Some(choice) => {
                    // Only a non-empty list names the channels; `null` and `[]` mean the
                    // sources give none, so any channel is accepted then.
                    let listed = known
                        .and_then(|svc| svc.channels.as_deref())
                        .unwrap_or_default();
                    if !listed.is_empty() && !listed.iter().any(|o| o.channel == choice.channel()) {
                        self.push(format!("{path}.channel"), ErrorCode::ChannelNotAccepted);
                    }
                    match choice {
                        ChannelChoice::FitConnect { destination_id } => {
                            self.parsed(
                                &format!("{path}.channel.destination_id"),
                                destination_id,
                                DestinationId::parse,
                            );
                        }
                        ChannelChoice::OsciXta { dvdv_key } => {
                            // A malformed key is an error; a well-formed key of a category
                            // the catalog does not name for this service is only a warning,
                            // because the catalog lists what sources show, not all there is.
                            let key_path = format!("{path}.channel.dvdv_key");
                            if let Some(key) = self.parsed(&key_path, dvdv_key, DvdvKey::parse)
                                && !id.is_empty()
                                && let Some(w) = dvdv_warning(&key_path, &key, id, known)
                            {
                                self.warnings.push(w);
                            }
                        }
                        ChannelChoice::PdfDownload { funktionspostfach } => {
                            self.parsed(
                                &format!("{path}.channel.funktionspostfach"),
                                funktionspostfach,
                                Email::parse,
                            );
                        }
                        ChannelChoice::Email { address } => {
                            self.parsed(&format!("{path}.channel.address"), address, Email::parse);
                        }
                    }
                }
            }

            let fv_rule = if s
                .channel
                .as_ref()
                .is_some_and(ChannelChoice::needs_fachverfahren)
            {
                TextRule::REQUIRED_SHORT
            } else {
                TextRule::OPTIONAL_SHORT
            };
            self.text(&format!("{path}.fachverfahren"), &s.fachverfahren, fv_rule);
            self.text(&format!("{path}.vendor"), &s.vendor, fv_rule);
            if full {
                self.vendor_contact(
                    &format!("{path}.vendor_contact"),
                    &s.vendor_contact,
                    fv_rule,
                );
                self.embedding(&format!("{path}.embedding"), &s.embedding);
            }

            let test = self.optional(&format!("{path}.test_date"), &s.test_date, IsoDate::parse);
            let go_live = self.parsed(
                &format!("{path}.go_live_date"),
                &s.go_live_date,
                IsoDate::parse,
            );
            if let (Some(test), Some(go_live)) = (test, go_live)
                && go_live < test
            {
                self.push(format!("{path}.go_live_date"), ErrorCode::GoLiveBeforeTest);
            }
        }
    }

    fn authority(&mut self, path: &str, a: &Authority, service: &str) {
        self.text(&format!("{path}.name"), &a.name, TextRule::REQUIRED_SHORT);
        self.text(&format!("{path}.kind"), &a.kind, TextRule::OPTIONAL_SHORT);
        let service = (!service.is_empty()).then_some(service);
        self.oe_id(&format!("{path}.oe_id"), &a.oe_id, service);
        self.optional(&format!("{path}.bkz"), &a.bkz, Bkz::parse);
        self.address(&format!("{path}.address"), &a.address);
        self.parsed(&format!("{path}.email"), &a.email, Email::parse);
        self.parsed(&format!("{path}.phone"), &a.phone, Phone::parse);
    }

    /// The area of responsibility: at least one entry, each a PLZ or an ARS of the
    /// registry.
    fn area(&mut self, path: &str, area: &[String], registry: &Registry) {
        if area.len() > MAX_LIST {
            self.push(path, ErrorCode::TooManyItems);
            return;
        }
        let mut any = false;
        for entry in entries(area) {
            any = true;
            let code = if entry.len() == 5 {
                Plz::parse(entry).err().map(|_| ErrorCode::AreaEntryInvalid)
            } else {
                match Ars::parse(entry) {
                    Err(_) => Some(ErrorCode::AreaEntryInvalid),
                    Ok(ars) if registry.by_ars(&ars).is_none() => {
                        Some(ErrorCode::AreaNotInRegistry)
                    }
                    Ok(_) => None,
                }
            };
            // One message per field: the first problem found says what to fix.
            if let Some(code) = code {
                self.push(path, code);
                return;
            }
        }
        if !any {
            self.push(path, ErrorCode::Required);
        }
    }

    /// The vendor's contact: name and e-mail under `rule` (required where the channel
    /// delivers into a Fachverfahren), function and phone optional.
    fn vendor_contact(&mut self, path: &str, c: &Contact, rule: TextRule) {
        self.text(&format!("{path}.name"), &c.name, rule);
        self.text(
            &format!("{path}.function"),
            &c.function,
            TextRule::OPTIONAL_SHORT,
        );
        if rule.required || !c.email.trim().is_empty() {
            self.parsed(&format!("{path}.email"), &c.email, Email::parse);
        }
        self.optional(&format!("{path}.phone"), &c.phone, Phone::parse);
    }

    /// The embedding: a mode, and for a snippet or an extension the domains to allow.
    fn embedding(&mut self, path: &str, e: &Embedding) {
        let domains_path = format!("{path}.domains");
        if e.domains.len() > MAX_LIST {
            self.push(domains_path, ErrorCode::TooManyItems);
            return;
        }
        match e.mode {
            None => self.push(format!("{path}.mode"), ErrorCode::Required),
            Some(mode) if mode.needs_domains() && e.domain_list().next().is_none() => {
                self.push(domains_path.clone(), ErrorCode::Required);
            }
            Some(_) => {}
        }
        if e.domain_list().any(|d| HostName::parse(d).is_err()) {
            self.push(domains_path, ErrorCode::HostNameInvalid);
        }
    }

    fn prerequisites(
        &mut self,
        snapshot: &BTreeMap<String, PrerequisiteRecord>,
        services: &[ServiceRequest],
        catalog: &Catalog,
        schema_version: u32,
    ) {
        // A DVDV key in the evidence concerns the services delivered over OSCI/XTA.
        let osci: Vec<&str> = services
            .iter()
            .filter(|s| {
                s.channel
                    .as_ref()
                    .is_some_and(|c| c.channel() == Channel::OsciXta)
            })
            .map(|s| s.service_id.trim())
            .filter(|id| !id.is_empty())
            .collect();
        if snapshot.len() > MAX_PREREQUISITES {
            self.push("prerequisites", ErrorCode::TooManyItems);
            return;
        }
        for (id, record) in snapshot {
            let path = format!("prerequisites.{}", path_key(id));
            let Some(prerequisite) = catalog.prerequisite(id) else {
                self.push(path, ErrorCode::UnknownPrerequisite);
                continue;
            };
            if record.evidence.len() > MAX_EVIDENCE {
                self.push(format!("{path}.evidence"), ErrorCode::TooManyItems);
                continue;
            }
            for (field_id, value) in &record.evidence {
                let field_path = format!("{path}.evidence.{}", path_key(field_id));
                match prerequisite.evidence.iter().find(|f| &f.id == field_id) {
                    // Before version 3 the Leitweg-ID was an evidence value here.
                    None if schema_version < 3
                        && (id.as_str(), field_id.as_str()) == LEGACY_LEITWEG_EVIDENCE =>
                    {
                        if !value.trim().is_empty() {
                            self.parsed(&field_path, value, LeitwegId::parse);
                        }
                    }
                    None => self.push(field_path, ErrorCode::UnknownEvidenceField),
                    Some(_) if value.trim().is_empty() => {}
                    Some(field) => match check_evidence(field.kind, value) {
                        Err(code) => self.push(field_path, code),
                        Ok(()) => match field.kind {
                            EvidenceKind::DvdvOrganisationsschluessel => {
                                if let Ok(key) = DvdvKey::parse(value) {
                                    for id in &osci {
                                        let service = catalog.service(id);
                                        if let Some(w) =
                                            dvdv_warning(&field_path, &key, id, service)
                                        {
                                            self.warnings.push(w);
                                        }
                                    }
                                }
                            }
                            EvidenceKind::PvogOeId => {
                                self.warnings
                                    .extend(oe_id_warning(&field_path, value, None));
                            }
                            _ => {}
                        },
                    },
                }
            }
            // A prerequisite marked done must carry the evidence it asks for.
            if record.status == PrereqStatus::Erledigt {
                for field in prerequisite.evidence.iter().filter(|f| !f.optional) {
                    let blank = record
                        .evidence
                        .get(&field.id)
                        .is_none_or(|v| v.trim().is_empty());
                    if blank {
                        self.push(format!("{path}.evidence.{}", field.id), ErrorCode::Required);
                    }
                }
            }
        }
    }
}

/// Where documents before version 3 kept the Leitweg-ID: (prerequisite, evidence field).
pub const LEGACY_LEITWEG_EVIDENCE: (&str, &str) = ("marktplatz-zugang", "leitweg-id");

/// A map key as it appears in an error path: at most 100 characters, so that a hostile
/// key cannot blow up the error list.
fn path_key(key: &str) -> String {
    key.chars().take(100).collect()
}

/// Checks one evidence value by its kind. Blank values are the caller's concern.
pub fn check_evidence(kind: EvidenceKind, value: &str) -> Result<(), ErrorCode> {
    let code = |r: Result<(), IdentError>| r.map_err(IdentError::code);
    match kind {
        EvidenceKind::FitConnectDestinationId => code(DestinationId::parse(value).map(drop)),
        EvidenceKind::DvdvOrganisationsschluessel => code(DvdvKey::parse(value).map(drop)),
        // The form comes from one example, so only the text is checked here; request
        // validation warns when the value differs from that form.
        EvidenceKind::PvogOeId => check_text(value, TextRule::OPTIONAL_SHORT),
        EvidenceKind::Url => code(WebUrl::parse(value).map(drop)),
        EvidenceKind::Date => code(IsoDate::parse(value).map(drop)),
        EvidenceKind::Text => check_text(value, TextRule::OPTIONAL_LONG),
        EvidenceKind::Email => code(Email::parse(value).map(drop)),
        EvidenceKind::LeitwegId => code(LeitwegId::parse(value).map(drop)),
        EvidenceKind::Bkz => code(Bkz::parse(value).map(drop)),
    }
}

// ── schema helpers for types defined elsewhere ───────────────────────────────────────────
//
// `Land`, `RouteKind` and `PrereqStatus` belong to other modules and do not implement
// `JsonSchema`. These stand-ins describe them from the types' own lists and serialised
// names, so the schema cannot drift from what serde writes.

fn string_enum_schema(values: Vec<serde_json::Value>, description: &str) -> schemars::Schema {
    let mut map = serde_json::Map::new();
    map.insert("type".into(), "string".into());
    map.insert("enum".into(), serde_json::Value::Array(values));
    map.insert("description".into(), description.into());
    schemars::Schema::from(map)
}

/// Schema of [`Land`]: its two-digit key.
struct LandSchema;

impl JsonSchema for LandSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Land".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let values = Land::ALL.iter().map(|l| l.code().into()).collect();
        string_enum_schema(
            values,
            "Land, by its two-digit key (01 Schleswig-Holstein … 16 Thüringen).",
        )
    }
}

/// Schema of [`RouteKind`].
struct RouteKindSchema;

impl JsonSchema for RouteKindSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RouteKind".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let values = RouteKind::ALL.iter().map(|r| r.as_str().into()).collect();
        string_enum_schema(
            values,
            "Contract route: baykommun (Bayern), d-nrw (Nordrhein-Westfalen), marktplatz (other Länder).",
        )
    }
}

/// Schema of [`PrereqStatus`].
struct PrereqStatusSchema;

impl JsonSchema for PrereqStatusSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PrereqStatus".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let values = PrereqStatus::ALL
            .iter()
            .filter_map(|s| serde_json::to_value(s).ok())
            .collect();
        string_enum_schema(values, "The clerk's status of a prerequisite.")
    }
}
