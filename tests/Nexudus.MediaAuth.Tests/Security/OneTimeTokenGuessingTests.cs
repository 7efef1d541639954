using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// Guessing a one-time token gets nowhere and is seen: the store is only ever asked for the SHA-256 of a presented
/// token, and every refused redemption writes a log record with the reason an operator can alert on.
/// </summary>
public sealed class OneTimeTokenGuessingTests : IAsyncLifetime
{
    private readonly RecordingOneTimeTokenStore _store = new();
    private TestHost _server = null!;
    private string _bearer = null!;

    public async Task InitializeAsync()
    {
        _server = await TestHost.StartPortalHostAsync(builder =>
        {
            builder.CaptureAllLogs();
            builder.Services.AddSingleton<IOneTimeTokenStore>(_store);
        });
        _bearer = _server.PortalCustomerToken();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_store_sees_only_the_SHA_256_of_issued_and_presented_tokens()
    {
        var token = await _server.IssueOneTimeTokenAsync(_bearer);
        var guess = token[..^1] + (token[^1] == '0' ? '1' : '0');

        using var wrong = await _server.ExchangeAsync(guess);
        using var right = await _server.ExchangeAsync(token);

        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        _store.Keys.Should().Equal(Sha256Hex(token), Sha256Hex(guess), Sha256Hex(token));
        _store.Keys.Should().NotContain(key => key.Contains(token, StringComparison.Ordinal) || key.Contains(guess, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_refused_redemption_is_logged_with_its_reason()
    {
        var used = await _server.IssueOneTimeTokenAsync(_bearer);
        (await _server.ExchangeAsync(used)).Dispose();
        var expiring = await _server.IssueOneTimeTokenAsync(_bearer);
        var logs = _server.Services.GetFakeLogCollector();
        logs.Clear();

        (await _server.ExchangeAsync(RandomNumberGenerator.GetHexString(32, lowercase: true))).Dispose();
        (await _server.RequestLoginAsync(RandomNumberGenerator.GetHexString(32, lowercase: true))).Dispose();
        (await _server.ExchangeAsync("not-a-token")).Dispose();
        (await _server.RequestLoginAsync(used.ToUpperInvariant())).Dispose();
        (await _server.RequestLoginAsync(used)).Dispose();
        _server.Time.Advance(TimeSpan.FromMinutes(2));
        (await _server.ExchangeAsync(expiring)).Dispose();

        logs.GetSnapshot()
            .Where(record => record.Id.Name == "OneTimeTokenRefused")
            .Should().OnlyContain(record => record.Id.Id == 12 && record.Level == LogLevel.Information)
            .And.Subject.Select(record => record.GetStructuredStateValue("Status"))
            .Should().Equal("Unknown", "Unknown", "Malformed", "Malformed", "Unknown", "Expired");
    }

    private static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
