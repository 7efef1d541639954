using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

// Issue + redeem pairs per second through the Redis one-time token store, at a fixed concurrency, for
// benchmarks/stores/redis.sh. Usage:
//   RedisStoreThroughput <configuration> <store|service> <concurrency> <seconds> [replica acknowledgements]
// store: IOneTimeTokenStore.TryAddAsync + TryTakeAsync with a ticket-sized payload (the Redis round trips);
// service: IOneTimeTokenService.IssueAsync + RedeemAsync (adds the token, the hash and the ticket's Data Protection).
var configuration = args[0];
var mode = args[1];
var concurrency = int.Parse(args[2], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(int.Parse(args[3], CultureInfo.InvariantCulture));
var replicaAcknowledgements = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
var warmUp = TimeSpan.FromSeconds(3);

await using var services = new ServiceCollection()
    .AddLogging()
    .AddOneTimeTokens()
    .AddStackExchangeRedisOneTimeTokenStore(options =>
    {
        options.Configuration = configuration;
        options.InstanceName = "benchmark:ott:";
        options.ReplicaAcknowledgements = replicaAcknowledgements;
    })
    .BuildServiceProvider();
var store = services.GetRequiredService<IOneTimeTokenStore>();
var tokens = services.GetRequiredService<IOneTimeTokenService>();

// A protected ticket of a three-claim principal is about 560 characters (README, "The Redis one-time token store").
var payload = new string('p', 560);

async Task<bool> PairAsync(int worker, long i)
{
    if (mode == "service")
    {
        var customer = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, worker.ToString(CultureInfo.InvariantCulture))], "Bearer"));
        return (await tokens.RedeemAsync(await tokens.IssueAsync(customer))).Status == OneTimeTokenRedemptionStatus.Redeemed;
    }

    var key = $"{worker}:{i}:{Guid.NewGuid():N}";
    return await store.TryAddAsync(key, payload, TimeSpan.FromMinutes(1)) && await store.TryTakeAsync(key) is not null;
}

async Task<(long Pairs, long Failures, TimeSpan Elapsed)> RunAsync(TimeSpan length)
{
    long pairs = 0, failures = 0;
    var elapsed = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        for (long i = 0; elapsed.Elapsed < length; i++)
        {
            if (await PairAsync(worker, i))
            {
                Interlocked.Increment(ref pairs);
            }
            else
            {
                Interlocked.Increment(ref failures);
            }
        }
    })));
    return (pairs, failures, elapsed.Elapsed);
}

await RunAsync(warmUp);
var (measured, failed, took) = await RunAsync(duration);
if (failed > 0)
{
    Console.Error.WriteLine($"{failed} pairs failed.");
    return 1;
}

Console.WriteLine((measured / took.TotalSeconds).ToString("0", CultureInfo.InvariantCulture));
return 0;
