using System.Diagnostics;
using System.Globalization;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// One primary, one replica and three Sentinels (quorum 2), all <see cref="RedisServer"/>s on free loopback ports.
/// The replica may replicate through a <see cref="DelayingTcpProxy"/>, lagging as a replica in another zone does.
/// Sentinels declare the primary down after one second, so a failover takes a few seconds.
/// </summary>
/// <remarks>
/// A Sentinel re-points a replica that replicates from another address than the primary's (here the proxy) once
/// <c>failover-timeout</c> has passed since it saw the replica; the timeout is long enough that it never does during
/// a test.
/// </remarks>
public sealed class RedisSentinelGroup : IAsyncDisposable
{
    public const string ServiceName = "mymaster";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly List<RedisServer> _sentinels = [];
    private RedisServer? _primary;
    private RedisServer? _replica;
    private DelayingTcpProxy? _replicaLink;

    private RedisSentinelGroup()
    {
    }

    public RedisServer Primary => _primary!;

    public RedisServer Replica => _replica!;

    /// <summary>The StackExchange.Redis configuration string that connects through the Sentinels.</summary>
    public string ConnectionString =>
        string.Join(',', _sentinels.Select(sentinel => sentinel.ConnectionString)) + $",serviceName={ServiceName}";

    /// <summary>Starts the group and waits until every Sentinel knows the replica and the other Sentinels.</summary>
    public static async Task<RedisSentinelGroup> StartAsync(TimeSpan replicaLag)
    {
        var group = new RedisSentinelGroup();
        try
        {
            var primary = group._primary = await RedisServer.StartAsync();
            var linkPort = primary.Port;
            if (replicaLag > TimeSpan.Zero)
            {
                group._replicaLink = new DelayingTcpProxy(primary.Port, replicaLag);
                linkPort = group._replicaLink.Port;
            }

            group._replica = await RedisServer.StartAsync("--replicaof", "127.0.0.1", Port(linkPort));
            for (var i = 0; i < 3; i++)
            {
                group._sentinels.Add(await RedisServer.StartSentinelAsync(
                    $"""
                    sentinel monitor {ServiceName} 127.0.0.1 {Port(primary.Port)} 2
                    sentinel down-after-milliseconds {ServiceName} 1000
                    sentinel failover-timeout {ServiceName} 120000
                    sentinel parallel-syncs {ServiceName} 1
                    """));
            }

            await group.WaitUntilReadyAsync();
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the primary with SIGKILL, as a crash.</summary>
    public Task KillPrimaryAsync() => Primary.StopAsync();

    /// <summary>Waits until the Sentinels name the replica as the primary.</summary>
    public async Task WaitForFailoverAsync()
    {
        var waited = Stopwatch.StartNew();
        while (await PrimaryPortAsync() != Replica.Port)
        {
            if (waited.Elapsed > ReadyTimeout)
            {
                throw new InvalidOperationException($"The Sentinels did not promote the replica within {ReadyTimeout}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Starts the killed primary again, empty, as a replica of the promoted one, as an operator would.</summary>
    public Task RestartOldPrimaryAsReplicaAsync() => Primary.RestartAsync("--replicaof", "127.0.0.1", Port(Replica.Port));

    public async ValueTask DisposeAsync()
    {
        foreach (var sentinel in _sentinels)
        {
            await sentinel.DisposeAsync();
        }

        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }

        if (_primary is not null)
        {
            await _primary.DisposeAsync();
        }

        if (_replicaLink is not null)
        {
            await _replicaLink.DisposeAsync();
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var waited = Stopwatch.StartNew();
        while (!await ReadyAsync())
        {
            if (waited.Elapsed > ReadyTimeout)
            {
                throw new InvalidOperationException($"The Sentinel group was not ready within {ReadyTimeout}.");
            }

            await Task.Delay(100);
        }
    }

    private async Task<bool> ReadyAsync()
    {
        if (!(await RedisCli.RunAsync("-p", Port(Replica.Port), "INFO", "replication")).Contains("master_link_status:up", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var sentinel in _sentinels)
        {
            var fields = (await RedisCli.RunAsync("-p", Port(sentinel.Port), "SENTINEL", "MASTER", ServiceName))
                .Split('\n', StringSplitOptions.TrimEntries);
            if (Field(fields, "num-slaves") != "1" || Field(fields, "num-other-sentinels") != "2")
            {
                return false;
            }
        }

        return true;
    }

    private async Task<int> PrimaryPortAsync()
    {
        var address = (await RedisCli.RunAsync("-p", Port(_sentinels[0].Port), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", ServiceName))
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(address[1], CultureInfo.InvariantCulture);
    }

    private static string? Field(string[] fields, string name) =>
        Array.IndexOf(fields, name) is var index and >= 0 && index + 1 < fields.Length ? fields[index + 1] : null;

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
