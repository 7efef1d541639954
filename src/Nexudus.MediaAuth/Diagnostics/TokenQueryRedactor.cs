using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// Replaces the values of token-carrying query parameters with <see cref="Placeholder"/>: the parameter of every media
/// token scheme, <c>t</c> of the one-time login redirect and <c>token</c> of the one-time exchange.
/// </summary>
/// <remarks>
/// Names are matched as ASP.NET Core's query collection matches them (decoded, ignoring case), so <c>T=</c> or
/// <c>%74=</c>, which the handler reads as <c>t</c>, are redacted too.
/// </remarks>
internal sealed class TokenQueryRedactor
{
    /// <summary>The value written in place of a token; the placeholder ASP.NET Core's HttpLogging uses.</summary>
    public const string Placeholder = "[Redacted]";

    // The parameter names of the one-time token endpoints (MapOneTimeTokenEndpoints): login reads t, exchange reads token.
    private static readonly string[] OneTimeTokenParameters = ["t", "token"];

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;

    public TokenQueryRedactor(IOptions<AuthenticationOptions> authentication, IOptionsMonitor<MediaTokenOptions> mediaTokens)
    {
        var names = authentication.Value.Schemes
            .Where(scheme => typeof(MediaTokenHandler).IsAssignableFrom(scheme.HandlerType))
            .Select(scheme => mediaTokens.Get(scheme.Name).QueryParameterName)
            .Concat(OneTimeTokenParameters);
        _names = names.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The query with every token value replaced, or <see langword="null"/> when it carries no token.
    /// </summary>
    public string? Redact(string? query)
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

    private bool IsTokenParameter(ReadOnlySpan<char> name)
    {
        if (!name.ContainsAny('%', '+'))
        {
            return _names.Contains(name);
        }

        // Decoded as the query collection decodes names.
        return _names.Contains(Uri.UnescapeDataString(name.ToString().Replace('+', ' ')));
    }
}
