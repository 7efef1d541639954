using Microsoft.AspNetCore.WebUtilities;

namespace Nexudus.MediaAuth.Hosting;

/// <summary>
/// Reads a query parameter that must appear exactly once: the media token, and the one-time token endpoints' parameters.
/// </summary>
/// <remarks>
/// The parsing is <see cref="Microsoft.AspNetCore.Http.HttpRequest.Query"/>'s (names unescaped and compared ignoring
/// case, so <c>T</c> and <c>%74</c> are <c>t</c>; <c>+</c> as a space), without building the collection and without
/// copying a value that needs no unescaping: the media token handler reads every request's token this way.
/// </remarks>
internal static class SingleQueryValue
{
    /// <summary>Finds <paramref name="name"/> in <paramref name="queryString"/>.</summary>
    /// <param name="queryString">The raw query string, with or without its leading <c>?</c>; the client's, not a
    /// redacted one (<c>RedactedQueryFeature.Read</c>).</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The unescaped value when the parameter appears once; empty otherwise.</param>
    public static QueryValueOccurrence Read(string? queryString, string name, out ReadOnlyMemory<char> value)
    {
        var found = false;
        value = ReadOnlyMemory<char>.Empty;
        foreach (var parameter in new QueryStringEnumerable(queryString))
        {
            if (parameter.DecodeName().Span.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                if (found)
                {
                    value = ReadOnlyMemory<char>.Empty;
                    return QueryValueOccurrence.Repeated;
                }

                found = true;
                value = parameter.DecodeValue();
            }
        }

        return found ? QueryValueOccurrence.Once : QueryValueOccurrence.Absent;
    }

    /// <summary>Reads <paramref name="name"/> when it appears exactly once.</summary>
    /// <inheritdoc cref="Read" path="/param"/>
    public static bool TryRead(string? queryString, string name, out ReadOnlyMemory<char> value) =>
        Read(queryString, name, out value) == QueryValueOccurrence.Once;
}
