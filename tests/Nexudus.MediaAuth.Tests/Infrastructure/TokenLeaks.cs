namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// Finds token fragments in text that must never carry one: any run of <see cref="FragmentLength"/> characters of a
/// secret counts, so a truncated or partly echoed token is caught as well as a whole one.
/// </summary>
public static class TokenLeaks
{
    public const int FragmentLength = 16;

    /// <summary>The first fragment of a secret found in <paramref name="text"/>, or <see langword="null"/>.</summary>
    public static string? FindFragment(string? text, IEnumerable<string> secrets)
    {
        if (text is null || text.Length < FragmentLength)
        {
            return null;
        }

        var windows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + FragmentLength <= text.Length; i++)
        {
            windows.Add(text.Substring(i, FragmentLength));
        }

        var lookup = windows.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var secret in secrets)
        {
            for (var i = 0; i + FragmentLength <= secret.Length; i++)
            {
                if (lookup.Contains(secret.AsSpan(i, FragmentLength)))
                {
                    return secret.Substring(i, FragmentLength);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The token itself and each of its dot-separated parts (for a JWT: header, payload and signature), since a log
    /// that kept only the signature would still hand it out.
    /// </summary>
    public static IEnumerable<string> WithParts(this IEnumerable<string> tokens) =>
        tokens.SelectMany(token => token.Split('.').Prepend(token)).Where(part => part.Length >= FragmentLength).Distinct();
}
