#!/usr/bin/env bash
# Packs the shipped packages into a folder feed, checks what they contain, then builds a fresh throw-away host outside
# the repository that references Nexudus.MediaAuth from that feed (dependencies from the configured NuGet source),
# runs it on a free loopback port and uses it over HTTP: what ships is what was tested. Exits non-zero on any failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
. tests/lib/loopback-host.sh

work=$(mktemp -d)
feed=$work/feed
trap 'stop_host; rm -rf "$work"' EXIT

started=$(date +%s)
for project in src/*/*.csproj; do
  dotnet pack "$project" -c Release -o "$feed" --nologo
done
echo "packed in $(($(date +%s) - started)) s"

package=$(ls "$feed"/Nexudus.MediaAuth.[0-9]*.nupkg)
version=$(basename "$package" .nupkg)
version=${version#Nexudus.MediaAuth.}
[ -f "$feed/Nexudus.MediaAuth.$version.snupkg" ] || fail "no symbol package (snupkg) next to $package"
nuspec=$(unzip -p "$package" Nexudus.MediaAuth.nuspec)
contents=$(unzip -Z1 "$package")
expect_match "license expression" "$nuspec" '<license type="expression">MIT</license>'
expect_match "package readme" "$nuspec" '<readme>README.md</readme>'
expect_match "repository metadata" "$nuspec" '<repository type="git" url="[^"]+"[^>]* commit="[0-9a-f]{40}"'
expect_match "README in the package" "$contents" '^README.md$'
expect_match "XML docs in the package" "$contents" '^lib/net10.0/Nexudus.MediaAuth.xml$'
expect_match "symbols in the snupkg" "$(unzip -Z1 "$feed/Nexudus.MediaAuth.$version.snupkg")" '^lib/net10.0/Nexudus.MediaAuth.pdb$'

# The host lives outside the repository, so none of its Directory.*.props apply, and restores into its own package
# folder, so no copy of Nexudus.MediaAuth from an earlier run can stand in for this one.
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
restored=$NUGET_PACKAGES/nexudus.mediaauth/$version/nexudus.mediaauth.$version.nupkg
expect "restored package is the packed one" "$(sha512sum <"$restored")" "$(sha512sum <"$package")"

start_host "$work/host.log" dotnet "$host/bin/Release/net10.0/PackageTestHost.dll"

bearer=$(curl -sf -X POST "$BASE_URL/signin" | jq -r .accessToken)
jwt=$(curl -sf -H "Authorization: Bearer $bearer" "$BASE_URL/api/auth/media/customer" | jq -r .jwt)
expect_match "media token" "$jwt" '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
expect "file opened with the media token" "$(curl -sf "$BASE_URL/files/report.pdf?t=$jwt")" "report.pdf for customer 42"
challenge=$(curl -s -o /dev/null -w '%{http_code} %header{www-authenticate}' "$BASE_URL/files/report.pdf")
expect "file without a token" "$challenge" "401 MediaToken"
one_time=$(curl -sf -X POST -H "Authorization: Bearer $bearer" "$BASE_URL/api/sys/users/token/refresh" | jq -r .Value)
exchanged=$(curl -sf -X POST "$BASE_URL/api/sys/users/exchange?token=$one_time&validForInMinutes=5")
expect "exchanged token type" "$(jq -r .token_type <<<"$exchanged")" bearer

stop_host
echo "package test passed: Nexudus.MediaAuth $version"
