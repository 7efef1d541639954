using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.StoreThroughput;

// Usage: StoreThroughput <npgsql connection string> <concurrency> <seconds> [payload bytes]
// Each of <concurrency> workers issues a token (TryAddAsync) and redeems it (TryTakeAsync) in a loop, through the
// Entity Framework Core store as a host registers it (a pooled DbContext); after a two-second warm-up, the completed
// pairs are counted for <seconds>. Keys are 64 hex characters, as the SHA-256 of a token is.
var connectionString = args[0];
var concurrency = int.Parse(args[1], CultureInfo.InvariantCulture);
var seconds = int.Parse(args[2], CultureInfo.InvariantCulture);
var payload = new string('p', args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 700);

var services = new ServiceCollection()
    .AddLogging()
    .AddDbContextPool<ThroughputDbContext>(options => options.UseNpgsql(connectionString))
    .AddOneTimeTokens()
    .AddEntityFrameworkCoreOneTimeTokenStore<ThroughputDbContext>();
await using var provider = services.BuildServiceProvider();
await using (var scope = provider.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<ThroughputDbContext>().Database.EnsureCreatedAsync();
}

var store = provider.GetRequiredService<IOneTimeTokenStore>();
long pairs = 0;
var measuring = false;
using var stop = new CancellationTokenSource();

async Task WorkAsync()
{
    while (!stop.IsCancellationRequested)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (!await store.TryAddAsync(key, payload, TimeSpan.FromMinutes(5)) || await store.TryTakeAsync(key) != payload)
        {
            throw new InvalidOperationException("A pair failed.");
        }

        if (Volatile.Read(ref measuring))
        {
            Interlocked.Increment(ref pairs);
        }
    }
}

var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)).ToArray();
await Task.Delay(TimeSpan.FromSeconds(2));
Volatile.Write(ref measuring, true);
var clock = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(seconds));
var counted = Interlocked.Read(ref pairs);
var elapsed = clock.Elapsed;
stop.Cancel();
await Task.WhenAll(workers);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"pairs={counted} seconds={elapsed.TotalSeconds:0.00} pairs_per_second={counted / elapsed.TotalSeconds:0} mean_pair_ms={concurrency * elapsed.TotalMilliseconds / Math.Max(counted, 1):0.00}"));
