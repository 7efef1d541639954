using Microsoft.Extensions.Logging.Testing;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

public static class LogWaiting
{
    /// <summary>
    /// The host's captured log records once one matches: some are written after the client has its response (hosting's
    /// "Request finished", a background JWKS fetch), so reading the snapshot at once would race them.
    /// </summary>
    public static async Task<IReadOnlyList<FakeLogRecord>> WaitForLogAsync(this IServiceProvider services, Func<FakeLogRecord, bool> match)
    {
        var collector = services.GetFakeLogCollector();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var snapshot = collector.GetSnapshot();
            if (snapshot.Any(match))
            {
                return snapshot;
            }

            await Task.Delay(10, timeout.Token);
        }
    }
}
