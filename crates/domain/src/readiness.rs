//! Readiness: which prerequisites a municipality still has to fulfil for the services it
//! chose, which services are ready, and what to do next.
//!
//! # Rules
//!
//! 1. A selected service needs the catalog's common prerequisites plus its own, and
//!    transitively everything those depend on. Each of them counts only if its
//!    `applies_if` condition matches the context (route, Land, municipality kind, the
//!    service's channel, the service); a dependency that does not apply is dropped together
//!    with what only it would pull in. Dependencies hold per service: the PVOG entry of a
//!    service delivered by FIT-Connect waits for the FIT-Connect destination, the same
//!    entry of a service delivered over OSCI/XTA does not.
//! 2. The checklist is deduplicated: a prerequisite needed by five services appears once
//!    and lists the five service ids. It is grouped by [`Category`].
//! 3. The status of a prerequisite comes from the caller's map (missing = `Offen`).
//!    `Erledigt` and `NichtZutreffend` both count as fulfilled. "Kann noch nicht begonnen
//!    werden" is never stored: it is derived for an open prerequisite that waits for an
//!    unfulfilled dependency for every service that needs it
//!    ([`ItemState::KannNochNichtBegonnenWerden`]); if it waits only for some of them,
//!    [`ChecklistItem::blocked_for`] names those.
//! 4. Entries that cannot be connected from the municipality's Land (pilots, projects,
//!    services of the Bund, a Land's own service not shown offered there;
//!    [`crate::catalog::Service::is_connectable_in`] is false) add nothing to the checklist
//!    and are blocked. A source saying the service is paused in the Land blocks it too.
//! 5. A service's channel is the chosen one, else the only channel the catalog knows for
//!    it. Without a channel, channel-specific prerequisites cannot be determined and the
//!    service is blocked until the clerk chooses one (step T1 of the research, "choose a
//!    transport channel", is this choice rather than a stored checklist item). A chosen
//!    channel the catalog does not name for the service blocks it as well, because the
//!    catalog only lists channels a source confirms.
//! 6. Next actions are the unfulfilled prerequisites in dependency order (a prerequisite
//!    never comes before one it depends on), ties broken by catalog file order.
//!
//! Every output list is sorted by catalog position, so the result does not depend on the
//! order (or repetition) of the selected services.
//!
//! # Cost
//!
//! Ids are resolved to positions once ([`Catalog`] keeps the indexes), the work is linear
//! in (selected services × prerequisites reachable from them) plus one pass over the
//! catalog's prerequisites, and strings are only cloned for the output.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use serde::{Deserialize, Serialize};

use crate::catalog::{AvailabilityStatus, Catalog, Category, Channel, MunicipalityKind, OfferType};
use crate::land::Land;
use crate::route::RouteKind;

/// The clerk's status of one prerequisite, as stored.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum PrereqStatus {
    /// Not started (the default).
    #[default]
    Offen,
    /// Being worked on.
    InArbeit,
    /// Done.
    Erledigt,
    /// Does not apply to this municipality (counts as fulfilled).
    NichtZutreffend,
}

impl PrereqStatus {
    /// All statuses.
    pub const ALL: [PrereqStatus; 4] = [
        PrereqStatus::Offen,
        PrereqStatus::InArbeit,
        PrereqStatus::Erledigt,
        PrereqStatus::NichtZutreffend,
    ];

    /// Whether the prerequisite no longer stands in the way.
    pub fn is_fulfilled(self) -> bool {
        matches!(self, PrereqStatus::Erledigt | PrereqStatus::NichtZutreffend)
    }

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            PrereqStatus::Offen => "Offen",
            PrereqStatus::InArbeit => "In Arbeit",
            PrereqStatus::Erledigt => "Erledigt",
            PrereqStatus::NichtZutreffend => "Nicht zutreffend",
        }
    }
}

/// The state shown for a checklist item: the stored status, or the derived "cannot be
/// started yet".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemState {
    Offen,
    /// Stored as `Offen`, but a dependency is not fulfilled yet.
    KannNochNichtBegonnenWerden,
    /// Stored as `InArbeit`. Stays so even if a dependency is open again: work has begun,
    /// `blocked_by` still shows what is missing.
    InArbeit,
    Erledigt,
    NichtZutreffend,
}

