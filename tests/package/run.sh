#!/usr/bin/env bash
# Packs the shipped packages into a folder feed, checks what they contain, then builds a fresh throw-away host outside
# the repository that references them from that feed (dependencies from the configured NuGet source), runs it on a
# free loopback port and uses it over HTTP, once with the in-memory one-time token store and once with the Redis store
# against a redis-server of its own: what ships is what was tested. Exits non-zero on any failure. Without
# redis-server the Redis run is skipped with the reason, unless CI=true, where it fails.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
. tests/lib/loopback-host.sh

work=$(mktemp -d)
feed=$work/feed
secrets=
trap 'stop_host; stop_redis; rm -rf "$work" ${secrets:+"$secrets"}' EXIT

started=$(date +%s)
for project in src/*/*.csproj; do
  dotnet pack "$project" -c Release -o "$feed" --nologo
done
echo "packed in $(($(date +%s) - started)) s"

package=$(ls "$feed"/Nexudus.MediaAuth.[0-9]*.nupkg)
version=$(basename "$package" .nupkg)
version=${version#Nexudus.MediaAuth.}
for id in Nexudus.MediaAuth Nexudus.MediaAuth.StackExchangeRedis Nexudus.MediaAuth.EntityFrameworkCore; do
  nupkg=$feed/$id.$version.nupkg
  [ -f "$nupkg" ] || fail "no $id $version package"
  [ -f "$feed/$id.$version.snupkg" ] || fail "no symbol package (snupkg) next to $nupkg"
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  contents=$(unzip -Z1 "$nupkg")
  expect_match "$id license expression" "$nuspec" '<license type="expression">MIT</license>'
  expect_match "$id package readme" "$nuspec" '<readme>README.md</readme>'
  expect_match "$id repository metadata" "$nuspec" '<repository type="git" url="[^"]+"[^>]* commit="[0-9a-f]{40}"'
  expect_match "$id README in the package" "$contents" '^README.md$'
  expect_match "$id XML docs in the package" "$contents" "^lib/net10.0/$id.xml$"
  expect_match "$id symbols in the snupkg" "$(unzip -Z1 "$feed/$id.$version.snupkg")" "^lib/net10.0/$id.pdb$"
  # Exactly what the package needs, nothing this repository pins for its own build.
  dependencies=$(grep -o '<dependency id="[^"]*"' <<<"$nuspec" | sed 's/.*id="//; s/"$//' | sort -u | paste -sd ' ')
  case $id in
    Nexudus.MediaAuth) expect "$id dependencies" "$dependencies" "Microsoft.IdentityModel.JsonWebTokens" ;;
    Nexudus.MediaAuth.StackExchangeRedis) expect "$id dependencies" "$dependencies" "Nexudus.MediaAuth StackExchange.Redis" ;;
    # The provider (Npgsql, SqlServer, Sqlite, ...) is the host's choice, not a dependency.
    Nexudus.MediaAuth.EntityFrameworkCore) expect "$id dependencies" "$dependencies" "Microsoft.EntityFrameworkCore.Relational Nexudus.MediaAuth" ;;
  esac
done

# The host lives outside the repository, so none of its Directory.*.props apply, and restores into its own package
# folder, so no copy of the packages from an earlier run can stand in for these.
host=$work/host
cp -r tests/package/host "$host"
cat >"$host/NuGet.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="packed" value="$feed" />
  </packageSources>
</configuration>
CONFIG
export NUGET_PACKAGES=$work/packages
started=$(date +%s)
dotnet build "$host" -c Release -p:NexudusMediaAuthVersion="$version" --nologo
echo "host restored and built in $(($(date +%s) - started)) s"
for id in nexudus.mediaauth nexudus.mediaauth.stackexchangeredis; do
  restored=$NUGET_PACKAGES/$id/$version/$id.$version.nupkg
  packed=$(ls "$feed"/*.nupkg | grep -i "/$id\.$version\.nupkg$")
  expect "restored $id is the packed one" "$(sha512sum <"$restored")" "$(sha512sum <"$packed")"
done

# use_host: the flow a portal and a file link go through.
use_host() {
  bearer=$(curl -sf -X POST "$BASE_URL/signin" | jq -r .accessToken)
  jwt=$(curl -sf -H "Authorization: Bearer $bearer" "$BASE_URL/api/auth/media/customer" | jq -r .jwt)
  expect_match "media token" "$jwt" '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
  expect "file opened with the media token" "$(curl -sf "$BASE_URL/files/report.pdf?t=$jwt")" "report.pdf for customer 42"
  expect "file without a token" "$(curl -s -o /dev/null -w '%{http_code} %header{www-authenticate}' "$BASE_URL/files/report.pdf")" "401 MediaToken"
  one_time=$(curl -sf -X POST -H "Authorization: Bearer $bearer" "$BASE_URL/api/sys/users/token/refresh" | jq -r .Value)
  if [ -n "${REDIS_PID:-}" ]; then
    expect "one-time token kept in Redis" "$(redis-cli -p "$REDIS_PORT" --raw DBSIZE)" 1
  fi
  exchanged=$(curl -sf -X POST "$BASE_URL/api/sys/users/exchange?token=$one_time&validForInMinutes=5")
  expect "exchanged token type" "$(jq -r .token_type <<<"$exchanged")" bearer
  expect "exchange is single use" "$(status POST "/api/sys/users/exchange?token=$one_time&validForInMinutes=5")" 401
}

dll=$host/bin/Release/net10.0/PackageTestHost.dll
start_host "$work/host.log" dotnet "$dll"
use_host
stop_host

if start_redis "$work"; then
  start_host "$work/host-redis.log" env ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" dotnet "$dll"
  use_host
  stop_host
  expect "Redis holds no spent token" "$(redis-cli -p "$REDIS_PORT" --raw DBSIZE)" 0
  stop_redis
fi

# The README's Quick start as a newcomer follows it: its shell commands in a fresh folder (with the packed feed as a
# package source, as the README says to add it), its Program.cs pasted from the README, run in Development with no
# media token key configured, then every answer its walk-through shows.
readme_block() { # readme_block LANGUAGE N: the Nth fenced LANGUAGE block of the README's "Quick start" section
  awk -v fence="\`\`\`$1" -v n="$2" '
    /^## / { inside = ($0 ~ /^## Quick start/) }
    inside && !grab && $0 == fence && ++count == n { grab = 1; next }
    grab && $0 == "```" { exit }
    grab { print }' README.md
}
quick=$work/quickstart
mkdir -p "$quick"
cp "$host/NuGet.config" "$quick/NuGet.config"
commands=$(readme_block sh 1)
[ -n "$commands" ] || fail "the README's Quick start has no shell commands"
started=$(date +%s)
created=$(cd "$quick" && bash -euo pipefail -c "$commands" 2>&1) || { echo "$created" >&2; fail "the Quick start's commands failed"; }
bearer=$(sed -n 's/^Token: //p' <<<"$created")
expect_match "dotnet user-jwts printed a bearer token" "$bearer" '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
app=$quick/MyPortal
secrets=$HOME/.microsoft/usersecrets/$(sed -n 's:.*<UserSecretsId>\(.*\)</UserSecretsId>.*:\1:p' "$app/MyPortal.csproj")
readme_block csharp 1 >"$app/Program.cs"
dotnet build "$app" -c Release --nologo -p:TreatWarningsAsErrors=true
echo "Quick start host created and built in $(($(date +%s) - started)) s"
expect "Quick start references the packed package" \
  "$(sha512sum <"$NUGET_PACKAGES/nexudus.mediaauth/$version/nexudus.mediaauth.$version.nupkg")" \
  "$(sha512sum <"$feed/Nexudus.MediaAuth.$version.nupkg")"

start_host "$work/quickstart.log" env ASPNETCORE_ENVIRONMENT=Development dotnet "$app/bin/Release/net10.0/MyPortal.dll" --contentRoot "$app"
auth=(-H "Authorization: Bearer $bearer")
jwt=$(curl -sf "${auth[@]}" "$BASE_URL/api/auth/media/customer" | jq -r .jwt)
expect_match "Quick start: media token" "$jwt" '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
expect "Quick start: the invoice PDF" \
  "$(curl -s -o "$work/invoice.pdf" -w '%{http_code} %{content_type}' "$BASE_URL/api/public/billing/invoices/1001/pdf?t=$jwt")" "200 application/pdf"
expect "Quick start: a PDF indeed" "$(head -c 5 "$work/invoice.pdf")" "%PDF-"
expect "Quick start: another customer's invoice" "$(status GET "/api/public/billing/invoices/2001/pdf?t=$jwt")" 404
expect "Quick start: the bearer token does not open a file" \
  "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$BASE_URL/api/public/billing/invoices/1001/pdf")" 401
one_time=$(curl -sf -X POST "${auth[@]}" "$BASE_URL/api/sys/users/token/refresh" | jq -r .Value)
expect_match "Quick start: one-time token" "$one_time" '^[0-9a-f]{32}$'
expect "Quick start: the login redirect" \
  "$(curl -s -o /dev/null -c "$work/cookies.txt" -w '%{http_code} %{redirect_url}' "$BASE_URL/user/login?server=true&t=$one_time&redirectUrl=%2Finvoices")" \
  "302 $BASE_URL/invoices"
expect "Quick start: the server-rendered page" "$(curl -sf -b "$work/cookies.txt" "$BASE_URL/invoices")" "Invoices of customer 42"
expect "Quick start: the token is spent" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE_URL/user/login?server=true&t=$one_time&redirectUrl=%2Finvoices")" "302 $BASE_URL/"
one_time=$(curl -sf -X POST "${auth[@]}" "$BASE_URL/api/sys/users/token/refresh" | jq -r .Value)
exchanged=$(curl -sf -X POST "$BASE_URL/api/sys/users/exchange?token=$one_time&validForInMinutes=60")
expect "Quick start: exchanged token type and lifetime" "$(jq -r '"\(.token_type) \(.expires_in)"' <<<"$exchanged")" "bearer 3600"
expect "Quick start: the exchanged token calls the JwtBearer API" \
  "$(curl -sf -H "Authorization: Bearer $(jq -r .token <<<"$exchanged")" "$BASE_URL/api/me")" '{"customerId":"42"}'
stop_host
expect_match "Quick start: Development ran on an ephemeral media token key" "$(cat "$work/quickstart.log")" 'ephemeral'
grep -qF -e "$jwt" -e "$one_time" "$work/quickstart.log" && fail "Quick start: a token reached the host's log"
echo "ok: Quick start: no token in the host's log"

echo "package test passed: Nexudus.MediaAuth and Nexudus.MediaAuth.StackExchangeRedis $version"
