#!/usr/bin/env bash
# Publishes the sample with Native AOT (linux-x64) and drives the whole portal flow against the native binary on a
# free loopback port: sign-in, files, invoices, media token, invoice PDF, one-time token, login redirect with cookie,
# the server-rendered page, exchange, single use, OpenAPI and the portal page; then the one-time token handoff again
# with the Redis store against a redis-server of its own (skipped with the reason without redis-server, unless
# CI=true). Exits non-zero on any failure.
# AOT_OUTPUT=dir keeps the published binary there (default: a temp folder, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/loopback-host.sh

command -v gcc >/dev/null || command -v clang >/dev/null ||
  fail "Native AOT links with clang or gcc: apt-get install gcc libc6-dev"

work=$(mktemp -d)
out=${AOT_OUTPUT:-$work/publish}
trap 'stop_host; stop_redis; rm -rf "$work"' EXIT

started=$(date +%s)
dotnet publish samples/Nexudus.MediaAuth.Sample -c Release -r linux-x64 -p:PublishAot=true -o "$out" \
  | tee "$work/publish.log"
if grep -Eq 'warning (IL|AOT)[0-9]+' "$work/publish.log"; then
  fail "the AOT publish has trimming or AOT warnings (above)"
fi
binary=$out/Nexudus.MediaAuth.Sample
[ -x "$binary" ] || fail "no native binary at $binary"
echo "published in $(($(date +%s) - started)) s; binary $(stat -c %s "$binary") bytes ($(du -h "$binary" | cut -f1))"

# start_sample LOG [VARIABLE=VALUE...]: the native binary from its publish folder. Development gives the sample an
# ephemeral media token key (it logs a warning saying so).
start_sample() {
  local log=$1
  shift
  cd "$out"
  start_host "$log" env ASPNETCORE_ENVIRONMENT=Development "$@" "$binary"
  cd - >/dev/null
}

# sign_in: Ada's bearer token, as the auth curl arguments.
sign_in() {
  local token_json
  token_json=$(curl -sf -d grant_type=password -d username=ada@example.com -d password=media-demo-1 "$BASE_URL/api/token")
  expect "token_type" "$(jq -r .token_type <<<"$token_json")" bearer
  auth=(-H "Authorization: Bearer $(jq -r .access_token <<<"$token_json")")
}

# login URL COOKIE_JAR: follows a one-time token login link and prints the status and redirect target.
login() {
  curl -s -o /dev/null -c "$2" -w '%{http_code} %{redirect_url}' "$BASE_URL$1"
}

start_sample "$work/host.log"
cookies=$work/cookies.txt
sign_in

files=$(curl -sf "${auth[@]}" "$BASE_URL/api/public/files/my")
expect "files of Ada" "$(jq -r 'map(.Name) | join(",")' <<<"$files")" "Contract 1001.pdf,Contract 1002.pdf,Grundriss Büro 2. OG.bin,Welcome tour.webm"
invoices=$(curl -sf "${auth[@]}" "$BASE_URL/api/public/billing/invoices/my")
expect "invoices of Ada" "$(jq -r 'map(.InvoiceNumber) | join(",")' <<<"$invoices")" "INV-1002,INV-1001"

jwt=$(curl -sf "${auth[@]}" "$BASE_URL/api/auth/media/customer" | jq -r .jwt)
expect_match "media token is a JWT" "$jwt" '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
pdf_type=$(curl -sf -o "$work/invoice.pdf" -w '%{content_type}' "$BASE_URL/api/public/billing/invoices/1001/pdf?t=$jwt")
expect "invoice PDF content type" "$pdf_type" application/pdf
expect "invoice PDF magic bytes" "$(head -c 5 "$work/invoice.pdf")" "%PDF-"
expect "invoice PDF without a token" "$(status GET /api/public/billing/invoices/1001/pdf)" 401
expect "a media token cannot mint tokens" "$(status GET "/api/auth/media/customer?t=$jwt")" 401

confirmation=$(curl -sf -X POST "${auth[@]}" "$BASE_URL/api/sys/users/token/refresh?_shape=Value,WasSuccessful")
expect "shaped ActionConfirmation fields" "$(jq -r 'keys_unsorted | join(",")' <<<"$confirmation")" "WasSuccessful,Value"
expect "WasSuccessful" "$(jq -r .WasSuccessful <<<"$confirmation")" true
one_time=$(jq -r .Value <<<"$confirmation")

