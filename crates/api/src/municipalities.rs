//! `GET /api/v1/municipalities?q=`: the municipality search for the first keystrokes.
//!
//! The app searches the registry itself once it has loaded it (about 140 KB on the wire).
//! Until then, a clerk who opens the municipality step directly gets the same suggestions
//! from here: the same registry and the same search of the domain crate, so the answer is
//! exactly what the app would show, typo tolerance included.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::problem::Problem;
use crate::state::SharedState;
use crate::wire::{MunicipalitySuggestion, MunicipalitySuggestions};
use efa_domain::wire::{MUNICIPALITY_QUERY_MAX_CHARS, MUNICIPALITY_SUGGESTIONS};

/// The search's one parameter.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// A name, the beginning of one, a word of one (with up to two typos from eight
    /// characters), a postcode or a key (AGS or ARS, whole or its beginning); 1 to 100
    /// characters.
    #[param(value_type = String, min_length = 1, max_length = 100)]
    pub q: Option<String>,
}

fn query_problem() -> Problem {
    Problem::bad_request(
        "Bitte geben Sie den Namen, den Anfang des Namens oder den Gemeindeschlüssel der \
         Kommune als Parameter „q“ an, genau einmal.",
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/municipalities",
    tag = "Verzeichnis",
    summary = "Search the municipality registry",
    description = "The best matches of the official registry (Gemeinden, Gemeindeverbände and \
        Kreise, Destatis Gemeindeverzeichnis) for a query, best first, at most 8: the same \
        registry the server validates requests against and the same search the app runs \
        once it has loaded the registry itself.",
    params(SearchParams),
    responses(
        (status = 200, description = "The matches, possibly none", body = MunicipalitySuggestions),
        (status = 400, description = "`q` missing, empty, repeated or longer than 100 characters", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn search(
    State(state): State<SharedState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, Problem> {
    let Query(p) = params.map_err(|_| query_problem())?;
    let query = p.q.ok_or_else(query_problem)?;
    if query.trim().is_empty() {
        return Err(query_problem());
    }
    if query.chars().count() > MUNICIPALITY_QUERY_MAX_CHARS {
        return Err(Problem::bad_request(format!(
            "Die Suche „q“ ist zu lang: höchstens {MUNICIPALITY_QUERY_MAX_CHARS} Zeichen. \
             Der längste Name im Gemeindeverzeichnis hat 61."
        )));
    }
    let suggestions = state
        .registry
        .search(&query, MUNICIPALITY_SUGGESTIONS)
        .into_iter()
        .map(|hit| MunicipalitySuggestion::of(hit.entry))
        .collect();
    let mut resp = axum::Json(MunicipalitySuggestions { query, suggestions }).into_response();
    // The registry changes only with a release; a repeated keystroke may come from the
    // browser's cache.
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=600"),
    );
    Ok(resp)
}
