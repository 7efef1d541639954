using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// <see cref="Nexudus.MediaAuth.StackExchangeRedis.RedisOneTimeTokenStoreOptions.ReplicaAcknowledgements"/> on a
/// primary with one replica: a redemption is granted only once the replica has applied it, and refused, the token
/// spent, when fewer replicas than required acknowledge.
/// </summary>
public sealed class RedisReplicaAcknowledgementTests : IAsyncLifetime
{
    private RedisServer? _primary;
    private RedisServer? _replica;
    private ConnectionMultiplexer? _inspector;

    public async Task InitializeAsync()
    {
        if (RedisRequirement.SkipReason is not null)
        {
            return;
        }

        // xunit does not dispose a test whose initialization failed: stop what started here.
        try
        {
            _primary = await RedisServer.StartAsync();
            _replica = await RedisServer.StartAsync("--replicaof", "127.0.0.1", _primary.Port.ToString(CultureInfo.InvariantCulture));
            _inspector = await ConnectionMultiplexer.ConnectAsync($"{_primary.ConnectionString},{_replica.ConnectionString},allowAdmin=true");
            while ((await _inspector.GetServer(_replica.ConnectionString).InfoRawAsync("replication"))?.Contains("master_link_status:up", StringComparison.Ordinal) != true)
            {
                await Task.Delay(20);
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in new IAsyncDisposable?[] { _inspector, _replica, _primary })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [RedisFact]
    public async Task A_redemption_is_granted_once_the_replica_has_applied_it()
    {
        await using var services = BuildStore(replicaAcknowledgements: 1);
        var store = services.GetRequiredService<IOneTimeTokenStore>();
        var key = Guid.NewGuid().ToString("N");
        await store.TryAddAsync(key, "payload", TimeSpan.FromMinutes(1));
        while (!await ExistsOnReplicaAsync(key))
        {
            await Task.Delay(20);
        }

        (await store.TryTakeAsync(key)).Should().Be("payload");

        (await ExistsOnReplicaAsync(key)).Should().BeFalse("the replica acknowledged the deletion before the grant");
    }

    [RedisFact]
    public async Task A_redemption_fewer_replicas_acknowledge_than_required_is_refused_and_the_token_is_spent()
    {
        await using var services = BuildStore(replicaAcknowledgements: 2);
        var store = services.GetRequiredService<IOneTimeTokenStore>();
        var key = Guid.NewGuid().ToString("N");
        await store.TryAddAsync(key, "payload", TimeSpan.FromMinutes(1));

        var take = async () => await store.TryTakeAsync(key);

        (await take.Should().ThrowAsync<RedisException>()).WithMessage("? of the 2 replica acknowledgements required arrived within 100 ms; the token is refused.");
        (await store.TryTakeAsync(key)).Should().BeNull("a refused redemption spends the token: failing closed");
    }

    private async Task<bool> ExistsOnReplicaAsync(string key) =>
        (long)await _inspector!.GetServer(_replica!.ConnectionString).ExecuteAsync("EXISTS", "tests:acks:" + key) == 1;

    private ServiceProvider BuildStore(int replicaAcknowledgements) =>
        new ServiceCollection().AddLogging()
            .AddStackExchangeRedisOneTimeTokenStore(options =>
            {
                options.Configuration = _primary!.ConnectionString;
                options.InstanceName = "tests:acks:";
                options.ReplicaAcknowledgements = replicaAcknowledgements;
                options.ReplicaAcknowledgementTimeout = TimeSpan.FromMilliseconds(100);
            })
            .BuildServiceProvider();
}
