using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using Nexudus.MediaAuth.OneTimeTokens;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// What every shared one-time token store must do while its server is down and once it is back: fail closed on every
/// endpoint, recover without a restart, and never log a token or its store key.
/// </summary>
internal static class StoreOutage
{
    /// <summary>How long a host may take to reach its restarted store: a pooled connection fails once, then is replaced.</summary>
    public static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Asserts the answers of the three one-time token endpoints while the store is down: the refresh endpoint's 500
    /// envelope, the login redirect to <c>/</c> signing nobody in, and the exchange's 503.
    /// </summary>
    public static async Task ShouldFailClosedAsync(HttpResponseMessage issue, HttpResponseMessage login, HttpResponseMessage exchange)
    {
        issue.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await issue.Content.ReadAsStringAsync()).Should().Be(
            """{"WasSuccessful":false,"Value":null,"Status":500,"Message":"The one-time token could not be issued. Try again later.","Errors":null}""");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be("/");
        login.SignInCookie().Should().BeNull();
        exchange.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>
    /// Requests a one-time token until the host has reached its store again, by itself, within <see cref="RecoveryBound"/>,
    /// and returns it.
    /// </summary>
    public static async Task<string> IssueOnceRecoveredAsync(Func<Task<HttpResponseMessage>> requestOneTimeToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await requestOneTimeToken();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                return body.GetProperty("Value").GetString()!;
            }

            waited.Elapsed.Should().BeLessThan(RecoveryBound, "the host should reach its store again without a restart");
            await Task.Delay(100);
        }
    }

    /// <summary>Whether a log record holds any of the tokens, or the store key (hash) of any of them.</summary>
    public static bool MentionsAny(FakeLogRecord record, params string[] tokens) =>
        tokens.Any(token => MentionsText(record, token) || MentionsText(record, OneTimeTokenService.HashToken(token)));

    /// <summary>Whether a log record's message, exception or structured values hold <paramref name="text"/>.</summary>
    public static bool MentionsText(FakeLogRecord record, string text) =>
        string.Join('\n',
            record.Message,
            record.Exception?.ToString(),
            string.Join('\n', record.StructuredState?.Select(pair => pair.Value) ?? []))
        .Contains(text, StringComparison.OrdinalIgnoreCase);
}
