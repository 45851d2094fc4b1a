//! OpenAPI 3.1 description, generated from the handlers and DTOs.
//!
//! The connection request itself is a domain type without utoipa annotations; its JSON
//! Schema comes from the domain crate (see [`crate::intake::request_json_schema`]) and is
//! spliced into `components/schemas`, with its `$defs` hoisted next to it so that every
//! `$ref` resolves inside the OpenAPI document.

use serde_json::{Map, Value};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::wire::{self, ConnectionRequestDoc};
use crate::{handlers, municipalities, operator, problem, storage};

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "status_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("status_token from the submission answer"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "operator_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "Token of a personal operator account (`efa-api operators add`); \
                         it sees the requests of the account's Länder only",
                    ))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "EfA-Onboarding API",
        description = "Receives connection requests (Anschlussanträge) of municipalities for EfA online \
            services on behalf of a Land agency. Errors are RFC 9457 problem details with German texts.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    paths(
        handlers::submit,
        handlers::request_status,
        handlers::confirm,
        handlers::answer_rueckfrage,
        handlers::submit_version,
        operator::fetch_version,
        operator::compare_versions,
        operator::me,
        handlers::request_document,
        handlers::catalog,
        municipalities::search,
        handlers::healthz,
        handlers::readyz,
        handlers::openapi,
        operator::list,
        operator::fetch,
        operator::change_status,
        operator::export_csv,
        operator::erase,
    ),
    components(schemas(
        ConnectionRequestDoc,
        problem::Problem,
        problem::FieldProblem,
        wire::SubmissionReceipt,
        wire::RequestStatus,
        wire::StatusHistoryEntry,
        wire::LandInfo,
        wire::Health,
        efa_domain::status::Status,
        wire::ConfirmationRequest,
        wire::AnswerRequest,
        wire::VersionInfo,
        wire::VersionDocument,
        wire::Confirmation,
        storage::HistoryEntry,
        storage::ServiceRef,
        wire::OperatorPage,
        wire::StatusCount,
        wire::OperatorAccount,
        wire::VersionComparison,
        efa_domain::compare::FieldChange,
        efa_domain::compare::ChangeArea,
        efa_domain::compare::ChangeKind,
        wire::OperatorSummary,
        wire::OperatorDetail,
        wire::StatusChange,
        wire::EraseRequest,
        wire::MunicipalitySuggestions,
        wire::MunicipalitySuggestion,
        efa_domain::registry::EntryKind,
    )),
    modifiers(&Security),
    tags(
        (name = "Anträge", description = "Submission and status for municipalities"),
        (name = "Katalog", description = "Service catalog"),
        (name = "Verzeichnis", description = "Municipality registry"),
        (name = "Betreiber", description = "Operator endpoints of the agency"),
        (name = "Betrieb", description = "Health and description"),
    )
)]
struct ApiDoc;

