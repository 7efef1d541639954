using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Keys;

/// <summary>
/// A validation-only file server fetching a JWKS that is malformed, oversized or full of unusable keys: the document
/// is refused (or the bad key ignored) without a 5xx, and the keys of the last good fetch stay in use.
/// </summary>
public sealed class MediaTokenJwksDocumentTests
{
    private const string GoodKeyId = "media-ec-1";

    private static readonly ECDsa GoodKey = ConfiguredKeys.Ecdsa;
    private static readonly ECDsa AttackerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly RSA Rsa1024 = RSA.Create(1024);

    public static TheoryData<string, string> RefusedDocuments()
    {
        var good = JwksFileServer.EcJwk(GoodKeyId, GoodKey);
        var q = GoodKey.ExportParameters(includePrivateParameters: false).Q;
        var x = Base64UrlEncoder.Encode(q.X);
        var rsa = Rsa1024.ExportParameters(includePrivateParameters: false);
        return new()
        {
            { "a null entry", """{"keys":[null]}""" },
            { "a null document", "null" },
            { "an array", "[]" },
            { "a string", "\"keys\"" },
            { "an empty body", "" },
            { "not JSON", "<html>" },
            { "keys that are not an array", """{"keys":{}}""" },
            { "no keys member", "{}" },
            { "no key at all", """{"keys":[]}""" },
            { "a kid that is a number", good.Replace($"\"{GoodKeyId}\"", "5", StringComparison.Ordinal) is var numberKid ? $$"""{"keys":[{{numberKid}}]}""" : "" },
            { "a huge number", $$"""{"keys":[{"kty":"EC","kid":1e999999999,"crv":"P-256","x":"{{x}}","y":"{{x}}"}]}""" },
            { "an entry that is a string", """{"keys":["EC"]}""" },
            { "a key with a member listed twice, which readers may resolve either way", $$"""{"keys":[{"kid":"other",{{good[1..]}}]}""" },
            { "bad base64url", $$"""{"keys":[{"kty":"EC","kid":"{{GoodKeyId}}","alg":"ES256","crv":"P-256","x":"!!!","y":"{{x}}"}]}""" },
            { "a point off the curve", $$"""{"keys":[{"kty":"EC","kid":"{{GoodKeyId}}","alg":"ES256","crv":"P-256","x":"{{x}}","y":"{{x}}"}]}""" },
            { "a coordinate of the wrong length", $$"""{"keys":[{"kty":"EC","kid":"{{GoodKeyId}}","alg":"ES256","crv":"P-256","x":"{{x[..^4]}}","y":"{{x}}"}]}""" },
            { "an attacker's key under the same kid as the good one", $$"""{"keys":[{{JwksFileServer.EcJwk(GoodKeyId, AttackerKey)}},{{good}}]}""" },
            { "an EC key whose alg does not fit its curve", $$"""{"keys":[{{JwksFileServer.EcJwk(GoodKeyId, GoodKey, "ES384")}}]}""" },
            { "an RSA key without alg", $$"""{"keys":[{"kty":"RSA","kid":"{{GoodKeyId}}","n":"{{Base64UrlEncoder.Encode(ConfiguredKeys.Rsa.ExportParameters(false).Modulus)}}","e":"AQAB"}]}""" },
            { "a 1024-bit RSA key", $$"""{"keys":[{"kty":"RSA","kid":"{{GoodKeyId}}","alg":"RS256","n":"{{Base64UrlEncoder.Encode(rsa.Modulus)}}","e":"{{Base64UrlEncoder.Encode(rsa.Exponent)}}"}]}""" },
            { "a 16000-bit modulus", $$"""{"keys":[{"kty":"RSA","kid":"{{GoodKeyId}}","alg":"RS256","n":"{{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(2000))}}","e":"AQAB"}]}""" },
            { "a symmetric key", $$"""{"keys":[{"kty":"oct","kid":"{{GoodKeyId}}","alg":"HS256","k":"{{Base64UrlEncoder.Encode(TestKeys.Hmac.Key)}}"}]}""" },
            { "more keys than JwksMaxKeys", $$"""{"keys":[{{string.Join(',', Enumerable.Range(0, MediaTokenDefaults.JwksMaxKeys + 1).Select(i => JwksFileServer.EcJwk(i == 0 ? GoodKeyId : $"k{i}", AttackerKey)))}}]}""" },
            { "more bytes than JwksMaxBytes", $$"""{"keys":[{{JwksFileServer.EcJwk(GoodKeyId, AttackerKey)}}],"padding":"{{new string('a', MediaTokenDefaults.JwksMaxBytes)}}"}""" },
        };
    }

