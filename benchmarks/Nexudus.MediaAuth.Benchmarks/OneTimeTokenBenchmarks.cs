using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// Issuing and redeeming one-time tokens through <see cref="IOneTimeTokenService"/> on the default in-memory store,
/// with the real Data Protection payload. Pairs per second per core is one second divided by the mean of
/// <see cref="IssueAndRedeem"/>.
/// </summary>
[MemoryDiagnoser]
public class OneTimeTokenBenchmarks : IDisposable
{
    private ServiceProvider _provider = null!;
    private IOneTimeTokenService _tokens = null!;
    private ClaimsPrincipal _customer = null!;
    private IDataProtector _protector = null!;
    private byte[] _ticketSizedPayload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _provider = new ServiceCollection().AddLogging().AddOneTimeTokens().BuildServiceProvider();
        _tokens = _provider.GetRequiredService<IOneTimeTokenService>();
        _customer = BenchmarkServices.Customer(42);
        _protector = _provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("benchmark");
        _ticketSizedPayload = new byte[300];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _provider.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public async Task<bool> IssueAndRedeem()
    {
        var token = await _tokens.IssueAsync(_customer);
        return (await _tokens.RedeemAsync(token)).Succeeded;
    }

    /// <summary>The share of a pair spent in Data Protection: one protect and one unprotect of a ticket-sized payload.</summary>
    [Benchmark]
    public byte[] DataProtectionRoundTrip() => _protector.Unprotect(_protector.Protect(_ticketSizedPayload));

    [Benchmark]
    public async Task<OneTimeTokenRedemptionStatus> RedeemUnknown() =>
        (await _tokens.RedeemAsync("a3f8c2d1e5b74091bc6e2f3a4d5c6b7e")).Status;
}
