//! Small helpers for the figures: percentiles, "median · p95 · max" lines, kilobytes, and
//! reading numbers and arrays from the JSON that the browser bench and oha write.

use serde_json::Value;

pub(super) fn num(v: &Value, key: &str) -> f64 {
    v.get(key).and_then(Value::as_f64).unwrap_or(f64::NAN)
}

/// The array under `key`, or none (a part that did not run leaves it out).
pub(super) fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Nearest-rank percentile of unsorted samples.
pub(super) fn percentile(values: &[f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

pub(super) fn ms_stats(values: &[f64]) -> String {
    format!(
        "median {:.1} ms · p95 {:.1} ms · max {:.1} ms (n={})",
        percentile(values, 0.5),
        percentile(values, 0.95),
        percentile(values, 1.0),
        values.len()
    )
}

pub(super) fn kb(bytes: f64) -> String {
    if bytes.is_finite() {
        format!("{:.1} KB", bytes / 1000.0)
    } else {
        "–".into()
    }
}
