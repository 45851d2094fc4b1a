//! Errors as RFC 9457 problem details (`application/problem+json`).
//!
//! Titles and details are German because clerks and agency staff read them; the field
//! errors of a 422 carry the same German text the app shows (from `efa_domain::messages`)
//! plus an English variant for integrators.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::borrow::Cow;

use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

pub const PROBLEM_JSON: &str = "application/problem+json";

pub use efa_domain::wire::{FieldProblem, ProblemBody};

/// An error answer: the problem body the app reads (`efa_domain::wire::ProblemBody`) and
/// what only the HTTP answer carries.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Boxed: handlers return `Result<_, Problem>` everywhere, and the error path is rare.
    pub body: Box<ProblemBody>,
    /// Seconds until a retry may succeed; sent as `Retry-After`.
    pub retry_after: Option<u64>,
    /// Close the connection after answering, used when the request body was not read.
    pub close: bool,
}

// The OpenAPI description names the body, which is what goes over the wire.
impl PartialSchema for Problem {
    fn schema() -> RefOr<Schema> {
        ProblemBody::schema()
    }
}

impl ToSchema for Problem {
    fn name() -> Cow<'static, str> {
        ProblemBody::name()
    }
}

impl Problem {
    pub fn new(status: StatusCode, slug: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            body: Box::new(ProblemBody {
                problem_type: format!("urn:efa-onboarding:problem:{slug}"),
                title: title.to_owned(),
                status: status.as_u16(),
                detail: detail.into(),
                errors: None,
            }),
            retry_after: None,
            close: false,
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Ungültige Anfrage",
            detail,
        )
    }

    pub fn malformed_json(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "Ungültiges JSON",
            detail,
        )
    }

    pub fn missing_idempotency_key() -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "idempotency-key-missing",
            "Idempotency-Key fehlt",
            "Der Header „Idempotency-Key“ ist erforderlich: ein eindeutiger Wert je Antrag \
             (z. B. eine UUID), 1 bis 255 sichtbare ASCII-Zeichen. Bei einer Wiederholung \
             desselben Antrags muss derselbe Wert gesendet werden.",
        )
    }

    pub fn duplicate_idempotency_key() -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "idempotency-key-duplicate",
            "Idempotency-Key mehrfach",
            "Der Header „Idempotency-Key“ darf nur einmal gesendet werden. Mehrere Werte \
             lassen offen, welcher Antrag gemeint ist.",
        )
    }

    pub fn precondition_failed(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::PRECONDITION_FAILED,
            "stale-version",
            "Inzwischen geändert",
            detail,
        )
    }

    pub fn not_found() -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Nicht gefunden",
            "Die angeforderte Ressource existiert nicht oder der Zugriff ist nicht erlaubt.",
        )
    }

    pub fn unauthorized() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Nicht angemeldet",
            "Für diesen Bereich ist ein gültiges Betreiber-Token erforderlich \
             (Header „Authorization: Bearer …“).",
        )
    }

    pub fn forbidden(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Nicht freigegeben",
            detail,
        )
    }

    pub fn method_not_allowed() -> Problem {
        Problem::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Methode nicht erlaubt",
            "Diese HTTP-Methode wird für diese Adresse nicht unterstützt.",
        )
    }

    pub fn conflict(slug: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::CONFLICT, slug, title, detail)
    }

    pub fn payload_too_large(limit: usize) -> Problem {
        let mut p = Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            "Anfrage zu groß",
            format!(
                "Der Inhalt der Anfrage ist größer als die erlaubten {} KiB.",
                limit / 1024
            ),
        );
        p.close = true;
        p
    }

    pub fn unsupported_media_type() -> Problem {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Falscher Inhaltstyp",
            "Der Inhalt muss als „application/json“ (UTF-8) gesendet werden.",
        )
    }

    pub fn validation(errors: Vec<FieldProblem>) -> Problem {
        let n = errors.len();
        let mut p = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "Angaben unvollständig oder fehlerhaft",
            if n == 1 {
                "Eine Angabe ist fehlerhaft; siehe „errors“.".to_owned()
            } else {
                format!("{n} Angaben sind fehlerhaft; siehe „errors“.")
            },
        );
        p.body.errors = Some(errors);
        p
    }

    pub fn too_many_requests(retry_after_secs: u64) -> Problem {
        let mut p = Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "Zu viele Anfragen",
            format!("Bitte in {retry_after_secs} Sekunden erneut versuchen."),
        );
        p.retry_after = Some(retry_after_secs);
        p
    }

    pub fn request_timeout() -> Problem {
        let mut p = Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "request-timeout",
            "Zeitüberschreitung beim Empfang",
            "Der Inhalt der Anfrage ist nicht rechtzeitig vollständig eingetroffen.",
        );
        p.close = true;
        p
    }

    pub fn processing_timeout() -> Problem {
        let mut p = Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "Zeitüberschreitung",
            "Die Anfrage konnte nicht rechtzeitig bearbeitet werden. Ein Antrag kann mit \
             demselben Idempotency-Key gefahrlos erneut gesendet werden.",
        );
        p.retry_after = Some(5);
        p
    }

    pub fn overloaded() -> Problem {
        let mut p = Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "Dienst ausgelastet",
            "Gerade werden sehr viele Anfragen bearbeitet. Bitte in einer Sekunde erneut \
             versuchen; ein Antrag kann mit demselben Idempotency-Key gefahrlos erneut \
             gesendet werden.",
        );
        p.retry_after = Some(1);
        p
    }

    pub fn unavailable(detail: impl Into<String>) -> Problem {
        let mut p = Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Dienst nicht verfügbar",
            detail,
        );
        p.retry_after = Some(5);
        p
    }

    pub fn internal() -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Interner Fehler",
            "Die Anfrage konnte wegen eines internen Fehlers nicht bearbeitet werden. \
             Ein Antrag kann mit demselben Idempotency-Key gefahrlos erneut gesendet werden.",
        )
    }

    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.body.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let body = serde_json::to_vec(&self.body).unwrap_or_else(|_| b"{}".to_vec());
        let mut resp = (status, body).into_response();
        let h = resp.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(secs) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if status == StatusCode::UNAUTHORIZED {
            h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if self.close {
            h.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        resp
    }
}
