using System.Diagnostics.CodeAnalysis;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// Creates the sample's tables at startup from the connection string alone (<c>EnsureCreated</c>), so that the sample
/// runs on an empty database. A real host applies its migrations instead (the store's README shows how).
/// </summary>
[RequiresUnreferencedCode(SeveralInstances.DatabaseStoresNeedTheJit)]
[RequiresDynamicCode(SeveralInstances.DatabaseStoresNeedTheJit)]
internal sealed class SampleDatabaseSchema(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SampleDbContext>().Database.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
