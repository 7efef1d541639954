using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// Each case sends one hostile token to a real protected endpoint and expects a 401 with <c>error="invalid_token"</c>:
/// never a 500, never the customer's data. Tokens are built by hand where IdentityModel would refuse to write them.
/// </summary>
public sealed class HostileMediaTokenTests : IClassFixture<HostileTokenHost>
{
    private const string Hmac = HostileTokenHost.HmacPath;
    private const string Rsa = HostileTokenHost.RsaPath;
    private const string Ec = HostileTokenHost.EcPath;

    private static readonly RSA AttackerRsa = RSA.Create(2048);
    private static readonly ECDsa AttackerEc = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly byte[] AttackerSecret = RandomNumberGenerator.GetBytes(32);

    private readonly HostileTokenHost _host;

    public HostileMediaTokenTests(HostileTokenHost host) => _host = host;

    private static readonly Dictionary<string, Func<Kit, HostileRequest>> Cases = new()
    {
        // alg: none and unsigned tokens
        ["alg none without a signature"] = k => new(Hmac, T(TestToken.WithoutSignature(Header(alg: "none").Json(), k.Payload().Json()))),
        ["alg none keeping a valid HS256 signature"] = k => new(Hmac, T(ReplaceSegment(k.Valid(), 0, TestToken.Segment(Header(alg: "none").Json())))),
        ["alg NONE in upper case"] = k => new(Hmac, T(TestToken.WithoutSignature(Header(alg: "NONE").Json(), k.Payload().Json()))),
        ["alg nOnE in mixed case"] = k => new(Hmac, T(TestToken.WithoutSignature(Header(alg: "nOnE").Json(), k.Payload().Json()))),
        ["unsigned token of two segments"] = k => new(Hmac, T($"{TestToken.Segment(Header(alg: "none").Json())}.{TestToken.Segment(k.Payload().Json())}")),
        ["alg missing from the header"] = k => new(Hmac, T(Hs(Header().Drop("alg"), k.Payload()))),
        ["alg empty"] = k => new(Hmac, T(Hs(Header(alg: ""), k.Payload()))),
        ["alg not a string"] = k => new(Hmac, T(Hs(Header().Set("alg", 256), k.Payload()))),

        // algorithm confusion: the public key of an RSA or EC host used as an HMAC secret
        ["HS256 keyed with the RSA public key as PEM"] = k => new(Rsa, T(TestToken.Hmac(Header("HS256", "rsa-1").Json(), k.Payload().Json(), PemBytes(TestKeys.Rsa.Rsa.ExportSubjectPublicKeyInfoPem())))),
        ["HS256 keyed with the RSA public key as DER"] = k => new(Rsa, T(TestToken.Hmac(Header("HS256", "rsa-1").Json(), k.Payload().Json(), TestKeys.Rsa.Rsa.ExportSubjectPublicKeyInfo()))),
        ["HS256 keyed with the RSA public key as PKCS#1"] = k => new(Rsa, T(TestToken.Hmac(Header("HS256", "rsa-1").Json(), k.Payload().Json(), TestKeys.Rsa.Rsa.ExportRSAPublicKey()))),
        ["HS256 keyed with the EC public key as PEM"] = k => new(Ec, T(TestToken.Hmac(Header("HS256", "ec-1").Json(), k.Payload().Json(), PemBytes(TestKeys.Ecdsa.ECDsa.ExportSubjectPublicKeyInfoPem())))),
        ["HS256 keyed with the EC public key as DER"] = k => new(Ec, T(TestToken.Hmac(Header("HS256", "ec-1").Json(), k.Payload().Json(), TestKeys.Ecdsa.ECDsa.ExportSubjectPublicKeyInfo()))),
        ["RS256 by an attacker naming the HMAC key"] = k => new(Hmac, T(TestToken.Rsa(Header("RS256", "hmac-1").Json(), k.Payload().Json(), AttackerRsa))),
        ["ES256 by an attacker naming the RSA key"] = k => new(Rsa, T(TestToken.Ecdsa(Header("ES256", "rsa-1").Json(), k.Payload().Json(), AttackerEc))),

        // algorithms outside the allow-list, even with the right key
        ["HS384 with the right key where only HS256 is allowed"] = k => new(Hmac, T(TestToken.Hmac(Header("HS384").Json(), k.Payload().Json(), TestKeys.Hmac.Key, HashAlgorithmName.SHA384))),
        ["HS512 with the right key where only HS256 is allowed"] = k => new(Hmac, T(TestToken.Hmac(Header("HS512").Json(), k.Payload().Json(), TestKeys.Hmac.Key, HashAlgorithmName.SHA512))),
        ["PS256 with the right key where only RS256 is allowed"] = k => new(Rsa, T(TestToken.Rsa(Header("PS256", "rsa-1").Json(), k.Payload().Json(), TestKeys.Rsa.Rsa, RSASignaturePadding.Pss))),
        ["RS512 with the right key where only RS256 is allowed"] = k => new(Rsa, T(TestToken.Rsa(Header("RS512", "rsa-1").Json(), k.Payload().Json(), TestKeys.Rsa.Rsa, hash: HashAlgorithmName.SHA512))),
        ["unknown alg label over an HS256 signature"] = k => new(Hmac, T(Hs(Header(alg: "HS999"), k.Payload()))),

        // typ: only media+jwt, exactly
        ["typ JWT"] = k => new(Hmac, T(Hs(Header().Set("typ", "JWT"), k.Payload()))),
        ["typ at+jwt"] = k => new(Hmac, T(Hs(Header().Set("typ", "at+jwt"), k.Payload()))),
        ["typ MEDIA+JWT"] = k => new(Hmac, T(Hs(Header().Set("typ", "MEDIA+JWT"), k.Payload()))),
        ["typ Media+Jwt"] = k => new(Hmac, T(Hs(Header().Set("typ", "Media+Jwt"), k.Payload()))),
        ["typ with a trailing space"] = k => new(Hmac, T(Hs(Header().Set("typ", "media+jwt "), k.Payload()))),
        ["typ missing"] = k => new(Hmac, T(Hs(Header().Drop("typ"), k.Payload()))),
        ["typ empty"] = k => new(Hmac, T(Hs(Header().Set("typ", ""), k.Payload()))),
        ["typ not a string"] = k => new(Hmac, T(Hs(Header().Set("typ", 1), k.Payload()))),
        ["regular bearer JWT signed by the same key"] = k => new(Hmac, T(Hs(
            Header().Set("typ", "JWT"),
            new JsonObject { ["sub"] = "1", ["iss"] = "https://portal.example", ["aud"] = "portal-api", ["scope"] = "api", ["iat"] = k.Now, ["exp"] = k.Now + 3600 }))),

        // issuer and audience
        ["wrong iss"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("iss", "https://attacker.example")))),
        ["iss in another case"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("iss", MediaTokenDefaults.Issuer.ToUpperInvariant())))),
        ["iss missing"] = k => new(Hmac, T(Hs(Header(), k.Payload().Drop("iss")))),
        ["wrong aud"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("aud", "portal-api")))),
        ["aud missing"] = k => new(Hmac, T(Hs(Header(), k.Payload().Drop("aud")))),
        ["aud array without the media audience"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("aud", new JsonArray("portal-api", "billing"))))),

        // lifetime
        ["expired just past the clock skew"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("iat", k.Now - 66).Set("nbf", k.Now - 66).Set("exp", k.Now - 6))), "The token has expired."),
        ["expired long ago"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("iat", k.Now - 86_400).Set("nbf", k.Now - 86_400).Set("exp", k.Now - 86_340))), "The token has expired."),
        ["not valid yet by nbf"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("nbf", k.Now + 60).Set("exp", k.Now + 120))), "The token is not valid yet."),
        ["issued in the future without nbf"] = k => new(Hmac, T(Hs(Header(), k.Payload().Drop("nbf").Set("iat", k.Now + 60).Set("exp", k.Now + 120))), "The token is not valid yet."),
        ["lifetime one second over the cap"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("exp", k.Now + 301))), "The token's lifetime is longer than allowed."),
        ["lifetime of an hour counted from nbf"] = k => new(Hmac, T(Hs(Header(), k.Payload().Drop("iat").Set("exp", k.Now + 3600))), "The token's lifetime is longer than allowed."),
        ["exp at the largest long"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("exp", long.MaxValue)))),
        ["exp as a huge float"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("exp", 1e300)))),
        ["exp as a string"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("exp", (k.Now + 60).ToString(System.Globalization.CultureInfo.InvariantCulture))))),
        ["negative iat"] = k => new(Hmac, T(Hs(Header(), k.Payload().Drop("nbf").Set("iat", -1)))),
        ["exp missing"] = k => new(Hmac, T(Hs(Header(), k.Payload().Drop("exp"))), "The token has no expiration time."),
        ["iat and nbf both missing"] = k => new(Hmac, T(Hs(Header(), k.Payload().Drop("iat").Drop("nbf"))), "The token has neither an issue time nor a not-before time."),

        // subject
        ["sub missing"] = k => new(Hmac, T(Hs(Header(), k.Payload().Drop("sub"))), "The token has no subject."),
        ["sub empty"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("sub", ""))), "The token has no subject."),
        ["sub null"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("sub", null)))),
        ["sub an object"] = k => new(Hmac, T(Hs(Header(), k.Payload().Set("sub", new JsonObject { ["id"] = "1" })))),

        // tampering: single bit flips and borrowed signatures
        ["header bit flip"] = k => new(Hmac, T(TestToken.FlipBit(k.Valid(), segment: 0, byteIndex: 9))),
        ["payload bit flip turning sub 1 into 3"] = k => new(Hmac, T(TestToken.FlipBit(k.Valid(), segment: 1, byteIndex: 8, bit: 1))),
        ["payload bit flip in the last byte"] = k => new(Hmac, T(TestToken.FlipBit(k.Valid(), segment: 1, byteIndex: -2))),
        ["signature bit flip in the first byte"] = k => new(Hmac, T(TestToken.FlipBit(k.Valid(), segment: 2, byteIndex: 0))),
        ["signature bit flip in the last byte"] = k => new(Hmac, T(TestToken.FlipBit(k.Valid(), segment: 2, byteIndex: -1, bit: 7))),
        ["signature removed"] = k => new(Hmac, T(ReplaceSegment(k.Valid(), 2, string.Empty))),
        ["signature borrowed from another customer's token"] = k => new(Hmac, T(ReplaceSegment(k.Valid(), 2, Hs(Header(), k.Payload().Set("sub", "2")).Split('.')[2]))),
        ["signed by another key under the same kid"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), k.Payload().Json(), TestKeys.OtherHmac.Key))),

        // truncation
        ["last character cut"] = k => new(Hmac, T(k.Valid()[..^1])),
        ["cut in the middle of the payload"] = k => new(Hmac, T(k.Valid()[..(k.Valid().IndexOf('.', StringComparison.Ordinal) + 20)])),
        ["half the signature"] = k => new(Hmac, T(k.Valid()[..^21])),
        ["header only"] = k => new(Hmac, T(k.Valid().Split('.')[0])),
        ["header and a dot"] = k => new(Hmac, T(k.Valid().Split('.')[0] + ".")),

        // extra segments
        ["JWE-looking five segments"] = k => new(Hmac, T(string.Join('.',
            TestToken.Segment("""{"alg":"dir","enc":"A256GCM","kid":"hmac-1","typ":"media+jwt"}"""), string.Empty,
            TestToken.Segment("iv-iv-iv-iv!"), TestToken.Segment(k.Payload().Json()), TestToken.Segment("tag-tag-tag-tag!")))),
        ["valid JWS with two extra segments"] = k => new(Hmac, T(k.Valid() + ".AAAA.BBBB")),
        ["valid JWS with one extra segment"] = k => new(Hmac, T(k.Valid() + ".AAAA")),
        ["only dots"] = _ => new(Hmac, T("....")),

        // encoding and JSON
        ["header in padded standard base64"] = k => new(Hmac, T(ReplaceSegment(k.Valid(), 0, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Header().Json()))))),
        ["invalid base64url character in the payload"] = k => new(Hmac, T(ReplaceSegment(k.Valid(), 1, "*" + k.Valid().Split('.')[1][1..]))),
        ["header that is not JSON"] = k => new(Hmac, T(TestToken.Hmac("hello", k.Payload().Json(), TestKeys.Hmac.Key))),
        ["payload that is not JSON"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), "hello", TestKeys.Hmac.Key))),
        ["payload that is a JSON array"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), """[{"sub":"1"}]""", TestKeys.Hmac.Key))),
        ["payload that is a JSON string"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), "\"1\"", TestKeys.Hmac.Key))),
        ["payload JSON cut short"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), k.Payload().Json()[..^1], TestKeys.Hmac.Key))),
        ["payload JSON with trailing content"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), k.Payload().Json() + """{"sub":"2"}""", TestKeys.Hmac.Key))),
        ["duplicate sub, other customer first"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), """{"sub":"2",""" + k.Payload().Json()[1..], TestKeys.Hmac.Key))),
        ["duplicate sub, other customer last"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), k.Payload().Json()[..^1] + ""","sub":"2"}""", TestKeys.Hmac.Key))),
        ["duplicate exp, far future first"] = k => new(Hmac, T(TestToken.Hmac(Header().Json(), $$"""{"exp":{{k.Now + 86_400}},""" + k.Payload().Json()[1..], TestKeys.Hmac.Key))),
        ["duplicate alg, none first"] = k => new(Hmac, T(TestToken.Hmac("""{"alg":"none",""" + Header().Json()[1..], k.Payload().Json(), TestKeys.Hmac.Key))),
        ["duplicate alg, none last"] = k => new(Hmac, T(TestToken.Hmac(Header().Json()[..^1] + ""","alg":"none"}""", k.Payload().Json(), TestKeys.Hmac.Key))),
        ["duplicate typ, JWT first"] = k => new(Hmac, T(TestToken.Hmac("""{"typ":"JWT",""" + Header().Json()[1..], k.Payload().Json(), TestKeys.Hmac.Key))),
        ["duplicate kid, unknown last"] = k => new(Hmac, T(TestToken.Hmac(Header().Json()[..^1] + ""","kid":"hmac-2"}""", k.Payload().Json(), TestKeys.Hmac.Key))),

        // size: rejected by length before any parsing
        ["one character over MaxTokenLength"] = k => new(Hmac, T(k.ValidPadded(MediaTokenDefaults.MaxTokenLength + 1)), "The token is longer than allowed."),
        ["100 KB of base64url"] = _ => new(Hmac, T(new string('A', 100_000))),
        ["100 KB of dots"] = _ => new(Hmac, T(new string('.', 100_000)), "The token is longer than allowed."),

        // kid
        ["kid with path traversal"] = k => new(Hmac, T(Hs(Header().Set("kid", "../../x"), k.Payload()))),
        ["kid as an absolute path"] = k => new(Hmac, T(Hs(Header().Set("kid", "/etc/passwd"), k.Payload()))),
        ["kid as a URL"] = k => new(Hmac, T(Hs(Header().Set("kid", $"{k.LoopbackUrl}/key"), k.Payload()))),
        ["kid very long"] = k => new(Hmac, T(Hs(Header().Set("kid", new string('k', 2_000)), k.Payload()))),
        ["kid empty"] = k => new(Hmac, T(Hs(Header().Set("kid", ""), k.Payload()))),
        ["kid missing"] = k => new(Hmac, T(Hs(Header().Drop("kid"), k.Payload()))),
        ["kid a number"] = k => new(Hmac, T(Hs(Header().Set("kid", 1), k.Payload()))),
        ["kid an object"] = k => new(Hmac, T(Hs(Header().Set("kid", new JsonObject { ["id"] = "hmac-1" }), k.Payload()))),
        ["kid an array"] = k => new(Hmac, T(Hs(Header().Set("kid", new JsonArray("hmac-1")), k.Payload()))),
        ["kid null"] = k => new(Hmac, T(Hs(Header().Set("kid", null), k.Payload()))),
        ["kid with a NUL"] = k => new(Hmac, T(Hs(Header().Set("kid", "hmac-1\0"), k.Payload()))),
        ["kid in another case"] = k => new(Hmac, T(Hs(Header().Set("kid", "HMAC-1"), k.Payload()))),
        ["kid unknown"] = k => new(Hmac, T(Hs(Header().Set("kid", "hmac-2"), k.Payload()))),
        ["kid with SQL"] = k => new(Hmac, T(Hs(Header().Set("kid", "' OR '1'='1"), k.Payload()))),

        // key-locating headers are ignored and never fetched
        ["jku on loopback with an unknown kid"] = k => new(Hmac, T(Hs(Header().Set("kid", "attacker").Set("jku", $"{k.LoopbackUrl}/jwks.json"), k.Payload()))),
        ["jku on loopback with the known kid, attacker-signed"] = k => new(Hmac, T(TestToken.Hmac(Header().Set("jku", $"{k.LoopbackUrl}/jwks.json").Json(), k.Payload().Json(), AttackerSecret))),
        ["x5u on loopback, attacker-signed"] = k => new(Rsa, T(TestToken.Rsa(Header("RS256", "rsa-1").Set("x5u", $"{k.LoopbackUrl}/cert.pem").Json(), k.Payload().Json(), AttackerRsa))),
        ["embedded jwk of the attacker's RSA key"] = k => new(Rsa, T(TestToken.Rsa(Header("RS256", "attacker").Set("jwk", AttackerRsaJwk()).Json(), k.Payload().Json(), AttackerRsa))),
        ["embedded jwk of the attacker's secret under the known kid"] = k => new(Hmac, T(TestToken.Hmac(
            Header().Set("jwk", new JsonObject { ["kty"] = "oct", ["kid"] = "hmac-1", ["k"] = System.Buffers.Text.Base64Url.EncodeToString(AttackerSecret) }).Json(),
            k.Payload().Json(), AttackerSecret))),
        ["x5c with the attacker's self-signed certificate"] = k => new(Rsa, T(TestToken.Rsa(Header("RS256", "rsa-1").Set("x5c", new JsonArray(AttackerCertificate())).Json(), k.Payload().Json(), AttackerRsa))),

        // the t parameter itself
        ["one-time token in t"] = k => new(Hmac, T(k.OneTimeToken)),
        ["t twice with a valid token"] = k => new(Hmac, $"{T(k.Valid())}&{T(k.Valid())}", "The token parameter appears more than once."),
        ["t and T, both valid"] = k => new(Hmac, $"{T(k.Valid())}&T={k.Valid()}", "The token parameter appears more than once."),
        ["t empty"] = _ => new(Hmac, "t=", "The token is empty."),
        ["t without a value"] = _ => new(Hmac, "t", "The token is empty."),
        ["t of whitespace"] = _ => new(Hmac, "t=%20%20"),
        ["valid token after a space"] = k => new(Hmac, "t=%20" + k.Valid()),
        ["valid token followed by a NUL"] = k => new(Hmac, T(k.Valid() + "\0")),
        ["valid token percent-encoded twice"] = k => new(Hmac, T(Uri.EscapeDataString(k.Valid().Replace(".", "%2E", StringComparison.Ordinal)))),
    };

    public static TheoryData<string> CaseNames
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in Cases.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    [Fact]
    public void The_table_has_at_least_forty_distinct_cases() => Cases.Count.Should().BeGreaterThanOrEqualTo(40);

    [Fact]
    public async Task The_valid_token_the_cases_are_built_from_is_accepted_on_every_endpoint()
    {
        var kit = new Kit(_host);
        foreach (var (path, header) in new[] { (Hmac, Header()), (Rsa, Header("RS256", "rsa-1")), (Ec, Header("ES256", "ec-1")) })
        {
            var token = path switch
            {
                Rsa => TestToken.Rsa(header.Json(), kit.Payload().Json(), TestKeys.Rsa.Rsa),
                Ec => TestToken.Ecdsa(header.Json(), kit.Payload().Json(), TestKeys.Ecdsa.ECDsa),
                _ => kit.Valid(),
            };

            using var response = await _host.Client.GetAsync($"{path}?{T(token)}");

            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            (await response.Content.ReadAsStringAsync()).Should().Be("customer 1");
        }

        var longest = kit.LongestValidWithin(MediaTokenDefaults.MaxTokenLength);
        longest.Length.Should().BeGreaterThan(MediaTokenDefaults.MaxTokenLength - 4);
        using var padded = await _host.Client.GetAsync($"{Hmac}?{T(longest)}");
        padded.StatusCode.Should().Be(HttpStatusCode.OK, "a token just within MaxTokenLength is read");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Hostile_token_is_401_invalid_token_and_never_echoed(string name)
    {
        var request = Cases[name](new Kit(_host));
        _host.Logs.Clear();
        _host.Failures.Clear();

        using var response = await _host.Client.GetAsync($"{request.Path}?{request.Query}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.Should().ContainSingle().Subject;
        challenge.Scheme.Should().Be(HostileTokenHost.SchemeOf(request.Path));
        challenge.Parameter.Should().StartWith("error=\"invalid_token\", error_description=\"");
        var description = challenge.Parameter!["error=\"invalid_token\", error_description=\"".Length..^1];
        if (request.ExpectedDescription is not null)
        {
            description.Should().Be(request.ExpectedDescription);
        }

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString().Should().Be(description);

        var secrets = request.Secrets.WithParts().ToArray();
        TokenLeaks.FindFragment(response.Headers.WwwAuthenticate.ToString(), secrets).Should().BeNull("the challenge must not echo the token");
        TokenLeaks.FindFragment(body, secrets).Should().BeNull("the problem details must not echo the token");

        var records = _host.Logs.GetSnapshot();
        records.Should().NotContain(record => record.Level >= LogLevel.Error, "a hostile token is a client error, not a server fault");
        records.FindLeak(secrets).Should().BeNull("no log record may carry the token");
        _host.Failures.Should().NotBeEmpty().And.OnlyContain(failure => TokenLeaks.FindFragment(failure.ToString(), secrets) == null,
            "exception messages, which the authentication handler logs, must not carry the token");
        _host.LoopbackConnections.Should().Be(0, "no header of a token may make the server fetch anything");
    }

    private static JsonObject Header(string alg = "HS256", string kid = "hmac-1") =>
        new() { ["alg"] = alg, ["kid"] = kid, ["typ"] = MediaTokenDefaults.TokenType };

    private static string Hs(JsonObject header, JsonObject payload) => TestToken.Hmac(header.Json(), payload.Json(), TestKeys.Hmac.Key);

    private static string T(string token) => "t=" + Uri.EscapeDataString(token);

    private static string ReplaceSegment(string token, int index, string segment)
    {
        var parts = token.Split('.');
        parts[index] = segment;
        return string.Join('.', parts);
    }

    private static byte[] PemBytes(string pem) => System.Text.Encoding.ASCII.GetBytes(pem);

    private static JsonObject AttackerRsaJwk()
    {
        var parameters = AttackerRsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = "attacker",
            ["n"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent),
        };
    }

    private static string AttackerCertificate()
    {
        var request = new CertificateRequest("CN=attacker", AttackerRsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Cert));
    }

    /// <summary>A request for one case: the endpoint, the query, and the exact error description when the case pins it.</summary>
    private sealed record HostileRequest(string Path, string Query, string? ExpectedDescription = null)
    {
        /// <summary>Every query value long enough to leak, as the server decodes it.</summary>
        public IEnumerable<string> Secrets => Query.Split('&')
            .Select(pair => pair.Split('=', 2) is [_, var value] ? Uri.UnescapeDataString(value) : string.Empty)
            .Where(value => value.Length >= TokenLeaks.FragmentLength);
    }

    /// <summary>The parts a case builds its token from, at the host's current (fake) time.</summary>
    private sealed class Kit(HostileTokenHost host)
    {
        public long Now { get; } = host.Now.ToUnixTimeSeconds();

        public string LoopbackUrl => host.LoopbackUrl;

        public string OneTimeToken => host.OneTimeToken;

        public JsonObject Payload() => new()
        {
            ["sub"] = "1",
            ["iss"] = MediaTokenDefaults.Issuer,
            ["aud"] = MediaTokenDefaults.Audience,
            ["iat"] = Now,
            ["nbf"] = Now,
            ["exp"] = Now + 60,
        };

        public string Valid() => Hs(Header(), Payload());

        /// <summary>The valid token, with a filler claim long enough to make it at least <paramref name="minLength"/> characters.</summary>
        public string ValidPadded(int minLength) => PaddedTokens().First(token => token.Length >= minLength);

        /// <summary>The longest valid token, filler included, of at most <paramref name="maxLength"/> characters.</summary>
        public string LongestValidWithin(int maxLength) => PaddedTokens().TakeWhile(token => token.Length <= maxLength).Last();

        private IEnumerable<string> PaddedTokens()
        {
            for (var filler = 0; ; filler++)
            {
                yield return Hs(Header(), Payload().Set("pad", new string('x', filler)));
            }
        }
    }
}

/// <summary>Fluent edits of JSON objects for building token headers and payloads.</summary>
internal static class JsonObjectEdits
{
    public static JsonObject Set(this JsonObject json, string name, JsonNode? value)
    {
        json[name] = value;
        return json;
    }

    public static JsonObject Drop(this JsonObject json, string name)
    {
        json.Remove(name);
        return json;
    }

    public static string Json(this JsonObject json) => json.ToJsonString();
}
