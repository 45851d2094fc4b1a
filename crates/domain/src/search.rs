//! Free-text search and filters over the service catalog, as the "Leistungen auswählen"
//! step offers them.
//!
//! The folded search text of every service is built once ([`ServiceIndex::new`]), so a
//! keystroke costs one pass of substring checks over precomputed strings, which stays well
//! inside a frame even for a catalog of thousands of services.

use crate::catalog::{Catalog, Channel, MunicipalityKind, Service};
use crate::land::Land;
use crate::registry::fold_into;

/// What the clerk filters by. Empty/`None` fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceFilter {
    /// Free text; every word must occur in name, description, Themenfeld, OZG-Leistung,
    /// platform, data standard or a Leika key (umlauts and ß folded, case ignored).
    pub text: String,
    pub themenfeld: Option<String>,
    pub umsetzendes_land: Option<Land>,
    pub channel: Option<Channel>,
    /// Keep services whose responsible levels include this kind (unknown levels are kept:
    /// an unknown fact must not hide a service).
    pub responsible_for: Option<MunicipalityKind>,
    /// Keep services with availability evidence for this Land (only Bayern and NRW have
    /// such evidence in the catalog; for other Länder the filter keeps everything).
    pub available_in: Option<Land>,
}

/// Precomputed search keys of a catalog.
#[derive(Debug, Clone)]
pub struct ServiceIndex {
    keys: Vec<String>,
}

impl ServiceIndex {
    pub fn new(catalog: &Catalog) -> ServiceIndex {
        ServiceIndex {
            keys: catalog.services().iter().map(search_key).collect(),
        }
    }

    /// Positions (in catalog order) of the services that pass `filter`.
    pub fn filter(&self, catalog: &Catalog, filter: &ServiceFilter) -> Vec<usize> {
        let mut words = String::new();
        fold_into(&filter.text, false, &mut words);
        let words: Vec<&str> = words.split_whitespace().collect();
        catalog
            .services()
            .iter()
            .zip(&self.keys)
            .enumerate()
            .filter(|(_, (service, key))| {
                words.iter().all(|w| key.contains(w)) && passes(service, filter)
            })
            .map(|(i, _)| i)
            .collect()
    }
}

fn search_key(s: &Service) -> String {
    let mut raw = String::new();
    for part in [
        Some(s.name.as_str()),
        Some(s.description.as_str()),
        s.themenfeld.as_deref(),
        s.ozg_leistung.as_deref(),
        s.platform.as_deref(),
        s.data_standard.as_deref(),
        s.responsible_authority.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        raw.push_str(part);
        raw.push(' ');
    }
    for key in s.leika_keys() {
        raw.push_str(key);
        raw.push(' ');
    }
    let mut folded = String::with_capacity(raw.len());
    fold_into(&raw, false, &mut folded);
    folded
}

fn passes(s: &Service, f: &ServiceFilter) -> bool {
    if let Some(tf) = &f.themenfeld
        && s.themenfeld.as_deref() != Some(tf.as_str())
    {
        return false;
    }
    if let Some(land) = f.umsetzendes_land
        && s.provider.umsetzendes_land != Some(land)
    {
        return false;
    }
    if let Some(channel) = f.channel
        && s.offers_channel(channel) != Some(true)
    {
        return false;
    }
    if let Some(kind) = f.responsible_for
        && let Some(levels) = &s.responsible_levels
        && !levels.contains(&kind)
    {
        return false;
    }
    if let Some(land) = f.available_in
        && matches!(land, Land::Bayern | Land::NordrheinWestfalen)
        && s.availability.for_land(land).is_none()
    {
        return false;
    }
    true
}

/// The distinct Themenfelder of the catalog, sorted, for the filter's choices.
pub fn themenfelder(catalog: &Catalog) -> Vec<String> {
    let mut all: Vec<String> = catalog
        .services()
        .iter()
        .filter_map(|s| s.themenfeld.clone())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The distinct umsetzende Länder of the catalog, in key order.
pub fn umsetzende_laender(catalog: &Catalog) -> Vec<Land> {
    let mut all: Vec<Land> = catalog
        .services()
        .iter()
        .filter_map(|s| s.provider.umsetzendes_land)
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}
