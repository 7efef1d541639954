using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.Tests.Infrastructure;
using static Nexudus.MediaAuth.Tests.MediaTokens.ConfiguredKeys;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Keys;

/// <summary>
/// <c>MapMediaTokenJwks()</c> on an issuer, and a validation-only file server (<c>JwksUri</c>) that fetches it through
/// the issuer's TestServer: two hosts, as in production.
/// </summary>
public sealed class MediaTokenJwksTests
{
    private static readonly string RsaPrivatePem = Rsa.ExportPkcs8PrivateKeyPem();

    [Fact]
    public async Task Publishes_the_public_signing_and_validation_keys_and_never_an_HMAC_key()
    {
        await using var issuer = await TestHost.StartConfiguredMediaTokenHostAsync(new ReloadableConfiguration(Merge(
            Key("SigningKey", "media-rsa-1", "RS256", pem: RsaPrivatePem),
            Key("ValidationKeys:0", "media-ec-1", "ES256", pem: Ecdsa.ExportSubjectPublicKeyInfoPem()),
            Key("ValidationKeys:1", "media-hmac-1", "HS256", base64: Convert.ToBase64String(HmacSecret)))));

        using var response = await issuer.Client.GetAsync(MediaTokenDefaults.JwksPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/jwk-set+json");
        response.Headers.CacheControl!.ToString().Should().Be("public, max-age=300");
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var keys = document.RootElement.GetProperty("keys").EnumerateArray().ToArray();
        keys.Should().HaveCount(2);

        var rsaParameters = Rsa.ExportParameters(includePrivateParameters: false);
        var rsa = keys[0];
        rsa.GetProperty("kty").GetString().Should().Be("RSA");
        rsa.GetProperty("kid").GetString().Should().Be("media-rsa-1");
        rsa.GetProperty("use").GetString().Should().Be("sig");
        rsa.GetProperty("alg").GetString().Should().Be("RS256");
        rsa.GetProperty("n").GetString().Should().Be(Base64UrlEncoder.Encode(rsaParameters.Modulus));
        rsa.GetProperty("e").GetString().Should().Be(Base64UrlEncoder.Encode(rsaParameters.Exponent));

        var ecParameters = Ecdsa.ExportParameters(includePrivateParameters: false);
        var ec = keys[1];
        ec.GetProperty("kty").GetString().Should().Be("EC");
        ec.GetProperty("kid").GetString().Should().Be("media-ec-1");
        ec.GetProperty("alg").GetString().Should().Be("ES256");
        ec.GetProperty("crv").GetString().Should().Be("P-256");
        ec.GetProperty("x").GetString().Should().Be(Base64UrlEncoder.Encode(ecParameters.Q.X));
        ec.GetProperty("y").GetString().Should().Be(Base64UrlEncoder.Encode(ecParameters.Q.Y));

        body.Should().NotContain("media-hmac-1").And.NotContain("\"k\"").And.NotContain("\"d\"").And.NotContain("\"p\"");
    }

    [Fact]
    public async Task An_HMAC_only_host_publishes_no_keys()
    {
        await using var issuer = await TestHost.StartMediaTokenHostAsync(configureApp: app => app.MapMediaTokenJwks());

        using var response = await issuer.Client.GetAsync(MediaTokenDefaults.JwksPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"keys":[]}""");
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task A_file_server_validates_the_issuers_tokens_and_cannot_issue(string algorithm)
    {
        var pem = algorithm == "RS256" ? RsaPrivatePem : Ecdsa.ExportPkcs8PrivateKeyPem();
        await using var issuer = await JwksIssuer.StartAsync(Key("SigningKey", "media-1", algorithm, pem: pem));
        await using var fileServer = await StartFileServerAsync(issuer);

        var token = await issuer.Host.MintAsync("1");
        using var response = await fileServer.GetMediaAsync(token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=1");
        var fileServerIssuer = fileServer.Services.GetRequiredService<IMediaTokenIssuer>();
        var issue = () => fileServerIssuer.IssueToken(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], "test")));
        issue.Should().Throw<InvalidOperationException>().WithMessage("*has no signing key; it can validate tokens but not issue them.");
        issuer.Fetches.Should().Be(1);
    }

    [Fact]
    public async Task A_token_of_a_rotated_key_makes_the_file_server_fetch_once_and_accept_it()
    {
        await using var issuer = await JwksIssuer.StartAsync(Key("SigningKey", "media-rsa-1", "RS256", pem: RsaPrivatePem));
        await using var fileServer = await StartFileServerAsync(issuer);
        await ExpectStatusAsync(fileServer, await issuer.Host.MintAsync("1"), HttpStatusCode.OK);

        issuer.Configuration.Replace(Key("SigningKey", "media-rsa-2", "RS256", pem: NextRsa.ExportPkcs8PrivateKeyPem()));
        var rotated = await issuer.Host.MintAsync("1");

        // Within the minimum refresh interval of the first fetch, the unknown kid cannot cause another.
        await ExpectStatusAsync(fileServer, rotated, HttpStatusCode.Unauthorized);
        issuer.Fetches.Should().Be(1);

        fileServer.Time.Advance(MediaTokenDefaults.JwksMinimumRefreshInterval);
        await ExpectStatusAsync(fileServer, rotated, HttpStatusCode.OK);
        await ExpectStatusAsync(fileServer, rotated, HttpStatusCode.OK);
        issuer.Fetches.Should().Be(2);
    }

    [Fact]
    public async Task Unknown_kids_cause_at_most_one_fetch_per_minimum_interval_and_keys_refresh_periodically()
    {
        await using var issuer = await JwksIssuer.StartAsync(Key("SigningKey", "media-rsa-1", "RS256", pem: RsaPrivatePem));
        await using var fileServer = await StartFileServerAsync(issuer);
        await ExpectStatusAsync(fileServer, await issuer.Host.MintAsync("1"), HttpStatusCode.OK);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => ExpectStatusAsync(fileServer, UnknownKidToken(fileServer, i), HttpStatusCode.Unauthorized)));
        issuer.Fetches.Should().Be(1);

        fileServer.Time.Advance(MediaTokenDefaults.JwksMinimumRefreshInterval);
        var withoutKid = TestToken.Create(fileServer.Time.GetUtcNow(), new SigningCredentials(new RsaSecurityKey(NextRsa), SecurityAlgorithms.RsaSha256));
        await ExpectStatusAsync(fileServer, withoutKid, HttpStatusCode.Unauthorized);
        issuer.Fetches.Should().Be(1, "a token without kid names no key a fetch could bring");

        await Task.WhenAll(Enumerable.Range(50, 50).Select(i => ExpectStatusAsync(fileServer, UnknownKidToken(fileServer, i), HttpStatusCode.Unauthorized)));
        issuer.Fetches.Should().Be(2);

        fileServer.Time.Advance(MediaTokenDefaults.JwksRefreshInterval);
        await ExpectStatusAsync(fileServer, await issuer.Host.MintAsync("1"), HttpStatusCode.Unauthorized, "the issuer's clock is six hours behind");
        await issuer.WaitForFetchesAsync(3);
    }

    [Fact]
    public async Task Periodic_refresh_runs_in_the_background_while_requests_keep_the_current_keys()
    {
        await using var issuer = await JwksIssuer.StartAsync(Key("SigningKey", "media-rsa-1", "RS256", pem: RsaPrivatePem));
        await using var fileServer = await StartFileServerAsync(issuer);
        await ExpectStatusAsync(fileServer, await issuer.Host.MintAsync("1"), HttpStatusCode.OK);

        var heldFetch = issuer.HoldNextFetch();
        fileServer.Time.Advance(MediaTokenDefaults.JwksRefreshInterval);
        issuer.Host.Time.Advance(MediaTokenDefaults.JwksRefreshInterval);
        var servedWhileFetching = fileServer.GetMediaAsync(await issuer.Host.MintAsync("1"));
        await issuer.WaitForFetchesAsync(2);
        using (var response = await servedWhileFetching.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, "the due refresh must not hold the request that finds it due");
        }

        issuer.Configuration.Replace(Key("SigningKey", "media-rsa-2", "RS256", pem: NextRsa.ExportPkcs8PrivateKeyPem()));
        heldFetch.SetResult();
        await ExpectStatusAsync(fileServer, await issuer.Host.MintAsync("1"), HttpStatusCode.OK, "the background fetch brought the rotated key");
        issuer.Fetches.Should().Be(2, "the rotated key came with the periodic refresh, not with a fetch for an unknown kid");
    }

    [Fact]
    public async Task Fails_closed_while_the_JWKS_cannot_be_fetched()
    {
        await using var issuer = await JwksIssuer.StartAsync(Key("SigningKey", "media-rsa-1", "RS256", pem: RsaPrivatePem));
        await using var fileServer = await StartFileServerAsync(issuer, jwksPath: "/no-such-document");

        using var response = await fileServer.GetMediaAsync(await issuer.Host.MintAsync("1"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error_description=\"The keys that validate the token are unavailable.\"");
        fileServer.Services.GetFakeLogCollector().GetSnapshot().Should().Contain(log => log.Id.Name == "MediaTokenJwksFetchFailed");
    }

    [Fact]
    public async Task Ignores_symmetric_keys_and_keys_without_kid_in_a_fetched_JWKS()
    {
        var rsa = Rsa.ExportParameters(includePrivateParameters: false);
        var hostile = $$"""
            {"keys":[
              {"kty":"oct","kid":"{{TestKeys.Hmac.KeyId}}","k":"{{Base64UrlEncoder.Encode(TestKeys.Hmac.Key)}}","alg":"HS256"},
              {"kty":"RSA","use":"sig","alg":"RS256","n":"{{Base64UrlEncoder.Encode(rsa.Modulus)}}","e":"{{Base64UrlEncoder.Encode(rsa.Exponent)}}"},
              {{JwksFileServer.EcJwk("media-ec-1", Ecdsa)}}
            ]}
            """;
        await using var hostileIssuer = await TestHost.StartAsync(_ => { }, app => app.MapGet(MediaTokenDefaults.JwksPath, () => Results.Text(hostile, "application/json")));
        await using var fileServer = await StartFileServerAsync(hostileIssuer, MediaTokenDefaults.JwksPath);

        var byHmacKey = TestToken.Create(fileServer.Time.GetUtcNow());
        var byKeylessRsa = TestToken.Create(fileServer.Time.GetUtcNow(), new SigningCredentials(new RsaSecurityKey(Rsa), SecurityAlgorithms.RsaSha256));

        await ExpectStatusAsync(fileServer, byHmacKey, HttpStatusCode.Unauthorized);
        await ExpectStatusAsync(fileServer, byKeylessRsa, HttpStatusCode.Unauthorized);
        fileServer.Services.GetFakeLogCollector().GetSnapshot().Should().Contain(log => log.Id.Name == "MediaTokenJwksFetched" && log.Message.Contains("1 usable keys, 2 ignored", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://files.example.com/.well-known/media-token-keys.json", false, "must be an absolute HTTPS URI (HTTP is allowed for loopback only)")]
    [InlineData("https://issuer.example.com/.well-known/media-token-keys.json", true, "makes it validation-only: it takes its keys from the JWKS and must have no SigningCredentials")]
    public async Task A_misconfigured_file_server_fails_at_startup(string jwksUri, bool withSigningKey, string expectedFailure)
    {
        var failure = await TestHost.StartupFailureAsync<OptionsValidationException>(builder => builder.Services.AddMediaTokenAuthentication(options =>
        {
            options.JwksUri = new Uri(jwksUri);
            options.SigningCredentials = withSigningKey ? TestKeys.HmacCredentials : null;
        }));

        failure.Message.Should().Contain(expectedFailure);
    }

    [Fact]
    public async Task A_refresh_interval_below_the_least_time_between_fetches_fails_at_startup()
    {
        var failure = await TestHost.StartupFailureAsync<OptionsValidationException>(builder => builder.Services.AddMediaTokenAuthentication(options =>
        {
            options.JwksUri = new Uri("https://issuer.example.com/.well-known/media-token-keys.json");
            options.SigningCredentials = null;
            options.JwksRefreshInterval = TimeSpan.FromSeconds(5);
        }));

        failure.Failures.Should().Contain("MediaTokenOptions.JwksRefreshInterval of scheme 'MediaToken' must be at least 00:00:30, the least time between two fetches; it is 00:00:05.");
    }

    private static string UnknownKidToken(TestHost host, int i) =>
        TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(new RsaSecurityKey(NextRsa) { KeyId = $"junk-{i}" }, SecurityAlgorithms.RsaSha256));

    private static Task<TestHost> StartFileServerAsync(JwksIssuer issuer, string jwksPath = MediaTokenDefaults.JwksPath) =>
        StartFileServerAsync(issuer.Host, jwksPath);

    private static Task<TestHost> StartFileServerAsync(TestHost issuer, string jwksPath) => JwksFileServer.StartAsync(issuer, jwksPath);

    private static async Task ExpectStatusAsync(TestHost host, string token, HttpStatusCode expected, string because = "")
    {
        using var response = await host.GetMediaAsync(token);
        response.StatusCode.Should().Be(expected, because);
    }

    /// <summary>An issuer configured like the sample, mapping the JWKS and counting the requests for it.</summary>
    private sealed class JwksIssuer : IAsyncDisposable
    {
        private int _fetches;

        private JwksIssuer(ReloadableConfiguration configuration) => Configuration = configuration;

        public ReloadableConfiguration Configuration { get; }

        public TestHost Host { get; private set; } = null!;

        public int Fetches => Volatile.Read(ref _fetches);

        private TaskCompletionSource? _heldFetch;

        /// <summary>Holds the next JWKS response until the returned source is completed.</summary>
        public TaskCompletionSource HoldNextFetch() =>
            _heldFetch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task WaitForFetchesAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Fetches < count)
            {
                await Task.Delay(10, timeout.Token);
            }

            Fetches.Should().Be(count);
        }

        public static async Task<JwksIssuer> StartAsync(Dictionary<string, string?> keys)
        {
            var issuer = new JwksIssuer(new ReloadableConfiguration(keys));
            issuer.Host = await TestHost.StartConfiguredMediaTokenHostAsync(issuer.Configuration, app => app.Use(async (context, next) =>
            {
                if (context.Request.Path == MediaTokenDefaults.JwksPath)
                {
                    Interlocked.Increment(ref issuer._fetches);
                    if (Interlocked.Exchange(ref issuer._heldFetch, null) is { } held)
                    {
                        await held.Task;
                    }
                }

                await next(context);
            }));
            return issuer;
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
