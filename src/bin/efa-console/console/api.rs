//! The console's only door to the network: every call of the operator API goes through
//! here, with the account's token as bearer. The answers are read with the domain's wire
//! types, the same the API writes them with.

use efa_domain::land::Land;
use efa_domain::status::Status;
use efa_domain::wire::{
    OperatorAccount, OperatorDetail, OperatorPage, ProblemBody, StatusChange, VersionComparison,
};
use gloo_net::http::{Request, RequestBuilder, Response};

/// Requests per page of the list.
pub const PAGE_SIZE: u32 = 25;

/// What went wrong talking to the operator API, as data; the pages choose the wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsoleError {
    /// The request did not reach the server.
    Network,
    /// The token is unknown or revoked (401).
    Unauthorized,
    /// Unknown id, or a request of a Land outside the account (404).
    NotFound,
    /// Someone changed the request since it was loaded (412).
    Changed,
    /// Refused with the server's explanation (400, 403, 409, 422).
    Refused(String),
    /// Any other answer, or one that could not be read.
    Status(u16),
}

/// The list's filters and page, as the console's URL and the API's query carry them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Option<Status>,
    pub land: Option<Land>,
    pub confirmed: Option<bool>,
    /// A calendar day `YYYY-MM-DD` (or empty).
    pub from: String,
    pub to: String,
    /// Free text over reference, municipality name, AGS and ARS (or empty).
    pub text: String,
    pub offset: u64,
}

/// Most characters of the free text, as the API allows.
pub const TEXT_MAX_CHARS: usize = 100;

impl Filter {
    /// Reads the filter from query parameters; values that cannot be one are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Filter {
        let day = |k: &str| get(k).filter(|v| plausible_day(v)).unwrap_or_default();
        Filter {
            status: get("status").and_then(|s| Status::parse(&s)),
            land: get("land").and_then(|s| Land::parse(&s)),
            confirmed: match get("confirmed").as_deref() {
                Some("true") => Some(true),
                Some("false") => Some(false),
                _ => None,
            },
            from: day("from"),
            to: day("to"),
            text: get("q").map(|t| clean_text(&t)).unwrap_or_default(),
            offset: get("offset").and_then(|s| s.parse().ok()).unwrap_or(0),
        }
    }

    /// The query string (without `?`) of the filters, and of the page if `paged`.
    pub fn query(&self, paged: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if let Some(l) = self.land {
            parts.push(format!("land={}", l.iso_code()));
        }
        if let Some(c) = self.confirmed {
            parts.push(format!("confirmed={c}"));
        }
        if !self.from.is_empty() {
            parts.push(format!("from={}", self.from));
        }
        if !self.to.is_empty() {
            parts.push(format!("to={}", self.to));
        }
        if !self.text.is_empty() {
            parts.push(format!("q={}", encode(&self.text)));
        }
        if paged && self.offset > 0 {
            parts.push(format!("offset={}", self.offset));
        }
        parts.join("&")
    }

    /// The console's URL of this view.
    pub fn href(&self) -> String {
        let q = self.query(true);
        if q.is_empty() {
            "/verwaltung".to_owned()
        } else {
            format!("/verwaltung?{q}")
        }
    }
}

/// The free text as the API takes it: one line, trimmed, at most [`TEXT_MAX_CHARS`].
pub fn clean_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .chars()
        .take(TEXT_MAX_CHARS)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// Percent-encodes a query value: everything but the unreserved characters of RFC 3986.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `YYYY-MM-DD` by shape only; the API checks the date itself.
fn plausible_day(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// An id as the API issues them; anything else is not sent.
fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn authorized(req: RequestBuilder, token: &str) -> RequestBuilder {
    req.header("Authorization", &format!("Bearer {token}"))
}

/// The error of an answer other than 2xx.
async fn error(resp: Response) -> ConsoleError {
    match resp.status() {
        401 => ConsoleError::Unauthorized,
        404 => ConsoleError::NotFound,
        412 => ConsoleError::Changed,
        code @ (400 | 403 | 409 | 422) => match resp.json::<ProblemBody>().await {
            Ok(p) => {
                let fields: Vec<String> = p
                    .errors
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| e.message)
                    .collect();
                if fields.is_empty() {
                    ConsoleError::Refused(p.detail)
                } else {
                    ConsoleError::Refused(fields.join(" "))
                }
            }
            Err(_) => ConsoleError::Status(code),
        },
        code => ConsoleError::Status(code),
    }
}

/// `GET /api/v1/operator/connection-requests?…`: one page of the list.
pub async fn list(token: &str, filter: &Filter, limit: u32) -> Result<OperatorPage, ConsoleError> {
    let mut q = filter.query(true);
    if !q.is_empty() {
        q.push('&');
    }
    let url = format!("/api/v1/operator/connection-requests?{q}limit={limit}");
    let resp = authorized(Request::get(&url), token)
        .send()
        .await
        .map_err(|_| ConsoleError::Network)?;
    if !resp.ok() {
        return Err(error(resp).await);
    }
    resp.json().await.map_err(|_| ConsoleError::Status(200))
}

