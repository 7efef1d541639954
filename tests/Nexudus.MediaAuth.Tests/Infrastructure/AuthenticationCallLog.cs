namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// The calls <see cref="RecordingAuthenticationHandler"/> schemes received, as <c>{scheme}.{action}</c>, in order.
/// </summary>
public sealed class AuthenticationCallLog
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Record(string scheme, string action)
    {
        lock (_calls)
        {
            _calls.Add($"{scheme}.{action}");
        }
    }
}
