#!/usr/bin/env bash
# OpenAPI conformance check of efa-api with Schemathesis.
#
# Starts the built efa-api binary on a free loopback port with a throw-away data
# directory, runs Schemathesis against /api/v1/openapi.json and stops the server again.
# Every response must conform to the description (status codes, content types, headers,
# schemas), no input may cause a 5xx, and invalid input must be rejected.
#
# Usage:   crates/api/tests/schemathesis.sh [extra schemathesis args]
# Needs:   python3, schemathesis on PATH (pip install 'schemathesis==4.32.5') or $SCHEMATHESIS,
#          and the binary built: cargo build -p efa-api (or set EFA_API_BIN).
# Tunable: ST_MAX_EXAMPLES (default 60), ST_SEED (default 20260301).

set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bin="${EFA_API_BIN:-$root/target/debug/efa-api}"
st="${SCHEMATHESIS:-schemathesis}"

if [[ ! -x "$bin" ]]; then
    echo "efa-api binary not found at $bin; build it with: cargo build -p efa-api" >&2
    exit 2
fi
command -v "$st" >/dev/null || { echo "schemathesis not found; pip install 'schemathesis==4.32.5'" >&2; exit 2; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# An operator account for every Land, made with the binary's own subcommand; it prints
# the token on stdout (and an explanation on stderr).
if ! token="$("$bin" --data-dir "$work/data" operators add schemathesis --lands all 2>"$work/add.err")" \
    || [[ -z "$token" ]]; then
    echo "efa-api operators add failed:" >&2
    cat "$work/add.err" >&2
    exit 1
fi

# Rate limit off: Schemathesis sends far more requests than any browser.
"$bin" --bind 127.0.0.1 --port 0 --data-dir "$work/data" --dist "$work/dist" \
    --rate-limit-per-second 0 \
    --submit-rate-limit-per-minute 0 \
    >"$work/stdout" 2>"$work/stderr" &
server_pid=$!

base=""
for _ in $(seq 1 100); do
    if base="$(sed -n 's|^efa-api listening on \(http://[^/]*\)/$|\1|p' "$work/stdout")" && [[ -n "$base" ]]; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "efa-api did not start:" >&2
        cat "$work/stderr" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -n "$base" ]] || { echo "efa-api did not print its address" >&2; exit 1; }

# Seed a few valid requests (the generated ones rarely match the registry), so that the
# operator list, fetch and status changes have real ids to work on.
python3 - "$base" "$root/crates/api/tests/fixtures" <<'PY'
import json, sys, urllib.request, uuid
base, fixtures = sys.argv[1], sys.argv[2]
for name in ["wuerzburg.json", "mettmann.json", "wuerzburg.json"]:
    body = open(f"{fixtures}/{name}", "rb").read()
    req = urllib.request.Request(
        f"{base}/api/v1/connection-requests", data=body, method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
    with urllib.request.urlopen(req) as resp:
        assert resp.status == 201, resp.status
PY

# Schemathesis keeps state in ./.schemathesis; run it where that is thrown away.
cd "$work"

# The operator account's token goes to every operation; the public status endpoint then simply
# answers 404 for it, which the description documents.
"$st" run "$base/api/v1/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,missing_required_header \
    --header "Authorization: Bearer $token" \
    --max-examples "${ST_MAX_EXAMPLES:-60}" \
    --seed "${ST_SEED:-20260301}" \
    --workers 1 \
    --request-timeout 30 \
    --no-color \
    --report-dir "$work/report" \
    --generation-database none \
    "$@"
