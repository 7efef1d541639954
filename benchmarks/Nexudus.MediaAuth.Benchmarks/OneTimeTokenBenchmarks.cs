using System.Collections.Concurrent;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// Issuing and redeeming one-time tokens through <see cref="IOneTimeTokenService"/>: on the default in-memory store,
/// which keeps the ticket as an object, and through a registered <see cref="IOneTimeTokenStore"/> (here a dictionary,
/// so that only the Data Protection of the ticket is added, not a network). Pairs per second per core is one second
/// divided by the mean of a pair.
/// </summary>
[MemoryDiagnoser]
public class OneTimeTokenBenchmarks : IDisposable
{
    private ServiceProvider _inMemory = null!;
    private ServiceProvider _registeredStore = null!;
    private IOneTimeTokenService _inMemoryTokens = null!;
    private IOneTimeTokenService _registeredStoreTokens = null!;
    private ClaimsPrincipal _customer = null!;
    private IDataProtector _protector = null!;
    private byte[] _ticketSizedPayload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _inMemory = new ServiceCollection().AddLogging().AddOneTimeTokens().BuildServiceProvider();
        _inMemoryTokens = _inMemory.GetRequiredService<IOneTimeTokenService>();
        _registeredStore = new ServiceCollection().AddLogging().AddOneTimeTokens()
            .AddSingleton<IOneTimeTokenStore, DictionaryOneTimeTokenStore>().BuildServiceProvider();
        _registeredStoreTokens = _registeredStore.GetRequiredService<IOneTimeTokenService>();
        _customer = BenchmarkServices.Customer(42);
        _protector = _inMemory.GetRequiredService<IDataProtectionProvider>().CreateProtector("benchmark");
        _ticketSizedPayload = new byte[300];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _inMemory.Dispose();
        _registeredStore.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task<bool> IssueAndRedeem() => IssueAndRedeemAsync(_inMemoryTokens);

    /// <summary>What a distributed store adds besides its round trips: protecting and unprotecting the ticket.</summary>
    [Benchmark]
    public Task<bool> IssueAndRedeemThroughRegisteredStore() => IssueAndRedeemAsync(_registeredStoreTokens);

    /// <summary>One protect and one unprotect of a ticket-sized payload: the Data Protection share of a registered store's pair.</summary>
    [Benchmark]
    public byte[] DataProtectionRoundTrip() => _protector.Unprotect(_protector.Protect(_ticketSizedPayload));

    [Benchmark]
    public async Task<OneTimeTokenRedemptionStatus> RedeemUnknown() =>
        (await _inMemoryTokens.RedeemAsync("a3f8c2d1e5b74091bc6e2f3a4d5c6b7e")).Status;

    private async Task<bool> IssueAndRedeemAsync(IOneTimeTokenService tokens)
    {
        var token = await tokens.IssueAsync(_customer);
        return (await tokens.RedeemAsync(token)).Status == OneTimeTokenRedemptionStatus.Redeemed;
    }

    /// <summary>A registered store with no network: a dictionary.</summary>
    private sealed class DictionaryOneTimeTokenStore : IOneTimeTokenStore
    {
        private readonly ConcurrentDictionary<string, string> _entries = new();

        public ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(_entries.TryAdd(key, payload));

        public ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(_entries.TryRemove(key, out var payload) ? payload : null);

        public ValueTask SetAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            _entries[key] = payload;
            return ValueTask.CompletedTask;
        }

        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(_entries.TryGetValue(key, out var payload) ? payload : null);
    }
}
