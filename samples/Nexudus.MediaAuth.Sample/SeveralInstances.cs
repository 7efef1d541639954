using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// What several instances of the sample behind one load balancer must share, each from configuration when set:
/// <list type="bullet">
/// <item><c>ConnectionStrings:Redis</c>, <c>ConnectionStrings:Postgres</c> or <c>ConnectionStrings:Sqlite</c>: the
/// one-time token store (in memory, per instance, otherwise), and its health check on <c>/healthz</c>. A database gets
/// its table at startup.</item>
/// <item><c>DataProtection:KeysDirectory</c>: the Data Protection key ring, which protects bearer tokens, cookies and
/// one-time token payloads.</item>
/// </list>
/// The media token keys need nothing here: the library binds them from <c>Authentication:Schemes:MediaToken</c>
/// (<c>SigningKey</c>, <c>ValidationKeys</c>), as the README's "Running several instances" shows.
/// </summary>
public static class SeveralInstances
{
    internal const string DatabaseStoresNeedTheJit =
        "EF Core is not Native AOT compatible: ConnectionStrings:Postgres and ConnectionStrings:Sqlite need the sample built without PublishAot.";

    private const string DatabaseStoresSwitch = "Nexudus.MediaAuth.Sample.DatabaseStores";

    /// <summary>
    /// Off in the Native AOT build (the project file turns the switch off there), whose trimming then drops the EF Core
    /// stores altogether.
    /// </summary>
    [FeatureSwitchDefinition(DatabaseStoresSwitch)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
#pragma warning disable IL4000 // The analyzer cannot see a switch's value; the trimmer substitutes it (FeatureSwitchDefinition).
    private static bool DatabaseStoresSupported => !AppContext.TryGetSwitch(DatabaseStoresSwitch, out var enabled) || enabled;
#pragma warning restore IL4000

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
        else if (configuration.GetConnectionString("Postgres") is { Length: > 0 } || configuration.GetConnectionString("Sqlite") is { Length: > 0 })
        {
            if (!DatabaseStoresSupported)
            {
                throw new InvalidOperationException(DatabaseStoresNeedTheJit);
            }

            AddDatabaseStore(services, configuration);
        }

        if (configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keysDirectory)
        {
            services.AddDataProtection()
                .PersistKeysToFileSystem(new DirectoryInfo(keysDirectory))
                .SetApplicationName("Nexudus.MediaAuth.Sample");
        }
    }

    [RequiresUnreferencedCode(DatabaseStoresNeedTheJit)]
    [RequiresDynamicCode(DatabaseStoresNeedTheJit)]
    private static void AddDatabaseStore(IServiceCollection services, IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        services.AddDbContextPool<SampleDbContext>(database =>
        {
            if (postgres is { Length: > 0 })
            {
                database.UseNpgsql(postgres);
            }
            else
            {
                database.UseSqlite(configuration.GetConnectionString("Sqlite"));
            }
        });
        services.AddHostedService<SampleDatabaseSchema>();
        services.AddEntityFrameworkCoreOneTimeTokenStore<SampleDbContext>();
        services.AddHealthChecks().AddEntityFrameworkCoreOneTimeTokenStore();
    }
}