impl ItemState {
    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            ItemState::Offen => "Offen",
            ItemState::KannNochNichtBegonnenWerden => "Kann noch nicht begonnen werden",
            ItemState::InArbeit => "In Arbeit",
            ItemState::Erledigt => "Erledigt",
            ItemState::NichtZutreffend => "Nicht zutreffend",
        }
    }

    /// Whether the item is fulfilled.
    pub fn is_fulfilled(self) -> bool {
        matches!(self, ItemState::Erledigt | ItemState::NichtZutreffend)
    }
}

/// Everything readiness needs to know about the municipality and its choices.
///
/// Deserialisable so the API can take it as a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessInput {
    /// The municipality's Land; decides the route.
    pub land: Land,
    /// The municipality's kind, if known. Unknown matches every kind condition.
    #[serde(default)]
    pub kind: Option<MunicipalityKind>,
    /// Selected service ids. Order and repetition do not matter; unknown ids are reported
    /// in [`Readiness::unknown_services`].
    pub services: Vec<String>,
    /// Chosen channel per service id.
    #[serde(default)]
    pub channels: BTreeMap<String, Channel>,
    /// Status per prerequisite id. Missing = `Offen`; unknown ids are ignored.
    #[serde(default)]
    pub statuses: BTreeMap<String, PrereqStatus>,
}

impl ReadinessInput {
    /// An input with no channels chosen and no status recorded yet.
    pub fn new(land: Land, kind: Option<MunicipalityKind>, services: Vec<String>) -> Self {
        ReadinessInput {
            land,
            kind,
            services,
            channels: BTreeMap::new(),
            statuses: BTreeMap::new(),
        }
    }
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    /// The route the municipality's Land takes.
    pub route: RouteKind,
    /// The deduplicated checklist, one group per category in [`Category::ALL`] order
    /// (a group may be empty).
    pub checklist: Vec<ChecklistGroup>,
    /// One entry per known selected service, in catalog order.
    pub services: Vec<ServiceReadinessEntry>,
    /// Unfulfilled prerequisites in dependency order.
    pub next_actions: Vec<NextAction>,
    /// Selected ids the catalog does not know (sorted, deduplicated).
    pub unknown_services: Vec<String>,
}

impl Readiness {
    /// The checklist item for prerequisite `id`, if it is on the checklist.
    pub fn item(&self, id: &str) -> Option<&ChecklistItem> {
        self.checklist
            .iter()
            .flat_map(|g| &g.items)
            .find(|i| i.prerequisite == id)
    }

    /// The readiness of service `id`, if it was selected and is known.
    pub fn service(&self, id: &str) -> Option<&ServiceReadiness> {
        self.services
            .iter()
            .find(|s| s.service == id)
            .map(|s| &s.readiness)
    }

    /// Whether every selected service is ready (false when nothing known was selected).
    pub fn all_ready(&self) -> bool {
        !self.services.is_empty()
            && self
                .services
                .iter()
                .all(|s| s.readiness == ServiceReadiness::Bereit)
    }

    /// Number of checklist items.
    pub fn item_count(&self) -> usize {
        self.checklist.iter().map(|g| g.items.len()).sum()
    }

    /// The channels the selected services use (chosen, or the only one the catalog
    /// knows), deduplicated in [`Channel::ALL`] order. Decides which channel-bound steps of
    /// the contract route concern the municipality
    /// ([`crate::route::LandRoute::steps_for`]).
    pub fn channels_in_use(&self) -> Vec<Channel> {
        Channel::ALL
            .into_iter()
            .filter(|c| self.services.iter().any(|s| s.channel == Some(*c)))
            .collect()
    }
}

/// The checklist items of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistGroup {
    pub category: Category,
    /// In catalog order.
    pub items: Vec<ChecklistItem>,
}

