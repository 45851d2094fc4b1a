//! Problems found while reading a catalog: data, with an English message for operators.

use serde::Serialize;

use super::model::Channel;

/// The catalog entry a problem is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "kebab-case")]
pub enum Entry {
    /// The file as a whole (top-level fields).
    Catalog,
    /// The `common_prerequisites` list.
    CommonPrerequisites,
    /// A service, by id.
    Service(String),
    /// A service whose id could not be read, by its position (0-based) in `services`.
    ServiceAt(usize),
    /// A prerequisite, by id.
    Prerequisite(String),
    /// A prerequisite whose id could not be read, by its position in `prerequisites`.
    PrerequisiteAt(usize),
}

impl std::fmt::Display for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Entry::Catalog => f.write_str("catalog"),
            Entry::CommonPrerequisites => f.write_str("common_prerequisites"),
            Entry::Service(id) => write!(f, "service `{id}`"),
            Entry::ServiceAt(index) => write!(f, "service #{index}"),
            Entry::Prerequisite(id) => write!(f, "prerequisite `{id}`"),
            Entry::PrerequisiteAt(index) => write!(f, "prerequisite #{index}"),
        }
    }
}

/// One problem in a catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "kebab-case")]
pub enum CatalogError {
    /// The text is not JSON.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// A field is missing, unknown or of the wrong type.
    #[error("{entry}: {message}")]
    Shape { entry: Entry, message: String },
    /// The file is for another version of the format.
    #[error("catalog: schema_version {found} is not supported (this build reads {supported})")]
    UnsupportedSchemaVersion { found: u32, supported: u32 },
    /// A text field that must say something is empty.
    #[error("{entry}: `{field}` must not be empty")]
    EmptyText { entry: Entry, field: &'static str },
    /// An id is not a kebab-case slug.
    #[error("{entry}: id `{id}` must be kebab-case (a-z, 0-9, single hyphens)")]
    InvalidId { entry: Entry, id: String },
    /// Two services share an id.
    #[error("service `{id}` is defined more than once")]
    DuplicateService { id: String },
    /// Two prerequisites share an id.
    #[error("prerequisite `{id}` is defined more than once")]
    DuplicatePrerequisite { id: String },
    /// A service or the common list names a prerequisite that does not exist.
    #[error("{entry}: unknown prerequisite `{prerequisite}`")]
    UnknownPrerequisite { entry: Entry, prerequisite: String },
    /// A prerequisite depends on one that does not exist.
    #[error("prerequisite `{prerequisite}`: depends_on names unknown prerequisite `{depends_on}`")]
    UnknownDependency {
        prerequisite: String,
        depends_on: String,
    },
    /// A condition names a service that does not exist.
    #[error("prerequisite `{prerequisite}`: applies_if names unknown service `{service}`")]
    UnknownServiceInCondition {
        prerequisite: String,
        service: String,
    },
    /// The same id appears twice in one list.
    #[error("{entry}: `{id}` is listed more than once in `{list}`")]
    DuplicateReference {
        entry: Entry,
        list: &'static str,
        id: String,
    },
    /// Prerequisites depend on each other in a circle. `cycle` starts and ends with the
    /// same id.
    #[error("prerequisite `{}`: dependency cycle {}", .cycle.first().map(String::as_str).unwrap_or_default(), .cycle.join(" -> "))]
    DependencyCycle { cycle: Vec<String> },
    /// An entry has no source URL.
    #[error("{entry}: `{field}` needs at least one source URL")]
    MissingSources { entry: Entry, field: &'static str },
    /// A URL field does not hold an http(s) URL.
    #[error("{entry}: `{field}` value `{url}` is not an http(s) URL")]
    InvalidUrl {
        entry: Entry,
        field: &'static str,
        url: String,
    },
    /// A Leika key is not 14 digits.
    #[error("service `{service}`: Leika key `{key}` must be exactly 14 digits")]
    InvalidLeikaKey { service: String, key: String },
    /// A Leika key is listed twice in one service.
    #[error("service `{service}`: Leika key `{key}` is listed more than once")]
    DuplicateLeikaKey { service: String, key: String },
    /// A channel is listed twice in one service.
    #[error("service `{service}`: channel `{channel}` is listed more than once")]
    DuplicateChannel { service: String, channel: Channel },
    /// DVDV categories given for a channel that is not OSCI/XTA.
    #[error(
        "service `{service}`: dvdv_categories only apply to channel `osci-xta`, not `{channel}`"
    )]
    DvdvCategoryWithoutOsci { service: String, channel: Channel },
    /// Two evidence fields of one prerequisite share an id.
    #[error("prerequisite `{prerequisite}`: evidence field `{field}` is defined more than once")]
    DuplicateEvidenceField { prerequisite: String, field: String },
    /// An evidence field id is not a kebab-case slug.
    #[error(
        "prerequisite `{prerequisite}`: evidence field id `{field}` must be kebab-case (a-z, 0-9, single hyphens)"
    )]
    InvalidEvidenceId { prerequisite: String, field: String },
}

