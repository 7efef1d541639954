using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Xunit.Abstractions;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// A Sentinel failover in the middle of a redemption flood. The replica lags its primary by
/// <see cref="ReplicaLag"/> (a replica in another zone); the primary is killed once a quarter of the tokens are
/// redeemed, the Sentinels promote the replica, and the killed primary comes back as a replica of the new one. Two
/// clients redeem every token, one from each end of the list, each retrying a failed attempt until it gets an answer.
/// A token granted twice is one whose deletion the old primary answered but the replica never received.
/// </summary>
[Collection(nameof(RedisSentinelFailoverTests))]
public sealed class RedisSentinelFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReplicaLag = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan FloodTimeout = TimeSpan.FromSeconds(90);

    [RedisFact]
    public async Task Without_replica_acknowledgements_tokens_redeemed_on_the_old_primary_are_redeemed_again_on_the_promoted_replica()
    {
        var result = await FloodThroughFailoverAsync(replicaAcknowledgements: 0, tokens: 2000);

        result.GrantedTwice.Should().BePositive("the test must be able to see the double redemption it guards against");
    }

    [RedisFact]
    public async Task With_one_replica_acknowledgement_no_token_is_redeemed_twice_across_a_failover()
    {
        var result = await FloodThroughFailoverAsync(replicaAcknowledgements: 1, tokens: 200);

        result.GrantedTwice.Should().Be(0);
        result.GrantedOnce.Should().BePositive();
    }

    private async Task<FloodResult> FloodThroughFailoverAsync(int replicaAcknowledgements, int tokens)
    {
        await using var group = await RedisSentinelGroup.StartAsync(ReplicaLag);
        await using var first = BuildStore(group, replicaAcknowledgements);
        await using var second = BuildStore(group, replicaAcknowledgements);
        var stores = new[] { first.GetRequiredService<IOneTimeTokenStore>(), second.GetRequiredService<IOneTimeTokenStore>() };
        var keys = Enumerable.Range(0, tokens).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        foreach (var key in keys)
        {
            (await stores[0].TryAddAsync(key, key, TimeSpan.FromMinutes(5))).Should().BeTrue();
        }

        await WaitUntilReplicatedAsync(group, tokens);

        var grants = new ConcurrentDictionary<string, int>();
        var failedAttempts = 0;
        Task? killing = null;
        var grantedBeforeKill = 0;
        var deadline = Stopwatch.StartNew();

        async Task RedeemAsync(IOneTimeTokenStore store, string key)
        {
            while (true)
            {
                try
                {
                    if (await store.TryTakeAsync(key) is not null)
                    {
                        grants.AddOrUpdate(key, 1, (_, count) => count + 1);

                        // Killed right here, by the redemption that reached a quarter, so that redemptions are in
                        // flight at the kill however busy the machine is; the kill itself is synchronous.
                        if (grants.Count >= tokens / 4 && Interlocked.CompareExchange(ref grantedBeforeKill, grants.Count, 0) == 0)
                        {
                            killing = group.KillPrimaryAsync();
                        }
                    }

                    return;
                }
                catch (Exception) when (deadline.Elapsed < FloodTimeout)
                {
                    Interlocked.Increment(ref failedAttempts);
                    await Task.Delay(50);
                }
            }
        }

        // Each client works through the tokens from its own end with eight redemptions at a time.
        async Task ClientAsync(IOneTimeTokenStore store, IReadOnlyList<string> order)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < order.Count)
                {
                    await RedeemAsync(store, order[index]);
                }
            }));
        }

        var flood = Task.WhenAll(ClientAsync(stores[0], keys), ClientAsync(stores[1], keys.Reverse().ToArray()));
        Task? kill;
        while ((kill = Volatile.Read(ref killing)) is null)
        {
            await Task.Delay(10);
        }

        await kill;
        var replicaKeysAtKill = await KeyCountAsync(group.Replica);
        await group.WaitForFailoverAsync();
        var failover = deadline.Elapsed;
        await group.RestartOldPrimaryAsReplicaAsync();
        await flood;

        var result = new FloodResult(grants.Count(grant => grant.Value == 1), grants.Count(grant => grant.Value > 1), tokens - grants.Count);
        output.WriteLine(
            $"acks={replicaAcknowledgements} tokens={tokens}: granted once {result.GrantedOnce}, granted twice {result.GrantedTwice}, never granted {result.NeverGranted}; "
            + $"{grantedBeforeKill} granted when the primary was killed, the replica then holding {replicaKeysAtKill} of the {tokens - grantedBeforeKill} left, failover seen at {failover.TotalSeconds:0.0} s, flood done at {deadline.Elapsed.TotalSeconds:0.0} s, {failedAttempts} failed attempts retried");
        return result;
    }

    /// <summary>Waits until the replica holds every token, so that the flood starts from a replica in step.</summary>
    private static async Task WaitUntilReplicatedAsync(RedisSentinelGroup group, int tokens)
    {
        while (await KeyCountAsync(group.Replica) < tokens)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<int> KeyCountAsync(RedisServer server) =>
        int.Parse(
            (await RedisCli.RunAsync("-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "DBSIZE")).Trim(),
            System.Globalization.CultureInfo.InvariantCulture);

    private static ServiceProvider BuildStore(RedisSentinelGroup group, int replicaAcknowledgements) =>
        new ServiceCollection().AddLogging()
            .AddStackExchangeRedisOneTimeTokenStore(options =>
            {
                options.Configuration = group.ConnectionString + ",syncTimeout=2000";
                options.ReplicaAcknowledgements = replicaAcknowledgements;
                options.ReplicaAcknowledgementTimeout = TimeSpan.FromMilliseconds(500);
            })
            .BuildServiceProvider();

    private sealed record FloodResult(int GrantedOnce, int GrantedTwice, int NeverGranted);
}