/// Rewrites `#/$defs/X` references to `#/components/schemas/X`.
fn rewrite_refs(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(name) = r
                    .strip_prefix("#/$defs/")
                    .or_else(|| r.strip_prefix("#/definitions/"))
            {
                *r = format!("#/components/schemas/{name}");
            }
            map.values_mut().for_each(rewrite_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

/// Puts a standalone JSON Schema into `components/schemas` under `name`.
fn splice_schema(doc: &mut Value, name: &str, mut schema: Value) {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let mut defs = Map::new();
    if let Some(obj) = schema.as_object_mut() {
        obj.remove("$schema");
        obj.remove("$id");
        for key in ["$defs", "definitions"] {
            if let Some(Value::Object(d)) = obj.remove(key) {
                defs.extend(d);
            }
        }
    }
    rewrite_refs(&mut schema);
    for (def_name, mut def) in defs {
        rewrite_refs(&mut def);
        // Our own DTOs win on a name clash; the domain types are namespaced then.
        let key = if schemas.contains_key(&def_name) {
            format!("{name}.{def_name}")
        } else {
            def_name
        };
        schemas.insert(key, def);
    }
    schemas.insert(name.to_owned(), schema);
}

/// OpenAPI links from the answers that carry request ids to the operations that take
/// them, so that clients and test generators can follow them.
fn add_links(doc: &mut Value) {
    let link = |operation: &str, id: &str| serde_json::json!({"operationId": operation, "parameters": {"id": id}});
    let targets = [
        (
            "/paths/~1api~1v1~1connection-requests/post/responses/201",
            vec![(
                "RequestStatus",
                link("request_status", "$response.body#/id"),
            )],
        ),
        (
            "/paths/~1api~1v1~1operator~1connection-requests/get/responses/200",
            vec![
                ("FetchFirst", link("fetch", "$response.body#/items/0/id")),
                (
                    "ChangeStatusOfFirst",
                    link("change_status", "$response.body#/items/0/id"),
                ),
            ],
        ),
        (
            "/paths/~1api~1v1~1operator~1connection-requests~1{id}/get/responses/200",
            vec![("ChangeStatus", link("change_status", "$response.body#/id"))],
        ),
    ];
    for (pointer, links) in targets {
        if let Some(resp) = doc.pointer_mut(pointer).and_then(Value::as_object_mut) {
            let map: Map<String, Value> =
                links.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            resp.insert("links".to_owned(), Value::Object(map));
        }
    }
}

/// The OpenAPI document as JSON.
pub fn json() -> String {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or(Value::Null);
    if let Some(info) = doc.get_mut("info").and_then(Value::as_object_mut) {
        info.insert(
            "version".to_owned(),
            Value::String(env!("CARGO_PKG_VERSION").to_owned()),
        );
    }
    if let Some(schema) = crate::intake::request_json_schema() {
        splice_schema(&mut doc, "ConnectionRequest", schema);
    }
    add_links(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_names_are_documented_for_operators_only() {
        let doc: Value = serde_json::from_str(&json()).unwrap();
        let s = &doc["components"]["schemas"];
        assert!(s["HistoryEntry"]["properties"].get("account").is_some());
        assert!(
            s["StatusHistoryEntry"]["properties"]
                .get("account")
                .is_none()
        );
        let list = &doc["paths"]["/api/v1/operator/connection-requests"]["get"]["responses"];
        assert!(list.get("403").is_some());
        assert!(
            list.get("404").is_none(),
            "operator endpoints are always on"
        );
        let public =
            doc["paths"]["/api/v1/connection-requests/{id}"]["get"]["responses"]["200"].to_string();
        assert!(public.contains("RequestStatus"));
        assert!(
            s["RequestStatus"]["properties"]["history"]
                .to_string()
                .contains("StatusHistoryEntry")
        );
    }

    #[test]
    fn defs_are_hoisted_and_refs_rewritten() {
        let mut doc = serde_json::json!({"components": {"schemas": {"Problem": {}}}});
        let schema = serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {"m": {"$ref": "#/$defs/Municipality"}, "p": {"$ref": "#/$defs/Problem"}},
            "$defs": {"Municipality": {"type": "object"}, "Problem": {"type": "string"}}
        });
        splice_schema(&mut doc, "ConnectionRequest", schema);
        let s = &doc["components"]["schemas"];
        assert_eq!(
            s["ConnectionRequest"]["properties"]["m"]["$ref"],
            "#/components/schemas/Municipality"
        );
        assert!(s["Municipality"].is_object());
        assert!(s["ConnectionRequest.Problem"].is_object());
        assert!(s["ConnectionRequest"].get("$schema").is_none());
    }

    #[test]
    fn document_is_openapi_3_1_and_lists_every_endpoint() {
        let doc: Value = serde_json::from_str(&json()).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        let ids: Vec<&str> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .filter_map(|op| op["operationId"].as_str())
            .collect();
        let links =
            &doc["paths"]["/api/v1/connection-requests"]["post"]["responses"]["201"]["links"];
        assert!(ids.contains(&links["RequestStatus"]["operationId"].as_str().unwrap()));
        let links = &doc["paths"]["/api/v1/operator/connection-requests"]["get"]["responses"]["200"]
            ["links"];
        assert!(
            ids.contains(
                &links["ChangeStatusOfFirst"]["operationId"]
                    .as_str()
                    .unwrap()
            )
        );
        for path in [
            "/api/v1/connection-requests",
            "/api/v1/connection-requests/{id}",
            "/api/v1/catalog",
            "/api/v1/municipalities",
            "/healthz",
            "/readyz",
            "/api/v1/openapi.json",
            "/api/v1/operator/connection-requests",
            "/api/v1/operator/connection-requests/{id}",
            "/api/v1/operator/connection-requests/{id}/status",
            "/api/v1/operator/connection-requests.csv",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path}");
        }
    }
}