/// One prerequisite on the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Prerequisite id (look up title, evidence, … in the catalog).
    pub prerequisite: String,
    /// The stored status (`Offen` when none was given).
    pub status: PrereqStatus,
    /// The state to show, with "kann noch nicht begonnen werden" derived.
    pub state: ItemState,
    /// Direct dependencies that are not fulfilled yet and hold for at least one of the
    /// services that need it, in catalog order.
    pub blocked_by: Vec<String>,
    /// The services (of `services`) for which it waits on `blocked_by`, in catalog order.
    /// All of them when the item cannot be started yet; fewer when the clerk can already
    /// work on it for the others.
    pub blocked_for: Vec<String>,
    /// Selected services that need it, in catalog order.
    pub services: Vec<String>,
}

/// Readiness of one selected service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceReadinessEntry {
    pub service: String,
    /// The channel readiness worked with: the chosen one, else the only known one.
    pub channel: Option<Channel>,
    pub readiness: ServiceReadiness,
}

/// Whether a service can be connected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum ServiceReadiness {
    /// Every prerequisite is fulfilled.
    Bereit,
    /// Something the checklist cannot resolve stands in the way; `open` lists the
    /// unfulfilled prerequisites as far as they can be determined.
    Blockiert {
        reasons: Vec<BlockReason>,
        open: Vec<String>,
    },
    /// These prerequisites (catalog order) are not fulfilled yet.
    OffenePunkte { open: Vec<String> },
}

/// Why a service is blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum BlockReason {
    /// The entry is not a connectable EfA offer (pilot, project or service of the Bund).
    NotConnectable { offer_type: OfferType },
    /// A Land's own service that no source shows offered in the municipality's Land.
    NotOfferedInLand { land: Land },
    /// A source says the service is paused in the municipality's Land.
    PausedInLand { land: Land, text: String },
    /// Channel-specific prerequisites apply but no channel is chosen. `known` lists the
    /// channels the catalog names (empty when unknown).
    ChannelNotChosen { known: Vec<Channel> },
    /// The chosen channel is not among those the catalog names for the service; check
    /// with the operator before relying on it.
    ChannelNotKnownForService {
        chosen: Channel,
        known: Vec<Channel>,
    },
}

impl BlockReason {
    /// German explanation for the clerk.
    pub fn text_de(&self) -> String {
        match self {
            BlockReason::NotConnectable { offer_type } => {
                format!("Kein anschließbares Angebot: {}.", offer_type.label_de())
            }
            BlockReason::NotOfferedInLand { land } => format!(
                "Für {land} ist kein Angebot belegt: Die Quellen zeigen den Dienst nur als Onlinedienst eines anderen Landes."
            ),
            BlockReason::PausedInLand { land, text } => {
                format!("In {land} pausiert: {text}")
            }
            BlockReason::ChannelNotChosen { known } if known.is_empty() => {
                "Bitte einen Übertragungsweg wählen; der Katalog kennt für diesen Dienst keinen."
                    .to_owned()
            }
            BlockReason::ChannelNotChosen { known } => format!(
                "Bitte einen Übertragungsweg wählen: {}.",
                join_labels(known)
            ),
            BlockReason::ChannelNotKnownForService { chosen, known } => format!(
                "Der gewählte Übertragungsweg „{}“ ist für diesen Dienst nicht belegt (bekannt: {}). Bitte mit dem Betreiber klären.",
                chosen.label_de(),
                join_labels(known)
            ),
        }
    }
}

fn join_labels(channels: &[Channel]) -> String {
    channels
        .iter()
        .map(|c| c.label_de())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One entry of the ordered to-do list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextAction {
    pub prerequisite: String,
    pub state: ItemState,
    /// Whether every dependency is fulfilled, i.e. the clerk can act on it now.
    pub can_start: bool,
}

/// Whether a prerequisite applies to one service in a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applies {
    Yes,
    No,
    /// Everything matches except that the condition names channels and none is known.
    NeedsChannel,
}

struct Context {
    route: RouteKind,
    land: Land,
    kind: Option<MunicipalityKind>,
}