    [Theory]
    [MemberData(nameof(RefusedDocuments))]
    public async Task A_refused_first_document_leaves_the_scheme_failing_closed_without_a_5xx(string because, string document)
    {
        await using var issuer = await HostileIssuer.StartAsync(document);
        await using var fileServer = await StartFileServerAsync(issuer);

        using var response = await fileServer.GetMediaAsync(GoodToken(fileServer));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, because);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error_description=\"The keys that validate the token are unavailable.\"");
        fileServer.Services.GetFakeLogCollector().GetSnapshot().Should().Contain(log => log.Id.Name == "MediaTokenJwksFetchFailed", because);
    }

    [Theory]
    [MemberData(nameof(RefusedDocuments))]
    public async Task A_refused_document_on_refresh_keeps_the_last_good_keys(string because, string document)
    {
        await using var issuer = await HostileIssuer.StartAsync($$"""{"keys":[{{JwksFileServer.EcJwk(GoodKeyId, GoodKey)}}]}""");
        await using var fileServer = await StartFileServerAsync(issuer);
        await ExpectAcceptedAsync(fileServer);

        issuer.Document = document;
        fileServer.Time.Advance(MediaTokenDefaults.JwksRefreshInterval);
        await ExpectAcceptedAsync(fileServer);
        await fileServer.Services.WaitForLogAsync(log => log.Id.Name == "MediaTokenJwksFetchFailed");

        await ExpectAcceptedAsync(fileServer, because);
        issuer.Fetches.Should().Be(2);
    }

    [Fact]
    public async Task Unusable_entries_beside_a_good_key_are_ignored_and_counted()
    {
        var x = Base64UrlEncoder.Encode(GoodKey.ExportParameters(includePrivateParameters: false).Q.X);
        await using var issuer = await HostileIssuer.StartAsync($$"""
            {"keys":[null,{"kty":"EC","kid":"bad","crv":"P-256","x":"!!!","y":"{{x}}"},{{JwksFileServer.EcJwk(GoodKeyId, GoodKey)}}]}
            """);
        await using var fileServer = await StartFileServerAsync(issuer);

        await ExpectAcceptedAsync(fileServer);
        fileServer.Services.GetFakeLogCollector().GetSnapshot().Should()
            .Contain(log => log.Id.Name == "MediaTokenJwksFetched" && log.Message.Contains("1 usable keys, 2 ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_EC_key_without_alg_validates_the_algorithm_of_its_curve_only()
    {
        var q = GoodKey.ExportParameters(includePrivateParameters: false).Q;
        await using var issuer = await HostileIssuer.StartAsync($$"""
            {"keys":[{"kty":"EC","kid":"{{GoodKeyId}}","crv":"P-256","x":"{{Base64UrlEncoder.Encode(q.X)}}","y":"{{Base64UrlEncoder.Encode(q.Y)}}"}]}
            """);
        await using var fileServer = await StartFileServerAsync(issuer);

        await ExpectAcceptedAsync(fileServer);
        var es384 = TestToken.Create(fileServer.Time.GetUtcNow(), new SigningCredentials(new ECDsaSecurityKey(GoodKey) { KeyId = GoodKeyId }, SecurityAlgorithms.EcdsaSha384));
        using var response = await fileServer.GetMediaAsync(es384);
        await response.ShouldBeInvalidTokenAsync("The token's signing algorithm is not allowed.");
    }

    [Fact]
    public async Task Fetches_through_the_IHttpClientFactory_client_named_after_the_scheme_whose_host_settings_win()
    {
        await using var issuer = await HostileIssuer.StartAsync($$"""{"keys":[{{JwksFileServer.EcJwk(GoodKeyId, GoodKey)}}]}""");
        await using var defaults = await JwksFileServer.StartAsync(issuer.Host);
        await using var configured = await JwksFileServer.StartAsync(issuer.Host, configureClient: client => client.Timeout = TimeSpan.FromSeconds(3));

        await ExpectAcceptedAsync(defaults);
        await ExpectAcceptedAsync(configured);
        issuer.Fetches.Should().Be(2);
        JwksClient(defaults).Timeout.Should().Be(TimeSpan.FromSeconds(10), "the library's default fetch timeout");
        JwksClient(configured).Timeout.Should().Be(TimeSpan.FromSeconds(3), "the host's AddHttpClient runs after the library's");
    }

    private static HttpClient JwksClient(TestHost host) =>
        host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("Nexudus.MediaAuth.Jwks:MediaToken");

    private static string GoodToken(TestHost fileServer) =>
        TestToken.Create(fileServer.Time.GetUtcNow(), new SigningCredentials(new ECDsaSecurityKey(GoodKey) { KeyId = GoodKeyId }, SecurityAlgorithms.EcdsaSha256));

    private static async Task ExpectAcceptedAsync(TestHost fileServer, string because = "")
    {
        using var response = await fileServer.GetMediaAsync(GoodToken(fileServer));
        response.StatusCode.Should().Be(HttpStatusCode.OK, because);
    }

    private static Task<TestHost> StartFileServerAsync(HostileIssuer issuer) => JwksFileServer.StartAsync(issuer.Host);

    /// <summary>Serves <see cref="Document"/> as the JWKS, streamed without a Content-Length, and counts the fetches.</summary>
    private sealed class HostileIssuer : IAsyncDisposable
    {
        private int _fetches;

        public TestHost Host { get; private set; } = null!;

        public volatile string Document = "";

        public int Fetches => Volatile.Read(ref _fetches);

        public static async Task<HostileIssuer> StartAsync(string document)
        {
            var issuer = new HostileIssuer { Document = document };
            issuer.Host = await TestHost.StartAsync(_ => { }, app => app.MapGet(MediaTokenDefaults.JwksPath, async (HttpContext context) =>
            {
                Interlocked.Increment(ref issuer._fetches);
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(issuer.Document));
            }));
            return issuer;
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
