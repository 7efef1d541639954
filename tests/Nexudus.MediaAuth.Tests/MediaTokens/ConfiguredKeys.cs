using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// Keys as a host writes them in configuration (<c>Authentication:Schemes:MediaToken</c>), and a host that takes its
/// media token keys from that configuration only.
/// </summary>
public static class ConfiguredKeys
{
    public const string Section = "Authentication:Schemes:MediaToken";

    public static readonly RSA Rsa = RSA.Create(2048);
    public static readonly RSA NextRsa = RSA.Create(2048);
    public static readonly ECDsa Ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly byte[] HmacSecret = RandomNumberGenerator.GetBytes(32);

    /// <summary>The configuration entries of one key under <paramref name="path"/> (e.g. <c>SigningKey</c>, <c>ValidationKeys:0</c>).</summary>
    public static Dictionary<string, string?> Key(string path, string keyId, string algorithm, string? pem = null, string? base64 = null)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{Section}:{path}:KeyId"] = keyId,
            [$"{Section}:{path}:Algorithm"] = algorithm,
        };
        if (pem is not null)
        {
            values[$"{Section}:{path}:Pem"] = pem;
        }

        if (base64 is not null)
        {
            values[$"{Section}:{path}:Base64"] = base64;
        }

        return values;
    }

    public static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(part => part).ToDictionary(entry => entry.Key, entry => entry.Value);

    /// <summary>
    /// A host whose media token scheme is configured from <paramref name="configuration"/> (and, when given,
    /// <paramref name="configureInCode"/>), with the test bearer scheme, <c>MapMediaTokenEndpoints()</c>,
    /// <c>MapMediaTokenJwks()</c> and <see cref="TestHost.MediaPath"/>.
    /// </summary>
    public static Task<TestHost> StartHostAsync(IConfigurationSource configuration, Action<WebApplication>? configureApp = null, Action<MediaTokenOptions>? configureInCode = null) =>
        TestHost.StartAsync(
            builder => ConfigureServices(builder, configuration, configureInCode),
            app =>
            {
                configureApp?.Invoke(app);
                app.UseAuthentication();
                app.UseAuthorization();
                TestHost.MapUserDescription(app, TestHost.MediaPath).RequireMediaToken();
                app.MapMediaTokenEndpoints();
                app.MapMediaTokenJwks();
            });

    public static void ConfigureServices(WebApplicationBuilder builder, IConfigurationSource configuration, Action<MediaTokenOptions>? configureInCode = null)
    {
        ((IConfigurationBuilder)builder.Configuration).Add(configuration);
        builder.Logging.ClearProviders().AddFakeLogging();
        builder.Services
            .AddMediaTokenAuthentication(configureInCode)
            .AddScheme<TestBearerOptions, TestBearerHandler>(TestBearerHandler.SchemeName, configureOptions: null);
        builder.Services.Configure<CustomerAuthenticationOptions>(customer => customer.AuthenticationSchemes.Add(TestBearerHandler.SchemeName));
        builder.Services.AddAuthorization();
    }
}