fn applies(
    catalog: &Catalog,
    prerequisite: usize,
    context: &Context,
    service: usize,
    channel: Option<Channel>,
) -> Applies {
    let condition = &catalog.prerequisites()[prerequisite].applies_if;
    if !condition.routes.is_empty() && !condition.routes.contains(&context.route) {
        return Applies::No;
    }
    if !condition.allows_land(context.land) {
        return Applies::No;
    }
    if let Some(kind) = context.kind
        && !condition.kinds.is_empty()
        && !condition.kinds.contains(&kind)
    {
        return Applies::No;
    }
    if !condition.services.is_empty()
        && catalog.index().condition_services[prerequisite]
            .binary_search(&service)
            .is_err()
    {
        return Applies::No;
    }
    if condition.channels.is_empty() {
        return Applies::Yes;
    }
    match channel {
        Some(c) if condition.channels.contains(&c) => Applies::Yes,
        Some(_) => Applies::No,
        None => Applies::NeedsChannel,
    }
}

/// Computes the checklist, per-service readiness and next actions.
pub fn evaluate(catalog: &Catalog, input: &ReadinessInput) -> Readiness {
    let context = Context {
        route: RouteKind::for_land(input.land),
        land: input.land,
        kind: input.kind,
    };
    let index = catalog.index();
    let services = catalog.services();
    let prerequisites = catalog.prerequisites();

    let mut selected = Vec::with_capacity(input.services.len());
    let mut unknown_services = Vec::new();
    for id in &input.services {
        match catalog.service_position(id) {
            Some(position) => selected.push(position),
            None => unknown_services.push(id.clone()),
        }
    }
    selected.sort_unstable();
    selected.dedup();
    unknown_services.sort_unstable();
    unknown_services.dedup();

    let status: Vec<PrereqStatus> = prerequisites
        .iter()
        .map(|p| input.statuses.get(&p.id).copied().unwrap_or_default())
        .collect();

    // Per prerequisite: positions (into `selected`) of the services that need it. Filled in
    // ascending service order, so each list is already sorted.
    let mut needed_by: Vec<Vec<usize>> = vec![Vec::new(); prerequisites.len()];
    // `visited[p] == slot` marks p as seen for the service in `slot`; no clearing needed.
    let mut visited: Vec<usize> = vec![usize::MAX; prerequisites.len()];
    let mut stack: Vec<usize> = Vec::new();
    let mut per_service: Vec<(usize, Option<Channel>, bool, Vec<usize>)> =
        Vec::with_capacity(selected.len());

    for (slot, &service) in selected.iter().enumerate() {
        let entry = &services[service];
        let channel = input
            .channels
            .get(&entry.id)
            .copied()
            .or_else(|| entry.single_known_channel());
        let mut needs_channel = false;
        let mut own = Vec::new();
        stack.clear();
        // A pilot, project or Bund service cannot be connected through the EfA routes, nor
        // a Land's own service where no offer is shown, so it adds nothing to the
        // checklist; its entry is blocked.
        if entry.is_connectable_in(input.land) {
            stack.extend(index.common.iter().copied());
            stack.extend(index.service_prerequisites[service].iter().copied());
        }
        while let Some(p) = stack.pop() {
            if visited[p] == slot {
                continue;
            }
            visited[p] = slot;
            match applies(catalog, p, &context, service, channel) {
                Applies::Yes => {
                    own.push(p);
                    needed_by[p].push(slot);
                    stack.extend(index.depends_on[p].iter().copied());
                }
                Applies::NeedsChannel => needs_channel = true,
                Applies::No => {}
            }
        }
        own.sort_unstable();
        per_service.push((service, channel, needs_channel, own));
    }

    let on_list = |p: usize| !needed_by[p].is_empty();
    let fulfilled = |p: usize| status[p].is_fulfilled();
    // A dependency of `p` counts for a service only if it applies to that service too
    // (`own` holds exactly the prerequisites that apply to it), so one service's channel
    // does not hold up a shared item for the others.
    let holds_for = |slot: usize, d: usize| per_service[slot].3.binary_search(&d).is_ok();
    // Per checklist item: the dependencies that hold for at least one of its services.
    let relevant: Vec<Vec<usize>> = (0..prerequisites.len())
        .map(|p| {
            let mut deps: Vec<usize> = index.depends_on[p]
                .iter()
                .copied()
                .filter(|&d| needed_by[p].iter().any(|&slot| holds_for(slot, d)))
                .collect();
            deps.sort_unstable();
            deps.dedup();
            deps
        })
        .collect();

    // Checklist.
    let mut checklist: Vec<ChecklistGroup> = Category::ALL
        .iter()
        .map(|&category| ChecklistGroup {
            category,
            items: Vec::new(),
        })
        .collect();
    let mut unfulfilled = Vec::new();
    // Per prerequisite: whether it waits for a dependency for every service that needs it.
    let mut cannot_start = vec![false; prerequisites.len()];
    for (p, prerequisite) in prerequisites.iter().enumerate() {
        if !on_list(p) {
            continue;
        }
        let blocking: Vec<usize> = relevant[p]
            .iter()
            .copied()
            .filter(|&d| !fulfilled(d))
            .collect();
        let blocked_for: Vec<usize> = needed_by[p]
            .iter()
            .copied()
            .filter(|&slot| blocking.iter().any(|&d| holds_for(slot, d)))
            .collect();
        cannot_start[p] = blocked_for.len() == needed_by[p].len();
        let state = derive_state(status[p], cannot_start[p]);
        if !state.is_fulfilled() {
            unfulfilled.push(p);
        }
        let item = ChecklistItem {
            prerequisite: prerequisite.id.clone(),
            status: status[p],
            state,
            blocked_by: blocking
                .iter()
                .map(|&d| prerequisites[d].id.clone())
                .collect(),
            blocked_for: blocked_for
                .iter()
                .map(|&slot| services[selected[slot]].id.clone())
                .collect(),
            services: needed_by[p]
                .iter()
                .map(|&slot| services[selected[slot]].id.clone())
                .collect(),
        };
        let group = Category::ALL
            .iter()
            .position(|&c| c == prerequisite.category)
            .unwrap_or(0);
        checklist[group].items.push(item);
    }

    // Per-service readiness.
    let service_entries = per_service
        .into_iter()
        .map(|(service, channel, needs_channel, own)| {
            let entry = &services[service];
            let open: Vec<String> = own
                .iter()
                .copied()
                .filter(|&p| !fulfilled(p))
                .map(|p| prerequisites[p].id.clone())
                .collect();
            let mut reasons = Vec::new();
            if entry.offer_type == OfferType::LandService {
                if !entry.is_connectable_in(input.land) {
                    reasons.push(BlockReason::NotOfferedInLand { land: input.land });
                }
            } else if !entry.offer_type.is_connectable() {
                reasons.push(BlockReason::NotConnectable {
                    offer_type: entry.offer_type,
                });
            }
            if let Some(evidence) = entry.availability.for_land(input.land)
                && evidence.status == AvailabilityStatus::Paused
            {
                reasons.push(BlockReason::PausedInLand {
                    land: input.land,
                    text: evidence.text.clone(),
                });
            }
            let known: Vec<Channel> = entry.known_channels().collect();
            if let Some(chosen) = input.channels.get(&entry.id).copied()
                && entry.offers_channel(chosen) == Some(false)
            {
                reasons.push(BlockReason::ChannelNotKnownForService {
                    chosen,
                    known: known.clone(),
                });
            }
            if needs_channel && channel.is_none() {
                reasons.push(BlockReason::ChannelNotChosen { known });
            }
            let readiness = if !reasons.is_empty() {
                ServiceReadiness::Blockiert { reasons, open }
            } else if open.is_empty() {
                ServiceReadiness::Bereit
            } else {
                ServiceReadiness::OffenePunkte { open }
            };
            ServiceReadinessEntry {
                service: entry.id.clone(),
                channel,
                readiness,
            }
        })
        .collect();

    let next_actions = order_next_actions(catalog, &unfulfilled, &status, &relevant, &cannot_start);

    Readiness {
        route: context.route,
        checklist,
        services: service_entries,
        next_actions,
        unknown_services,
    }
}

