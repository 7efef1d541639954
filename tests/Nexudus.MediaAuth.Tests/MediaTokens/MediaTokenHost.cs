using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Validation;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// A host with one media-token-protected endpoint, <c>/media</c>, that answers with the customer id, and ways to
/// reach the scheme's validator and to hand-craft compact JWS tokens that the IdentityModel writer cannot produce.
/// </summary>
internal sealed class MediaTokenHost : IAsyncDisposable
{
    private readonly TestHost _host;

    private MediaTokenHost(TestHost host) => _host = host;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => _host.Time;

    public DateTimeOffset Now => _host.Time.GetUtcNow();

    public HttpClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public MediaTokenOptions Options => _host.Services.GetRequiredService<IOptionsMonitor<MediaTokenOptions>>().Get(MediaTokenDefaults.AuthenticationScheme);

    /// <summary>The validator of the scheme's current options, as the handler finds it.</summary>
    public MediaTokenValidator Validator => _host.Services.GetRequiredService<MediaTokenSchemeStates>().Get(MediaTokenDefaults.AuthenticationScheme).Validator;

    public MediaTokenValidationCache? Cache => Validator.Cache;

    public static async Task<MediaTokenHost> StartAsync(int cacheSize, Action<MediaTokenOptions>? configure = null) =>
        new(await TestHost.StartAsync(
            builder =>
            {
                builder.Services.AddAuthorization();
                builder.Services.AddMediaTokenAuthentication(options =>
                {
                    options.SigningCredentials = TestKeys.HmacCredentials;
                    options.ValidationKeys.Add(new(TestKeys.Rsa, SecurityAlgorithms.RsaSha256));
                    options.ValidationKeys.Add(new(TestKeys.RsaPss, SecurityAlgorithms.RsaSsaPssSha256));
                    options.ValidationKeys.Add(new(TestKeys.Ecdsa, SecurityAlgorithms.EcdsaSha256));
                    options.ValidationCacheSize = cacheSize;
                    configure?.Invoke(options);
                });
            },
            app => app.MapGet("/media", (ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)).RequireMediaToken()));

    /// <summary>Forgets the scheme's options, as a configuration reload does, so the next request rebuilds them.</summary>
    public void ReloadOptions() =>
        _host.Services.GetRequiredService<IOptionsMonitorCache<MediaTokenOptions>>().TryRemove(MediaTokenDefaults.AuthenticationScheme);

    public Task<HttpResponseMessage> GetAsync(string token) => _host.Client.GetAsync($"/media?t={Uri.EscapeDataString(token)}");

    public async Task<string> ExpectAcceptedAsync(string token)
    {
        using var response = await GetAsync(token);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task ExpectRejectedAsync(string token, string reason)
    {
        using var response = await GetAsync(token);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain($"error_description=\"{reason}\"");
    }

    /// <summary>A compact JWS of the given header and claims JSON, HMAC-SHA256-signed with <paramref name="secret"/>.</summary>
    public static string SignHmac(string headerJson, string claimsJson, byte[]? secret = null) =>
        Jws.Hmac(headerJson, claimsJson, secret ?? TestKeys.Hmac.Key);

    /// <summary>The claims of a valid media token issued at <paramref name="now"/>, as JSON.</summary>
    public static string ValidClaims(DateTimeOffset now, string extra = "") =>
        $$"""{"iss":"{{MediaTokenDefaults.Issuer}}","aud":"{{MediaTokenDefaults.Audience}}","sub":"1","iat":{{now.ToUnixTimeSeconds()}},"nbf":{{now.ToUnixTimeSeconds()}},"exp":{{now.AddSeconds(60).ToUnixTimeSeconds()}}{{extra}}}""";

    public const string ValidHeader = """{"alg":"HS256","kid":"hmac-1","typ":"media+jwt"}""";

    public static string Encode(string json) => Jws.Segment(json);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
