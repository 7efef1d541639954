using System.Collections.Concurrent;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// The sample's mail: the sign-in links it would email, kept in memory, newest last. A real host hands the message to
/// its mail service instead; nothing here is logged, since a log line with the link would be a sign-in for anyone who
/// reads the logs.
/// </summary>
public sealed class DemoOutbox
{
    private readonly ConcurrentQueue<(string To, string Link)> _sent = new();

    public void SendSignInLink(string to, string link) => _sent.Enqueue((to, link));

    /// <summary>The link of the last sign-in mail sent to <paramref name="to"/>, if any.</summary>
    public string? LastSignInLinkTo(string to) =>
        _sent.LastOrDefault(mail => string.Equals(mail.To, to, StringComparison.OrdinalIgnoreCase)).Link;
}