fn derive_state(status: PrereqStatus, has_open_dependency: bool) -> ItemState {
    match status {
        PrereqStatus::Offen if has_open_dependency => ItemState::KannNochNichtBegonnenWerden,
        PrereqStatus::Offen => ItemState::Offen,
        PrereqStatus::InArbeit => ItemState::InArbeit,
        PrereqStatus::Erledigt => ItemState::Erledigt,
        PrereqStatus::NichtZutreffend => ItemState::NichtZutreffend,
    }
}

/// Kahn's algorithm over the unfulfilled checklist items, smallest catalog position
/// first among those whose unfulfilled dependencies are already listed. `relevant` are the
/// dependencies that hold for some service needing the item (all of them on the
/// checklist); `cannot_start` says whether an item waits for every service. The catalog is
/// acyclic (validated), so every item is emitted.
fn order_next_actions(
    catalog: &Catalog,
    unfulfilled: &[usize],
    status: &[PrereqStatus],
    relevant: &[Vec<usize>],
    cannot_start: &[bool],
) -> Vec<NextAction> {
    let prerequisites = catalog.prerequisites();
    let is_pending = |p: usize| !status[p].is_fulfilled();

    // Local numbering keeps the work proportional to the checklist, not the catalog.
    let local: BTreeMap<usize, usize> = unfulfilled
        .iter()
        .enumerate()
        .map(|(i, &p)| (p, i))
        .collect();
    let mut waiting_on = vec![0usize; unfulfilled.len()];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); unfulfilled.len()];
    for (i, &p) in unfulfilled.iter().enumerate() {
        for &d in &relevant[p] {
            if is_pending(d)
                && let Some(&j) = local.get(&d)
            {
                waiting_on[i] += 1;
                dependents[j].push(i);
            }
        }
    }

    // Local numbers follow catalog order, so the smallest local number is the earliest
    // catalog entry.
    let mut ready: BinaryHeap<Reverse<usize>> = waiting_on
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n == 0)
        .map(|(i, _)| Reverse(i))
        .collect();
    let mut out = Vec::with_capacity(unfulfilled.len());
    while let Some(Reverse(i)) = ready.pop() {
        let p = unfulfilled[i];
        let can_start = !cannot_start[p];
        out.push(NextAction {
            prerequisite: prerequisites[p].id.clone(),
            state: derive_state(status[p], !can_start),
            can_start,
        });
        for &j in &dependents[i] {
            waiting_on[j] -= 1;
            if waiting_on[j] == 0 {
                ready.push(Reverse(j));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_state_table() {
        let cases = [
            (PrereqStatus::Offen, false, ItemState::Offen),
            (
                PrereqStatus::Offen,
                true,
                ItemState::KannNochNichtBegonnenWerden,
            ),
            (PrereqStatus::InArbeit, false, ItemState::InArbeit),
            (PrereqStatus::InArbeit, true, ItemState::InArbeit),
            (PrereqStatus::Erledigt, true, ItemState::Erledigt),
            (
                PrereqStatus::NichtZutreffend,
                true,
                ItemState::NichtZutreffend,
            ),
        ];
        for (status, blocked, expected) in cases {
            assert_eq!(
                derive_state(status, blocked),
                expected,
                "{status:?} {blocked}"
            );
        }
    }

    #[test]
    fn status_serde_names() {
        let cases = [
            (PrereqStatus::Offen, "\"offen\""),
            (PrereqStatus::InArbeit, "\"in-arbeit\""),
            (PrereqStatus::Erledigt, "\"erledigt\""),
            (PrereqStatus::NichtZutreffend, "\"nicht-zutreffend\""),
        ];
        for (status, json) in cases {
            assert_eq!(serde_json::to_string(&status).unwrap(), json);
            assert_eq!(serde_json::from_str::<PrereqStatus>(json).unwrap(), status);
        }
    }

    #[test]
    fn fulfilment_table() {
        let cases = [
            (PrereqStatus::Offen, false),
            (PrereqStatus::InArbeit, false),
            (PrereqStatus::Erledigt, true),
            (PrereqStatus::NichtZutreffend, true),
        ];
        for (status, fulfilled) in cases {
            assert_eq!(status.is_fulfilled(), fulfilled, "{status:?}");
        }
    }
}
