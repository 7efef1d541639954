using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Hosting;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Redaction;

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
    private static readonly string[] OneTimeTokenParameters = [QueryParameterNames.LoginToken, QueryParameterNames.ExchangeToken];

    private readonly string[] _mediaTokenSchemes;
    private readonly IOptionsMonitor<MediaTokenOptions> _mediaTokens;
    private volatile NameSet _names;

    public TokenQueryRedactor(IOptions<AuthenticationOptions> authentication, IOptionsMonitor<MediaTokenOptions> mediaTokens)
    {
        _mediaTokenSchemes = authentication.Value.Schemes
            .Where(scheme => typeof(MediaTokenHandler).IsAssignableFrom(scheme.HandlerType))
            .Select(scheme => scheme.Name)
            .ToArray();
        _mediaTokens = mediaTokens;
        _names = CurrentNames();
    }

    /// <summary>
    /// The names to redact, rebuilt when a scheme's options are (a reloaded <c>QueryParameterName</c>). A scheme's
    /// options are compared by reference, which costs nothing while they stay the same.
    /// </summary>
    private NameSet Names
    {
        get
        {
            var names = _names;
            for (var i = 0; i < _mediaTokenSchemes.Length; i++)
            {
                if (!ReferenceEquals(_mediaTokens.Get(_mediaTokenSchemes[i]), names.Options[i]))
                {
                    return _names = CurrentNames();
                }
            }

            return names;
        }
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

        var names = Names.Lookup;
        StringBuilder? redacted = null;
        var text = query.AsSpan();
        var start = text[0] == '?' ? 1 : 0;
        var copied = 0;
        foreach (var range in text[start..].Split('&'))
        {
            var (offset, length) = range.GetOffsetAndLength(text.Length - start);
            var pair = text.Slice(start + offset, length);
            var equals = pair.IndexOf('=');
            if (equals >= 0 && equals < pair.Length - 1 && IsTokenParameter(names, pair[..equals]))
            {
                var valueStart = start + offset + equals + 1;
                redacted ??= new StringBuilder(query.Length);
                redacted.Append(text[copied..valueStart]).Append(Placeholder);
                copied = start + offset + length;
            }
        }

        return redacted?.Append(text[copied..]).ToString();
    }

    private static bool IsTokenParameter(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> names, ReadOnlySpan<char> name)
    {
        if (!name.ContainsAny('%', '+'))
        {
            return names.Contains(name);
        }

        // Decoded as the query collection decodes names.
        return names.Contains(Uri.UnescapeDataString(name.ToString().Replace('+', ' ')));
    }

    private NameSet CurrentNames()
    {
        var options = Array.ConvertAll(_mediaTokenSchemes, _mediaTokens.Get);
        var names = options.Select(scheme => scheme.QueryParameterName).Concat(OneTimeTokenParameters);
        return new NameSet(options, names.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>());
    }

    /// <summary>The token parameter names, and the options of each media token scheme they were read from.</summary>
    private sealed record NameSet(MediaTokenOptions[] Options, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup);
}
