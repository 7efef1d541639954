using Microsoft.AspNetCore.DataProtection;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// What several instances of the sample behind one load balancer must share, each from configuration when set:
/// <list type="bullet">
/// <item><c>ConnectionStrings:Redis</c>: the one-time token store (in memory, per instance, otherwise), and its health
/// check on <c>/healthz</c>.</item>
/// <item><c>DataProtection:KeysDirectory</c>: the Data Protection key ring, which protects bearer tokens, cookies and
/// one-time token payloads.</item>
/// </list>
/// The media token keys need nothing here: the library binds them from <c>Authentication:Schemes:MediaToken</c>
/// (<c>SigningKey</c>, <c>ValidationKeys</c>), as the README's "Running several instances" shows.
/// </summary>
public static class SeveralInstances
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            services.AddStackExchangeRedisOneTimeTokenStore(store =>
            {
                store.Configuration = redis;
                store.InstanceName = "Nexudus.MediaAuth.Sample:OneTimeToken:";
            });
            services.AddHealthChecks().AddStackExchangeRedisOneTimeTokenStore();
        }

        if (configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keysDirectory)
        {
            services.AddDataProtection()
                .PersistKeysToFileSystem(new DirectoryInfo(keysDirectory))
                .SetApplicationName("Nexudus.MediaAuth.Sample");
        }
    }
}
