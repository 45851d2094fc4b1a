//! Reading request bodies with a size limit and a deadline.
//!
//! An oversized body is still read (and discarded) up to [`DRAIN_LIMIT`] before the 413
//! is sent: a client that is still writing when the server closes the connection often
//! sees a reset instead of the answer. Bodies announced larger than that are refused at
//! once with `Connection: close`.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};
use http_body_util::BodyExt;

use crate::problem::Problem;

pub const BODY_LIMIT: usize = 256 * 1024;
const DRAIN_LIMIT: u64 = 16 * 1024 * 1024;

/// Whether the request declares a JSON body (`application/json`, optionally with
/// parameters such as `charset=utf-8`).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

pub async fn read_limited(
    body: Body,
    headers: &HeaderMap,
    timeout: Duration,
) -> Result<Bytes, Problem> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_LIMIT) {
        return Err(Problem::payload_too_large(BODY_LIMIT));
    }
    let read = async move {
        let mut body = body;
        let mut buf: Vec<u8> = Vec::new();
        let mut total: u64 = 0;
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|_| {
                Problem::bad_request("Der Inhalt der Anfrage konnte nicht gelesen werden.")
            })?;
            let Ok(data) = frame.into_data() else {
                continue;
            };
            total = total.saturating_add(data.len() as u64);
            if total > BODY_LIMIT as u64 {
                buf = Vec::new();
                if total > DRAIN_LIMIT {
                    break;
                }
            } else {
                buf.extend_from_slice(&data);
            }
        }
        if total > BODY_LIMIT as u64 {
            Err(Problem::payload_too_large(BODY_LIMIT))
        } else {
            Ok(Bytes::from(buf))
        }
    };
    tokio::time::timeout(timeout, read)
        .await
        .map_err(|_| Problem::request_timeout())?
}
