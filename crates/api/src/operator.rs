//! Operator endpoints of the agency: list, fetch, status changes, CSV export.
//!
//! Each needs the token of a personal, active operator account (see
//! [`crate::accounts`]) and sees only the requests of that account's Länder: another
//! Land's request is answered like an unknown one (404), a `land` filter for a Land
//! outside the account is refused (403), lists and exports never contain it. Every
//! read, list, export and status change is written to the audit log before the answer
//! goes out.

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use efa_domain::land::Land;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::audit::Action;
use crate::body::{is_json, read_limited};
use crate::intake;
use crate::problem::{FieldProblem, Problem};
use crate::request_id::RequestId;
use crate::state::{AppState, SharedState};
use crate::storage::{
    Change, ChangeOutcome, EraseOutcome, Erasure, ExportItem, Filter, HistoryEntry, Row,
    status_version, version_infos,
};
use crate::timeutil::{self, DateBound, DateBoundError};
use crate::token::bearer;
use crate::wire::{
    EraseRequest, LandInfo, OperatorAccount, OperatorDetail, OperatorPage, OperatorSummary,
    StatusChange, StatusCount, VersionComparison, VersionDocument, VersionInfo,
};
use crate::{csv, export};
use efa_domain::status::Status;
use efa_domain::wire::NOTE_MAX_CHARS;

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 500;

/// The operator account a request is made with, as [`authenticate`] found it. Also an
/// extractor, so a handler that takes it cannot run unauthenticated.
#[derive(Debug, Clone)]
pub struct Operator {
    pub name: String,
    /// In key order.
    pub lands: Vec<Land>,
}

impl Operator {
    /// The account's Länder as stored in requests (ISO letters).
    fn scope(&self) -> Vec<String> {
        self.lands.iter().map(|l| l.iso_code().to_owned()).collect()
    }

    fn sees(&self, land_iso: &str) -> bool {
        self.lands.iter().any(|l| l.iso_code() == land_iso)
    }

    /// Appends an audit entry; an answer with personal data is only sent once its
    /// access is on record.
    async fn audit(
        &self,
        state: &SharedState,
        action: Action,
        target: String,
        rows: u64,
    ) -> Result<(), Problem> {
        state
            .storage
            .audit(timeutil::now(), &self.name, action, &target, rows)
            .await
            .map_err(Problem::from)
    }
}

/// The layer in front of every operator route: turns the bearer token into the account
/// before any handler or extractor runs, and hands it on in the request's extensions.
/// Missing, unknown and revoked tokens are all a 401.
pub async fn authenticate(
    State(state): State<SharedState>,
    mut req: Request,
    next: Next,
) -> Result<Response, Problem> {
    let Some(token) = bearer(req.headers()).map(str::to_owned) else {
        return Err(Problem::unauthorized());
    };
    let Some(account) = state.storage.authenticate(&token).await? else {
        return Err(Problem::unauthorized());
    };
    req.extensions_mut().insert(Operator {
        name: account.name,
        lands: account.lands,
    });
    Ok(next.run(req).await)
}

impl<S: Send + Sync> FromRequestParts<S> for Operator {
    type Rejection = Problem;

    /// The account [`authenticate`] found. On a route without that layer there is none,
    /// and the request is refused rather than served unauthenticated.
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Operator, Problem> {
        parts
            .extensions
            .get::<Operator>()
            .cloned()
            .ok_or_else(Problem::unauthorized)
    }
}

/// Filters and paging of the operator list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Recipient Land as ISO letters (`BY`) or two-digit key (`09`).
    pub land: Option<String>,
    /// Current status.
    #[param(value_type = Option<Status>)]
    pub status: Option<String>,
    /// `true`: only requests confirmed through the mailed link; `false`: only those not
    /// (yet) confirmed.
    #[param(value_type = Option<bool>)]
    pub confirmed: Option<String>,
    /// Received on or after: a Berlin calendar day (`2026-03-01`) or an RFC 3339 time.
    pub from: Option<String>,
    /// Received on or before: a Berlin calendar day (inclusive) or an RFC 3339 time.
    pub to: Option<String>,
    /// Free text, 1–100 characters: part of the reference, the municipality's name, its
    /// AGS or its ARS; letters in any case.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u64>, minimum = 0)]
    pub offset: Option<String>,
}

