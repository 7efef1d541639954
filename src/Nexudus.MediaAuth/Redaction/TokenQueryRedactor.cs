using System.Collections.Frozen;
using System.Text;
using Nexudus.MediaAuth.Hosting;

namespace Nexudus.MediaAuth.Redaction;

/// <summary>
/// Replaces the values of token-carrying query parameters with <see cref="Placeholder"/>: <c>t</c> of a media token and
/// of the one-time login redirect and <c>token</c> of the one-time exchange.
/// </summary>
/// <remarks>
/// Names are matched as ASP.NET Core's query collection matches them (decoded, ignoring case), so <c>T=</c> or
/// <c>%74=</c>, which the handler reads as <c>t</c>, are redacted too.
/// </remarks>
internal static class TokenQueryRedactor
{
    /// <summary>The value written in place of a token; the placeholder ASP.NET Core's HttpLogging uses.</summary>
    public const string Placeholder = "[Redacted]";

    // t of a media token and of the one-time login redirect, token of the one-time exchange: fixed by the documented API.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Names =
        new[] { QueryParameterNames.MediaToken, QueryParameterNames.LoginToken, QueryParameterNames.ExchangeToken }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The query with every token value replaced, or <see langword="null"/> when it carries no token.
    /// </summary>
    public static string? Redact(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        StringBuilder? redacted = null;
        var text = query.AsSpan();
        var start = text[0] == '?' ? 1 : 0;
        var copied = 0;
        foreach (var range in text[start..].Split('&'))
        {
            var (offset, length) = range.GetOffsetAndLength(text.Length - start);
            var pair = text.Slice(start + offset, length);
            var equals = pair.IndexOf('=');
            if (equals >= 0 && equals < pair.Length - 1 && IsTokenParameter(pair[..equals]))
            {
                var valueStart = start + offset + equals + 1;
                redacted ??= new StringBuilder(query.Length);
                redacted.Append(text[copied..valueStart]).Append(Placeholder);
                copied = start + offset + length;
            }
        }

        return redacted?.Append(text[copied..]).ToString();
    }

    private static bool IsTokenParameter(ReadOnlySpan<char> name)
    {
        if (!name.ContainsAny('%', '+'))
        {
            return Names.Contains(name);
        }

        // Decoded as the query collection decodes names.
        return Names.Contains(Uri.UnescapeDataString(name.ToString().Replace('+', ' ')));
    }
}
