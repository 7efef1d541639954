using System.Diagnostics.CodeAnalysis;

namespace Nexudus.MediaAuth.Hosting;

/// <summary>
/// Decides whether a redirect target stays on this site, with the rules of ASP.NET Core's <c>IsLocalUrl</c>, narrowed
/// to printable ASCII: a <c>Location</c> header carries nothing else, and anything unusual goes to the default path.
/// </summary>
internal static class LocalRedirectUrl
{
    public static bool IsLocal([NotNullWhen(true)] string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        // "//host" and "/\host" are protocol-relative: browsers leave the site.
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                return false;
            }
        }

        return true;
    }
}