/// Filters of the CSV export (no paging).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// Recipient Land as ISO letters (`BY`) or two-digit key (`09`).
    pub land: Option<String>,
    /// Current status.
    #[param(value_type = Option<Status>)]
    pub status: Option<String>,
    /// `true`: only confirmed requests; `false`: only unconfirmed ones.
    #[param(value_type = Option<bool>)]
    pub confirmed: Option<String>,
    /// Received on or after (Berlin day or RFC 3339).
    pub from: Option<String>,
    /// Received on or before (Berlin day, inclusive, or RFC 3339).
    pub to: Option<String>,
    /// Free text over reference, municipality name, AGS and ARS (1–100 characters).
    #[param(max_length = 100)]
    pub q: Option<String>,
}

fn query_problem(e: &QueryRejection) -> Problem {
    let _ = e;
    Problem::bad_request(
        "Die Abfrageparameter sind ungültig. Erlaubt sind land, status, confirmed, from, to, q, limit und offset \
         (Export: ohne limit und offset), jeweils höchstens einmal.",
    )
}

/// A present query parameter must have a value: `?status=` is a mistake, not "any".
fn param<'a>(name: &str, value: Option<&'a str>) -> Result<Option<&'a str>, Problem> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("") => Err(Problem::bad_request(format!(
            "Der Parameter „{name}“ ist leer."
        ))),
        Some(v) => Ok(Some(v)),
    }
}

/// The filter parameters common to list and export.
struct FilterParams<'a> {
    land: Option<&'a str>,
    status: Option<&'a str>,
    confirmed: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    q: Option<&'a str>,
}

/// Most characters of the free-text filter.
const TEXT_MAX_CHARS: usize = 100;

