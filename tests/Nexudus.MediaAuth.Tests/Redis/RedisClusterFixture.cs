using System.Diagnostics;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// A Redis Cluster of three primaries without replicas, each a <see cref="RedisServer"/> with
/// <c>--cluster-enabled yes</c> on a free loopback port and its own temporary directory, joined by
/// <c>redis-cli --cluster create</c>. Where Redis tests are skipped, nothing is started.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private const int Primaries = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly List<RedisServer> _nodes = [];

    public IReadOnlyList<RedisServer> Nodes => _nodes.Count == Primaries
        ? _nodes
        : throw new InvalidOperationException(RedisServer.UnavailableReason + " CI=true requires it.");

    /// <summary>The StackExchange.Redis configuration string naming every node.</summary>
    public string ConnectionString => string.Join(',', Nodes.Select(node => node.ConnectionString));

    public async Task InitializeAsync()
    {
        if (RedisServer.UnavailableReason is not null)
        {
            return;
        }

        try
        {
            for (var i = 0; i < Primaries; i++)
            {
                _nodes.Add(await RedisServer.StartAsync(
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"));
            }

            await RedisCli.RunAsync(
                ["--cluster", "create", .. _nodes.Select(node => node.ConnectionString), "--cluster-replicas", "0", "--cluster-yes"]);
            await WaitUntilEveryNodeSaysOkAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
    }

    /// <summary>redis-cli returns once the nodes agree on the configuration; each says ok once it has seen every slot covered.</summary>
    private async Task WaitUntilEveryNodeSaysOkAsync()
    {
        var waited = Stopwatch.StartNew();
        foreach (var node in _nodes)
        {
            var port = node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            while (!(await RedisCli.RunAsync("-h", "127.0.0.1", "-p", port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                if (waited.Elapsed > ReadyTimeout)
                {
                    throw new InvalidOperationException($"The cluster node on port {port} did not reach cluster_state:ok within {ReadyTimeout}.");
                }

                await Task.Delay(50);
            }
        }
    }
}