login_url="/en/user/login?server=true&t=$one_time&redirectUrl=%2Fen%2Finvoices"
expect "login redirect" "$(login "$login_url" "$cookies")" "302 $BASE_URL/en/invoices"
grep -q $'\tportal\t' "$cookies" || fail "the login redirect set no portal cookie"
page=$(curl -sf -b "$cookies" "$BASE_URL/en/invoices")
expect_match "server page shows the customer" "$page" 'Signed in as Ada Lovelace \(ada@example.com\)'
# Each invoice link carries a token bound to its PDF; Kestrel resolves dot segments before the binding is compared.
bound_link=$(grep -oE '/api/public/billing/invoices/1001/pdf\?t=[A-Za-z0-9._%-]+' <<<"$page" | head -1)
bound=${bound_link#*\?t=}
expect "the server page's invoice link opens its invoice" "$(status GET "$bound_link")" 200
expect "its bound token opens no other invoice" "$(status GET "/api/public/billing/invoices/1002/pdf?t=$bound")" 401
expect "nor another one through dot segments" \
  "$(status GET "/api/public/billing/invoices/1001/pdf/../../1002/pdf?t=$bound" --path-as-is)" 401
expect "nor another one through encoded dot segments" \
  "$(status GET "/api/public/billing/invoices/1001/pdf/%2e%2e/%2e%2e/1002/pdf?t=$bound" --path-as-is)" 401
expect "its own invoice reached through dot segments is the path routing sees" \
  "$(status GET "/api/public/billing/invoices/1002/../1001/pdf?t=$bound" --path-as-is)" 200
expect "a spent one-time token signs nobody in" "$(login "$login_url" "$work/replay-cookies.txt")" "302 $BASE_URL/"

second=$(curl -sf -X POST "${auth[@]}" "$BASE_URL/api/sys/users/token/refresh" | jq -r .Value)
exchanged=$(curl -sf -X POST "$BASE_URL/api/sys/users/exchange?token=$second&validForInMinutes=60")
expect "exchanged token fields" "$(jq -r 'keys_unsorted | join(",")' <<<"$exchanged")" "token,token_type,expires_in,refresh_token"
expect "exchanged lifetime" "$(jq -r .expires_in <<<"$exchanged")" 3600
exchanged_bearer=$(jq -r .token <<<"$exchanged")
expect "the exchanged bearer token works" \
  "$(status GET /api/auth/media/customer -H "Authorization: Bearer $exchanged_bearer")" 200
expect "exchange is single use" "$(status POST "/api/sys/users/exchange?token=$second&validForInMinutes=60")" 401

openapi=$(curl -sf "$BASE_URL/openapi/v1.json")
expect "OpenAPI documents t" \
  "$(jq -r '.paths["/api/public/billing/invoices/{invoiceId}/pdf"].get.parameters | map(select(.in == "query")) | map(.name) | join(",")' <<<"$openapi")" t
expect_match "portal page" "$(curl -sf "$BASE_URL/portal/")" '<script src="portal.js" defer></script>'

stop_host

if start_redis "$work"; then
  start_sample "$work/host-redis.log" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
  sign_in
  one_time=$(curl -sf -X POST "${auth[@]}" "$BASE_URL/api/sys/users/token/refresh" | jq -r .Value)
  expect "one-time token kept in Redis" "$(redis-cli -p "$REDIS_PORT" --raw DBSIZE)" 1
  expect "login redirect through Redis" \
    "$(login "/en/user/login?server=true&t=$one_time&redirectUrl=%2Fen%2Finvoices" "$work/redis-cookies.txt")" "302 $BASE_URL/en/invoices"
  expect "Redis holds no spent token" "$(redis-cli -p "$REDIS_PORT" --raw DBSIZE)" 0
  stop_host
  stop_redis
fi

# Keys from configuration in the native binary: an ES256 PEM signs, and the JWKS publishes its public half.
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$work/media-ec-1.pem"
start_sample "$work/host-keys.log" \
  Authentication__Schemes__MediaToken__SigningKey__KeyId=media-ec-1 \
  Authentication__Schemes__MediaToken__SigningKey__Algorithm=ES256 \
  Authentication__Schemes__MediaToken__SigningKey__Pem="$(cat "$work/media-ec-1.pem")"
jwks=$(curl -sf "$BASE_URL/.well-known/media-token-keys.json")
expect "JWKS key" "$(jq -r '.keys | map("\(.kty) \(.kid) \(.alg) \(.crv)") | join(",")' <<<"$jwks")" "EC media-ec-1 ES256 P-256"
sign_in
jwt=$(curl -sf "${auth[@]}" "$BASE_URL/api/auth/media/customer" | jq -r .jwt)
header=$(cut -d. -f1 <<<"$jwt")
while (( ${#header} % 4 )); do header+="="; done
expect "media token signed by the configured key" "$(basenc --base64url -d <<<"$header" | jq -r '"\(.alg) \(.kid)"')" "ES256 media-ec-1"
expect "invoice PDF with the ES256 token" "$(status GET "/api/public/billing/invoices/1001/pdf?t=$jwt")" 200
stop_host

echo "AOT flow passed"