fn build_filter(operator: &Operator, p: FilterParams<'_>) -> Result<Filter, Problem> {
    let FilterParams {
        land,
        status,
        confirmed,
        from,
        to,
        q,
    } = p;
    let mut filter = Filter {
        scope: (operator.lands.len() < Land::ALL.len()).then(|| operator.scope()),
        ..Filter::default()
    };
    if let Some(land) = param("land", land)? {
        let Some(l) = Land::parse(land) else {
            return Err(Problem::bad_request(format!(
                "Unbekanntes Land „{}“: erwartet wird das ISO-Kürzel (z. B. BY, NW) oder die zweistellige Kennzahl (z. B. 09).",
                land.chars().take(20).collect::<String>()
            )));
        };
        // Refused rather than answered empty: an empty list would read as "nothing came
        // in from there", which the account simply cannot know.
        if !operator.lands.contains(&l) {
            return Err(Problem::forbidden(format!(
                "Ihr Betreiberkonto ist für {} nicht freigegeben. Freigegeben: {}.",
                l.name(),
                operator
                    .lands
                    .iter()
                    .map(|l| l.iso_code())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        filter.land_iso = Some(l.iso_code().to_owned());
    }
    if let Some(s) = param("status", status)? {
        let Some(st) = Status::parse(s) else {
            let allowed: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
            return Err(Problem::bad_request(format!(
                "Unbekannter Status; erlaubt: {}.",
                allowed.join(", ")
            )));
        };
        filter.status = Some(st);
    }
    if let Some(c) = param("confirmed", confirmed)? {
        filter.confirmed = Some(match c {
            "true" => true,
            "false" => false,
            _ => {
                return Err(Problem::bad_request(
                    "„confirmed“ ist true (nur bestätigte Anträge) oder false (nur unbestätigte).",
                ));
            }
        });
    }
    let refused = |name: &str, e: DateBoundError| {
        Problem::bad_request(match e {
            DateBoundError::Malformed => format!(
                "„{name}“ ist kein gültiges Datum: erwartet JJJJ-MM-TT (Kalendertag in Berlin) oder ein Zeitpunkt nach RFC 3339, z. B. 2026-03-01T09:30:00+01:00."
            ),
            DateBoundError::UnencodedPlus => format!(
                "„{name}“: Das „+“ vor der Zeitzone ist in einer Adresse als %2B zu schreiben (ein unkodiertes „+“ bedeutet dort ein Leerzeichen)."
            ),
            DateBoundError::OutOfRange => format!(
                "„{name}“ liegt außerhalb des unterstützten Zeitraums (Jahre 0001 bis 9999 in UTC)."
            ),
        })
    };
    let from = param("from", from)?
        .map(|f| DateBound::parse(f).and_then(DateBound::lower))
        .transpose()
        .map_err(|e| refused("from", e))?;
    let to = param("to", to)?
        .map(|t| DateBound::parse(t).and_then(DateBound::upper_exclusive))
        .transpose()
        .map_err(|e| refused("to", e))?;
    // Both are fixed-width UTC text, so text order is time order.
    if let (Some(f), Some(t)) = (&from, &to)
        && f >= t
    {
        return Err(Problem::bad_request(
            "„from“ liegt nach „to“: Der Zeitraum ist leer. Bitte die Grenzen tauschen.",
        ));
    }
    filter.from = from;
    filter.to_exclusive = to;
    if let Some(text) = param("q", q)? {
        if text.chars().count() > TEXT_MAX_CHARS || text.chars().any(char::is_control) {
            return Err(Problem::bad_request(format!(
                "„q“ ist ein Suchtext von 1 bis {TEXT_MAX_CHARS} Zeichen in einer Zeile."
            )));
        }
        filter.text = Some(text.to_owned());
    }
    Ok(filter)
}

/// The filter as written to the audit log, like a query string of the normalised
/// values (times in UTC, `to` exclusive); the account's own Länder are implied.
fn describe(filter: &Filter, paging: Option<(u32, u64)>) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &filter.land_iso {
        parts.push(format!("land={l}"));
    }
    if let Some(s) = filter.status {
        parts.push(format!("status={}", s.as_str()));
    }
    if let Some(c) = filter.confirmed {
        parts.push(format!("confirmed={c}"));
    }
    if let Some(f) = &filter.from {
        parts.push(format!("from={f}"));
    }
    if let Some(t) = &filter.to_exclusive {
        parts.push(format!("before={t}"));
    }
    if let Some(q) = &filter.text {
        parts.push(format!("q={q}"));
    }
    if let Some((limit, offset)) = paging {
        parts.push(format!("limit={limit}"));
        parts.push(format!("offset={offset}"));
    }
    if parts.is_empty() {
        "all".to_owned()
    } else {
        parts.join("&")
    }
}

/// The detail of a request, with every version; a second read, after the one that
/// found the row, because few requests have more than one version.
async fn detail(
    state: &AppState,
    row: Row,
    history: Vec<HistoryEntry>,
) -> Result<OperatorDetail, Problem> {
    let old = state.storage.old_versions(&row.id, false).await?;
    let versions = version_infos(&row, &history, &old);
    Ok(detail_of(row, history, versions))
}

fn detail_of(row: Row, history: Vec<HistoryEntry>, versions: Vec<VersionInfo>) -> OperatorDetail {
    let document = row
        .document
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or(serde_json::Value::Null);
    OperatorDetail {
        confirmed: row.confirmed_at.is_some(),
        confirmed_at: row.confirmed_at,
        anonymised_at: row.anonymised_at,
        answered_at: row.answered_at,
        version: row.version,
        versions,
        fingerprint: row.fingerprint,
        land: LandInfo::from_iso(&row.land_iso),
        id: row.id,
        reference: row.reference,
        ags: row.ags,
        ars: row.ars,
        municipality_name: row.municipality_name,
        services: row.services,
        status: row.status,
        received_at: row.received_at,
        updated_at: row.updated_at,
        history,
        document,
    }
}

fn no_store(mut resp: Response) -> Response {
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

#[utoipa::path(
    get,
    path = "/api/v1/operator/connection-requests",
    tag = "Betreiber",
    summary = "List requests",
    description = "Only requests of the operator account's Länder. Each call is recorded in the audit log.",
    params(ListParams),
    security(("operator_token" = [])),
    responses(
        (status = 200, description = "One page, newest first", body = OperatorPage),
        (status = 400, description = "Invalid filter or paging", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing, unknown or revoked operator account token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`land` names a Land outside the operator account", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<SharedState>,
    operator: Operator,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response, Problem> {
    let Query(p) = params.map_err(|e| query_problem(&e))?;
    let filter = build_filter(
        &operator,
        FilterParams {
            land: p.land.as_deref(),
            status: p.status.as_deref(),
            confirmed: p.confirmed.as_deref(),
            from: p.from.as_deref(),
            to: p.to.as_deref(),
            q: p.q.as_deref(),
        },
    )?;
    let limit = match param("limit", p.limit.as_deref())? {
        None => DEFAULT_LIMIT,
        Some(s) => s
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                Problem::bad_request(format!(
                    "„limit“ muss eine ganze Zahl von 1 bis {MAX_LIMIT} sein."
                ))
            })?,
    };
    let offset = match param("offset", p.offset.as_deref())? {
        None => 0,
        Some(s) => s
            .parse::<u64>()
            .ok()
            .filter(|n| i64::try_from(*n).is_ok())
            .ok_or_else(|| Problem::bad_request("„offset“ muss eine ganze Zahl ab 0 sein."))?,
    };
    let target = describe(&filter, Some((limit, offset)));
    let listing = state.storage.list(filter, limit, offset).await?;
    operator
        .audit(&state, Action::List, target, listing.rows.len() as u64)
        .await?;
    let counts = Status::ALL
        .into_iter()
        .map(|status| StatusCount {
            status,
            count: listing
                .counts
                .iter()
                .find(|(s, _)| *s == status)
                .map_or(0, |(_, n)| *n),
        })
        .collect();
    let page = OperatorPage {
        total: listing.total,
        limit,
        offset,
        items: listing
            .rows
            .into_iter()
            .map(OperatorSummary::from)
            .collect(),
        counts,
    };
    Ok(no_store(axum::Json(page).into_response()))
}

#[utoipa::path(
    get,
    path = "/api/v1/operator/connection-requests/{id}",
    tag = "Betreiber",
    summary = "Fetch one request with its document",
    description = "The history names the operator account of every change. Each read is recorded in the audit log.",
    params(("id" = String, Path, description = "Request id")),
    security(("operator_token" = [])),
    responses(
        (status = 200, description = "The request", body = OperatorDetail,
            headers(("ETag" = String, description = "Version of its status, for If-Match"))),
        (status = 401, description = "Missing, unknown or revoked operator account token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown id, or a request of a Land outside the operator account", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn fetch(
    State(state): State<SharedState>,
    operator: Operator,
    RequestId(id): RequestId,
) -> Result<Response, Problem> {
    let found = state.storage.get(&id, true).await?;
    // Another Land's request is answered like an unknown one.
    let Some((row, history)) = found.filter(|(row, _)| operator.sees(&row.land_iso)) else {
        return Err(Problem::not_found());
    };
    operator
        .audit(&state, Action::Read, row.id.clone(), 1)
        .await?;
    Ok(with_version(detail(&state, row, history).await?))
}

#[utoipa::path(
    get,
    path = "/api/v1/operator/connection-requests/{id}/versions/{version}",
    tag = "Betreiber",
    summary = "One version of a request with its document",
    description = "Version 1 is the request as first submitted; each answer to a Rückfrage with \
        a new version adds one. Each read is recorded in the audit log.",
    params(
        ("id" = String, Path, description = "Request id"),
        ("version" = u32, Path, description = "Version number, from 1"),
    ),
    security(("operator_token" = [])),
    responses(
        (status = 200, description = "The version", body = VersionDocument),
        (status = 401, description = "Missing, unknown or revoked operator account token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown id or version, or a request of a Land outside the operator account", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn fetch_version(
    State(state): State<SharedState>,
    operator: Operator,
    Path((raw_id, raw_version)): Path<(String, String)>,
) -> Result<Response, Problem> {
    let versions = versions_of(&state, &operator, &raw_id).await?;
    let wanted: u32 = raw_version.parse().map_err(|_| Problem::not_found())?;
    let found = versions
        .into_iter()
        .find(|v| v.info.version == wanted)
        .ok_or_else(Problem::not_found)?;
    operator
        .audit(&state, Action::Read, found_target(&raw_id, wanted), 1)
        .await?;
    Ok(no_store(axum::Json(found).into_response()))
}

/// Which two versions to compare.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CompareParams {
    /// The earlier version (default: the one before `to`).
    #[param(value_type = Option<u32>, minimum = 1)]
    pub from: Option<String>,
    /// The later version (default: the current one).
    #[param(value_type = Option<u32>, minimum = 1)]
    pub to: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/operator/connection-requests/{id}/compare",
    tag = "Betreiber",
    summary = "Compare two versions field by field",
    description = "Lists every field that was added, removed or changed from `from` to `to`: \
        municipality, contacts, services (matched by catalog id), channels, prerequisites, \
        evidence, declarations and notes, each with a German label. Without parameters, the \
        current version is compared with the one before it. Recorded in the audit log as a \
        read of both versions.",
    params(
        ("id" = String, Path, description = "Request id"),
        CompareParams,
    ),
    security(("operator_token" = [])),
    responses(
        (status = 200, description = "The differences", body = VersionComparison),
        (status = 400, description = "A version is not a whole number from 1", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing, unknown or revoked operator account token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown id or version, or a request of a Land outside the operator account", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn compare_versions(
    State(state): State<SharedState>,
    operator: Operator,
    Path(raw_id): Path<String>,
    params: Result<Query<CompareParams>, QueryRejection>,
) -> Result<Response, Problem> {
    let Query(p) = params.map_err(|_| {
        Problem::bad_request("Erlaubt sind „from“ und „to“, jeweils höchstens einmal.")
    })?;
    let number = |name: &str, value: Option<&str>| -> Result<Option<u32>, Problem> {
        param(name, value)?
            .map(|v| {
                v.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                    Problem::bad_request(format!(
                        "„{name}“ ist eine Fassung: eine ganze Zahl ab 1."
                    ))
                })
            })
            .transpose()
    };
    let from = number("from", p.from.as_deref())?;
    let to = number("to", p.to.as_deref())?;
    let versions = versions_of(&state, &operator, &raw_id).await?;
    let current = versions.last().map_or(1, |v| v.info.version);
    let to = to.unwrap_or(current);
    let from = from.unwrap_or_else(|| to.saturating_sub(1).max(1));
    let pick = |n: u32| {
        versions
            .iter()
            .find(|v| v.info.version == n)
            .ok_or_else(Problem::not_found)
    };
    let (earlier, later) = (pick(from)?, pick(to)?);
    let parse = |v: &VersionDocument| {
        serde_json::from_value::<efa_domain::request::ConnectionRequest>(v.document.clone())
            .map_err(|_| {
                Problem::conflict(
                    "version-unreadable",
                    "Fassung nicht lesbar",
                    format!(
                        "Fassung {} dieses Antrags liegt nicht mehr als Anschlussantrag vor und lässt sich nicht vergleichen.",
                        v.info.version
                    ),
                )
            })
    };
    let changes =
        efa_domain::compare::compare(&parse(earlier)?, &parse(later)?, &state.catalog.catalog);
    operator
        .audit(
            &state,
            Action::Read,
            format!("{}@v{from}..v{to}", raw_id.to_ascii_lowercase()),
            2,
        )
        .await?;
    let comparison = VersionComparison {
        from: earlier.info.clone(),
        to: later.info.clone(),
        changes,
    };
    Ok(no_store(axum::Json(comparison).into_response()))
}

#[utoipa::path(
    get,
    path = "/api/v1/operator/me",
    tag = "Betreiber",
    summary = "The operator account of the token",
    description = "Name and Länder of the account, for the console's header. Not recorded in \
        the audit log: it reveals nothing about any request.",
    security(("operator_token" = [])),
    responses(
        (status = 200, description = "The account", body = OperatorAccount),
        (status = 401, description = "Missing, unknown or revoked operator account token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(operator: Operator) -> Response {
    let account = OperatorAccount {
        lands: operator
            .lands
            .iter()
            .map(|l| LandInfo::from_iso(l.iso_code()))
            .collect(),
        name: operator.name,
    };
    no_store(axum::Json(account).into_response())
}

/// The audit target of a version read: the request id and the version.
fn found_target(id: &str, version: u32) -> String {
    format!("{}@v{version}", id.to_ascii_lowercase())
}

/// Every version of a request the operator may see, with documents, oldest first.
async fn versions_of(
    state: &AppState,
    operator: &Operator,
    raw_id: &str,
) -> Result<Vec<VersionDocument>, Problem> {
    let id = uuid::Uuid::try_parse(raw_id)
        .map_err(|_| Problem::not_found())?
        .hyphenated()
        .to_string();
    let found = state.storage.get(&id, true).await?;
    let Some((row, history)) = found.filter(|(row, _)| operator.sees(&row.land_iso)) else {
        return Err(Problem::not_found());
    };
    let old = state.storage.old_versions(&id, true).await?;
    let infos = version_infos(&row, &history, &old);
    let documents = old
        .into_iter()
        .map(|v| v.document)
        .chain(std::iter::once(row.document));
    Ok(infos
        .into_iter()
        .zip(documents)
        .map(|(info, document)| VersionDocument {
            info,
            document: document
                .as_deref()
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or(serde_json::Value::Null),
        })
        .collect())
}

/// The entity tag of a request's status version, for `If-Match` on status changes.
fn etag(version: u64) -> String {
    format!("\"v{version}\"")
}

/// The detail as a response, with the version of its status as `ETag`.
fn with_version(detail: OperatorDetail) -> Response {
    let tag = etag(status_version(&detail.history));
    let mut resp = no_store(axum::Json(detail).into_response());
    if let Ok(v) = HeaderValue::from_str(&tag) {
        resp.headers_mut().insert(header::ETAG, v);
    }
    resp
}

/// What an `If-Match` header asks for: `None` without the header or with `*` (any
/// current version of an existing request), otherwise the version it names. A value
/// that names no version of ours can never match (RFC 9110, 13.1.1), which is a 412.
fn expected_version(headers: &HeaderMap) -> Result<Option<u64>, Problem> {
    let values: Vec<&HeaderValue> = headers.get_all(header::IF_MATCH).iter().collect();
    if values.is_empty() {
        return Ok(None);
    }
    let mut tags = Vec::new();
    for v in values {
        let text = v.to_str().map_err(|_| stale(None))?;
        tags.extend(text.split(',').map(str::trim).filter(|t| !t.is_empty()));
    }
    if tags.contains(&"*") {
        return Ok(None);
    }
    match tags.as_slice() {
        [one] => one
            .strip_prefix("\"v")
            .and_then(|t| t.strip_suffix('"'))
            .and_then(|n| n.parse::<u64>().ok())
            .map(Some)
            .ok_or_else(|| stale(None)),
        _ => Err(Problem::bad_request(
            "„If-Match“ darf genau einen Versionsstand nennen, wie ihn das Feld „ETag“ liefert.",
        )),
    }
}

fn stale(current: Option<Status>) -> Problem {
    let now = current.map_or(String::new(), |s| {
        format!(" Sein Status ist jetzt „{}“.", s.as_str())
    });
    Problem::precondition_failed(format!(
        "Der Antrag wurde inzwischen geändert, vermutlich von einer Kollegin oder einem Kollegen.{now} \
         Bitte laden Sie ihn neu und entscheiden Sie dann erneut; es wurde nichts überschrieben."
    ))
}

fn check_note(change: &StatusChange) -> Vec<FieldProblem> {
    use efa_domain::request::{TextRule, check_text};
    let raw = change.note.as_deref().unwrap_or("");
    // Counted before trimming, as the published schema's maxLength counts; the same
    // character rule as every text of a request.
    let rule = TextRule {
        required: change.status.needs_note(),
        max: NOTE_MAX_CHARS,
        multiline: true,
    };
    match check_text(raw, rule) {
        Ok(()) => Vec::new(),
        Err(code) => vec![intake::field_problem("note", code)],
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/operator/connection-requests/{id}/status",
    tag = "Betreiber",
    summary = "Change the status",
    description = "eingegangen → in_pruefung → rueckfrage ↔ in_pruefung → angenommen → \
        anbindung_laeuft → live; abgelehnt from every state except live and abgelehnt. \
        Other transitions are a 409. Send the `ETag` of the request as you saw it in \
        `If-Match`: if someone changed it since, the answer is a 412 and nothing changes. \
        The change is recorded with the operator account in the history and the audit log.",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The request's ETag as last seen (e.g. \"v2\"); recommended"),
    ),
    request_body(content = StatusChange, content_type = "application/json"),
    security(("operator_token" = [])),
    responses(
        (status = 200, description = "Changed; the updated request", body = OperatorDetail,
            headers(("ETag" = String, description = "Version of the new status"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing, unknown or revoked operator account token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown id, or a request of a Land outside the operator account", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "Body not received in time", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Transition not allowed from the current status", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since the version in If-Match", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body larger than 256 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid status or note", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn change_status(
    State(state): State<SharedState>,
    operator: Operator,
    headers: HeaderMap,
    RequestId(id): RequestId,
    body: Body,
) -> Result<Response, Problem> {
    if !is_json(&headers) {
        return Err(Problem::unsupported_media_type());
    }
    let bytes = read_limited(body, &headers, state.body_timeout).await?;
    let change: StatusChange = intake::parse_json(&bytes)?;
    let errors = check_note(&change);
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    // After the body: a malformed change is a 400/422 whatever its precondition says.
    let expected = expected_version(&headers)?;
    let to = change.status;
    let note = change
        .note
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    let at = timeutil::now();
    let scope = operator.scope();
    let outcome = state
        .storage
        .change_status(Change {
            id,
            to,
            note,
            at,
            expected_version: expected,
            account: operator.name,
            scope,
        })
        .await?;
    match outcome {
        ChangeOutcome::Changed(b) => {
            state.mail_wake.notify_one();
            let (row, history) = *b;
            tracing::info!(id = %row.id, status = to.as_str(), "status changed");
            Ok(with_version(detail(&state, row, history).await?))
        }
        ChangeOutcome::NotFound => Err(Problem::not_found()),
        ChangeOutcome::Stale { current } => Err(stale(Some(current))),
        ChangeOutcome::Illegal { from } => {
            let next: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
            let allowed = if next.is_empty() {
                "keiner (Endstatus)".to_owned()
            } else {
                next.join(", ")
            };
            Err(Problem::conflict(
                "illegal-transition",
                "Statuswechsel nicht erlaubt",
                format!(
                    "Von „{}“ nach „{}“ ist kein Wechsel möglich. Erlaubt: {allowed}.",
                    from.as_str(),
                    to.as_str()
                ),
            ))
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/operator/connection-requests.csv",
    tag = "Betreiber",
    summary = "Export as CSV",
    description = "RFC 4180, UTF-8 with byte order mark, CRLF. Cells that a spreadsheet would \
        read as a formula start with an apostrophe. Only requests of the operator account's \
        Länder; each export is recorded in the audit log. Rows are streamed as they are read; \
        at most `--export-max-rows` (default 100,000), newest first. `Export-Total` tells how \
        many requests matched, `Export-Truncated: true` that the export holds only the newest \
        of them.",
    params(ExportParams),
    security(("operator_token" = [])),
    responses(
        (status = 200, description = "CSV", body = String, content_type = "text/csv",
            headers(
                ("Export-Total" = u64, description = "Requests matching the filter"),
                ("Export-Truncated" = bool, description = "Whether the row cap cut the export short"),
            )),
        (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing, unknown or revoked operator account token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`land` names a Land outside the operator account", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Overloaded or database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn export_csv(
    State(state): State<SharedState>,
    operator: Operator,
    params: Result<Query<ExportParams>, QueryRejection>,
) -> Result<Response, Problem> {
    let Query(p) = params.map_err(|e| query_problem(&e))?;
    let filter = build_filter(
        &operator,
        FilterParams {
            land: p.land.as_deref(),
            status: p.status.as_deref(),
            confirmed: p.confirmed.as_deref(),
            from: p.from.as_deref(),
            to: p.to.as_deref(),
            q: p.q.as_deref(),
        },
    )?;
    let target = describe(&filter, None);
    // Counted first, so that the audit entry is written before any personal data leaves
    // and the headers can say whether the export is complete.
    let total = state.storage.list(filter.clone(), 0, 0).await?.total;
    let max_rows = state.export_max_rows;
    let rows = total.min(u64::from(max_rows));
    operator.audit(&state, Action::Export, target, rows).await?;
    let items = state.storage.export(filter, max_rows).await?;

    // The byte order mark makes spreadsheet programs read the file as UTF-8 (umlauts).
    let head = format!("\u{feff}{}", csv::line(export::CSV_HEADER));
    let stream =
        futures_util::stream::unfold((Some(head), items), |(head, mut items)| async move {
            if let Some(h) = head {
                return Some((Ok(axum::body::Bytes::from(h)), (None, items)));
            }
            match items.recv().await {
                Some(ExportItem::Row(r)) => {
                    let line = csv::line(export::csv_cells(&r.row, r.last_note.as_deref()));
                    Some((Ok(axum::body::Bytes::from(line)), (None, items)))
                }
                Some(ExportItem::End { .. }) | None => None,
                Some(ExportItem::Failed(e)) => {
                    // The client sees an incomplete transfer, never a file that looks whole.
                    tracing::error!(error = %e, "export failed while streaming");
                    Some((Err(std::io::Error::other("export failed")), (None, items)))
                }
            }
        });
    let mut resp = Body::from_stream(stream).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8; header=present"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"anschlussantraege.csv\""),
    );
    h.insert("export-total", HeaderValue::from(total));
    h.insert(
        "export-truncated",
        HeaderValue::from_static(if total > u64::from(max_rows) {
            "true"
        } else {
            "false"
        }),
    );
    Ok(no_store(resp))
}

#[utoipa::path(
    delete,
    path = "/api/v1/operator/connection-requests/{id}",
    tag = "Betreiber",
    summary = "Erase a request's personal data now",
    description = "Replaces contact names, functions, e-mail addresses, phone numbers, the \
        Funktionspostfach and every free-text note by a marker; reference, municipality, \
        services, status history and fingerprint stay. Recorded with the reason in the \
        audit log. Erasing again is harmless.",
    params(("id" = String, Path, description = "Request id")),
    request_body(content = EraseRequest, content_type = "application/json"),
    security(("operator_token" = [])),
    responses(
        (status = 200, description = "Erased; the request as it is now", body = OperatorDetail),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing, unknown or revoked operator account token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown id, or a request of a Land outside the operator account", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "Body not received in time", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body larger than 256 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or invalid reason", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Overloaded or database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn erase(
    State(state): State<SharedState>,
    operator: Operator,
    headers: HeaderMap,
    // A malformed id is only refused after the body is checked, as an unknown one is.
    id: Result<RequestId, Problem>,
    body: Body,
) -> Result<Response, Problem> {
    let id = id.ok().map(|RequestId(id)| id);
    if !is_json(&headers) {
        return Err(Problem::unsupported_media_type());
    }
    let bytes = read_limited(body, &headers, state.body_timeout).await?;
    let request: EraseRequest = intake::parse_json(&bytes)?;
    {
        use efa_domain::request::{TextRule, check_text};
        let rule = TextRule {
            required: true,
            max: 500,
            multiline: false,
        };
        if let Err(code) = check_text(&request.reason, rule) {
            return Err(Problem::validation(vec![intake::field_problem(
                "reason", code,
            )]));
        }
    }
    let Some(id) = id else {
        return Err(Problem::not_found());
    };
    let outcome = state
        .storage
        .erase(Erasure {
            id,
            account: operator.name.clone(),
            scope: operator.scope(),
            reason: request.reason.trim().to_owned(),
            at: timeutil::now(),
        })
        .await?;
    match outcome {
        EraseOutcome::Erased(b) => {
            let (row, history) = *b;
            tracing::info!(id = %row.id, "personal data erased");
            Ok(with_version(detail(&state, row, history).await?))
        }
        EraseOutcome::NotFound => Err(Problem::not_found()),
    }
}
