using Microsoft.AspNetCore.Http;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// The resource a media token may be bound to (its <c>res</c> claim), and whether a
/// request is for it.
/// </summary>
/// <remarks>
/// <para>
/// A resource is a decoded path, as routing sees <c>PathBase + Path</c>: an exact path (<c>/invoices/1001/pdf</c>), or
/// a prefix ending in <c>/</c> (<c>/files/</c>) that matches every path under it. Comparison is ordinal (case-sensitive),
/// so a path that differs only in case is refused rather than guessed to be the same file.
/// </para>
/// <para>
/// Both the resource and the request path must be canonical, or they never match: they start with <c>/</c>, have no
/// empty segment (<c>//</c>) except a final one, no segment ending in <c>.</c> (which covers <c>.</c>, <c>..</c> and the
/// trailing dots some file systems drop), no <c>%</c> (a path still percent-encoded after the server decoded it, such as
/// <c>%2F</c> or a double-encoded <c>%252e</c>), no <c>\</c> and no control character. A server or proxy that resolves
/// such a path differently from this check can therefore never widen a bound token's reach.
/// </para>
/// </remarks>
internal static class MediaTokenResource
{
    public static bool IsCanonical(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty || path[0] != '/')
        {
            return false;
        }

        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] == '/')
            {
                var segment = path[segmentStart..i];
                var isLast = i == path.Length;
                if ((segment.IsEmpty && !isLast) || (!segment.IsEmpty && segment[^1] == '.'))
                {
                    return false;
                }

                segmentStart = i + 1;
            }
            else if (path[i] is '%' or '\\' || char.IsControl(path[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the request's <c>PathBase + Path</c> is <paramref name="resource"/> or, when the resource ends in
    /// <c>/</c>, lies under it. Compares the two parts in place rather than concatenating them.
    /// </summary>
    public static bool Matches(string resource, PathString pathBase, PathString path)
    {
        ReadOnlySpan<char> basePart = pathBase.Value;
        ReadOnlySpan<char> pathPart = path.Value;
        if (!IsCanonicalRequestPath(basePart, pathPart))
        {
            return false;
        }

        var isPrefix = resource.EndsWith('/');
        var requestLength = basePart.Length + pathPart.Length;
        if (isPrefix ? requestLength < resource.Length : requestLength != resource.Length)
        {
            return false;
        }

        ReadOnlySpan<char> expected = resource;
        if (expected.Length <= basePart.Length)
        {
            return basePart.StartsWith(expected, StringComparison.Ordinal);
        }

        return expected.StartsWith(basePart, StringComparison.Ordinal)
            && pathPart.StartsWith(expected[basePart.Length..], StringComparison.Ordinal);
    }

    private static bool IsCanonicalRequestPath(ReadOnlySpan<char> pathBase, ReadOnlySpan<char> path)
    {
        if (pathBase.IsEmpty)
        {
            return IsCanonical(path);
        }

        // A base ending in '/' followed by a path would put an empty segment between them.
        return IsCanonical(pathBase) && (path.IsEmpty || (pathBase[^1] != '/' && IsCanonical(path)));
    }
}
