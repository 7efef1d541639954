using Microsoft.Net.Http.Headers;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Microsoft.AspNetCore.Http;

/// <summary>
/// Writes the response headers of a file that a media token opened.
/// </summary>
public static class MediaTokenHttpResponseExtensions
{
    /// <summary>
    /// Sets <c>Content-Disposition</c> (RFC 6266) for <paramref name="fileName"/>: <c>inline</c> or <c>attachment</c> as
    /// the media token that authenticated the request says (its signed <c>disp</c> claim, kept by its continuation), or
    /// <paramref name="fallback"/> when it says nothing; <c>filename=</c> in ASCII (other characters replaced) for old
    /// clients and <c>filename*=UTF-8''…</c> (RFC 8187) with the real name, which every current browser prefers.
    /// </summary>
    /// <remarks>
    /// Nothing in the request but the signed token chooses the disposition: a query value such as
    /// <c>?disp=inline</c> or <c>response-content-disposition=</c> changes nothing.
    /// </remarks>
    /// <param name="response">The response of the file endpoint.</param>
    /// <param name="fileName">The file's name as the customer knows it, any Unicode.</param>
    /// <param name="fallback">
    /// The endpoint's own choice, for a token without <c>disp</c> or a request no media token authenticated;
    /// <see cref="MediaTokenDisposition.Unspecified"/> counts as <see cref="MediaTokenDisposition.Attachment"/>.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty.</exception>
    public static void SetMediaTokenContentDisposition(this HttpResponse response, string fileName, MediaTokenDisposition fallback = MediaTokenDisposition.Attachment)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var disposition = response.HttpContext.Features.Get<MediaTokenDispositionFeature>()?.Disposition ?? fallback;
        var header = new ContentDispositionHeaderValue(
            disposition == MediaTokenDisposition.Inline ? MediaTokenWireNames.InlineDisposition : MediaTokenWireNames.AttachmentDisposition);
        header.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = header.ToString();
    }
}