impl CatalogError {
    /// The entry the problem is about, where there is a single one.
    pub fn entry(&self) -> Entry {
        match self {
            CatalogError::Syntax { .. } | CatalogError::UnsupportedSchemaVersion { .. } => {
                Entry::Catalog
            }
            CatalogError::Shape { entry, .. }
            | CatalogError::EmptyText { entry, .. }
            | CatalogError::InvalidId { entry, .. }
            | CatalogError::UnknownPrerequisite { entry, .. }
            | CatalogError::DuplicateReference { entry, .. }
            | CatalogError::MissingSources { entry, .. }
            | CatalogError::InvalidUrl { entry, .. } => entry.clone(),
            CatalogError::DuplicateService { id } => Entry::Service(id.clone()),
            CatalogError::InvalidLeikaKey { service, .. }
            | CatalogError::DuplicateLeikaKey { service, .. }
            | CatalogError::DuplicateChannel { service, .. }
            | CatalogError::DvdvCategoryWithoutOsci { service, .. } => {
                Entry::Service(service.clone())
            }
            CatalogError::DuplicatePrerequisite { id } => Entry::Prerequisite(id.clone()),
            CatalogError::UnknownDependency { prerequisite, .. }
            | CatalogError::UnknownServiceInCondition { prerequisite, .. }
            | CatalogError::DuplicateEvidenceField { prerequisite, .. }
            | CatalogError::InvalidEvidenceId { prerequisite, .. } => {
                Entry::Prerequisite(prerequisite.clone())
            }
            CatalogError::DependencyCycle { cycle } => {
                Entry::Prerequisite(cycle.first().cloned().unwrap_or_default())
            }
        }
    }
}

/// All problems found in one catalog, in a deterministic order (file order, then kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CatalogErrors(pub Vec<CatalogError>);

impl CatalogErrors {
    /// The problems.
    pub fn errors(&self) -> &[CatalogError] {
        &self.0
    }

    /// Number of problems (at least one for an error returned by this crate).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no problem (never the case for a returned error).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any problem is exactly `error`.
    pub fn contains(&self, error: &CatalogError) -> bool {
        self.0.contains(error)
    }
}

impl From<CatalogError> for CatalogErrors {
    fn from(error: CatalogError) -> Self {
        CatalogErrors(vec![error])
    }
}

impl IntoIterator for CatalogErrors {
    type Item = CatalogError;
    type IntoIter = std::vec::IntoIter<CatalogError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl std::fmt::Display for CatalogErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.as_slice() {
            [] => f.write_str("the catalog has no problems"),
            [only] => write!(f, "{only}"),
            all => {
                write!(f, "the catalog has {} problems:", all.len())?;
                for error in all {
                    write!(f, "\n- {error}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CatalogErrors {}
