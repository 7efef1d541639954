using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Keys;

/// <summary>
/// A validation-only file server whose <c>JwksUri</c> reaches an issuer through the issuer's TestServer, and JWKS
/// entries written by hand.
/// </summary>
internal static class JwksFileServer
{
    /// <summary>
    /// Starts a file server that fetches <paramref name="jwksPath"/> from <paramref name="issuer"/> through the
    /// <c>IHttpClientFactory</c> client the library names after the scheme, configured as a host would configure it
    /// (<paramref name="configureClient"/> too, when given); <see cref="TestHost.MediaPath"/> requires the media token.
    /// </summary>
    public static Task<TestHost> StartAsync(TestHost issuer, string jwksPath = MediaTokenDefaults.JwksPath, Action<HttpClient>? configureClient = null) =>
        TestHost.StartAsync(
            builder =>
            {
                builder.Logging.ClearProviders().AddFakeLogging();
                var issuerServer = (TestServer)issuer.Services.GetRequiredService<IServer>();
                builder.Services.AddMediaTokenAuthentication(options => options.JwksUri = new Uri($"http://localhost{jwksPath}"));
                builder.Services.AddHttpClient("Nexudus.MediaAuth.Jwks:MediaToken", client => configureClient?.Invoke(client))
                    .ConfigurePrimaryHttpMessageHandler(issuerServer.CreateHandler);

                builder.Services.AddAuthorization();
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                TestHost.MapUserDescription(app, TestHost.MediaPath).RequireMediaToken();
            });

    /// <summary>The public JWK of a P-256 <paramref name="key"/> as a JWKS entry.</summary>
    public static string EcJwk(string keyId, ECDsa key, string algorithm = SecurityAlgorithms.EcdsaSha256)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return $$"""{"kty":"EC","kid":"{{keyId}}","use":"sig","alg":"{{algorithm}}","crv":"P-256","x":"{{Base64UrlEncoder.Encode(q.X)}}","y":"{{Base64UrlEncoder.Encode(q.Y)}}"}""";
    }
}