/// `GET /api/v1/operator/me`: the account of `token`, which also checks the token.
pub async fn me(token: &str) -> Result<OperatorAccount, ConsoleError> {
    let resp = authorized(Request::get("/api/v1/operator/me"), token)
        .send()
        .await
        .map_err(|_| ConsoleError::Network)?;
    if !resp.ok() {
        return Err(error(resp).await);
    }
    resp.json().await.map_err(|_| ConsoleError::Status(200))
}

/// `GET …/{id}/compare?from=…&to=…`: what changed between two versions.
pub async fn compare(
    token: &str,
    id: &str,
    from: u32,
    to: u32,
) -> Result<VersionComparison, ConsoleError> {
    if !plausible_id(id) {
        return Err(ConsoleError::NotFound);
    }
    let url = format!("/api/v1/operator/connection-requests/{id}/compare?from={from}&to={to}");
    let resp = authorized(Request::get(&url), token)
        .send()
        .await
        .map_err(|_| ConsoleError::Network)?;
    if !resp.ok() {
        return Err(error(resp).await);
    }
    resp.json().await.map_err(|_| ConsoleError::Status(200))
}

/// `GET /api/v1/operator/connection-requests/{id}` with its `ETag`.
pub async fn detail(token: &str, id: &str) -> Result<(OperatorDetail, String), ConsoleError> {
    if !plausible_id(id) {
        return Err(ConsoleError::NotFound);
    }
    let url = format!("/api/v1/operator/connection-requests/{id}");
    let resp = authorized(Request::get(&url), token)
        .send()
        .await
        .map_err(|_| ConsoleError::Network)?;
    with_etag(resp).await
}

/// `POST …/{id}/status` with `If-Match: etag`: the changed request with its new `ETag`.
pub async fn change_status(
    token: &str,
    id: &str,
    etag: &str,
    change: &StatusChange,
) -> Result<(OperatorDetail, String), ConsoleError> {
    if !plausible_id(id) {
        return Err(ConsoleError::NotFound);
    }
    let url = format!("/api/v1/operator/connection-requests/{id}/status");
    let resp = authorized(Request::post(&url), token)
        .header("If-Match", etag)
        .json(change)
        .map_err(|_| ConsoleError::Status(0))?
        .send()
        .await
        .map_err(|_| ConsoleError::Network)?;
    with_etag(resp).await
}

async fn with_etag(resp: Response) -> Result<(OperatorDetail, String), ConsoleError> {
    if !resp.ok() {
        return Err(error(resp).await);
    }
    let etag = resp.headers().get("ETag").unwrap_or_default();
    let detail = resp.json().await.map_err(|_| ConsoleError::Status(200))?;
    Ok((detail, etag))
}

/// `GET /api/v1/operator/connection-requests.csv?…`: the export of the filter, as bytes.
pub async fn export_csv(token: &str, filter: &Filter) -> Result<Vec<u8>, ConsoleError> {
    let url = format!(
        "/api/v1/operator/connection-requests.csv?{}",
        filter.query(false)
    );
    let resp = authorized(Request::get(&url), token)
        .send()
        .await
        .map_err(|_| ConsoleError::Network)?;
    if !resp.ok() {
        return Err(error(resp).await);
    }
    resp.binary().await.map_err(|_| ConsoleError::Status(200))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_goes_through_the_url_unchanged() {
        let f = Filter {
            status: Some(Status::Rueckfrage),
            land: Some(Land::parse("BY").unwrap_or(Land::ALL[0])),
            confirmed: Some(false),
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
            text: "Bad Tölz & 09 173".into(),
            offset: 50,
        };
        let href = f.href();
        let q = href.trim_start_matches("/verwaltung?");
        assert!(q.contains("q=Bad%20T%C3%B6lz%20%26%2009%20173"), "{q}");
        let get = |k: &str| {
            q.split('&')
                .find_map(|p| p.strip_prefix(&format!("{k}=")))
                .map(decode)
        };
        assert_eq!(Filter::from_query(get), f);
        assert_eq!(Filter::default().href(), "/verwaltung");
    }

    /// The router's decoding, for the round trip above.
    fn decode(v: &str) -> String {
        let b = v.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap_or(0));
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn free_text_is_one_trimmed_line() {
        assert_eq!(clean_text("  Würzburg\n"), "Würzburg");
        assert_eq!(clean_text("a\tb"), "a b");
        assert_eq!(clean_text(&"x".repeat(150)).len(), TEXT_MAX_CHARS);
    }

    #[test]
    fn values_that_cannot_be_filters_are_ignored() {
        let get = |k: &str| match k {
            "status" => Some("fertig".to_owned()),
            "from" => Some("1.1.2026".to_owned()),
            "offset" => Some("-3".to_owned()),
            _ => None,
        };
        assert_eq!(Filter::from_query(get), Filter::default());
    }
}
