namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The disposition the media token that authenticated the request was issued with, set by the scheme's handler on the
/// request's features when the token (or its continuation) names one, and read by
/// <c>HttpResponse.SetMediaTokenContentDisposition()</c>.
/// </summary>
/// <remarks>
/// A feature rather than a claim: only the handler sets it, after a signed token or a signed continuation proved it,
/// so no other scheme's principal, nor a claim an event adds, can choose how a file is presented.
/// </remarks>
internal sealed class MediaTokenDispositionFeature
{
    private static readonly MediaTokenDispositionFeature Inline = new(MediaTokenDisposition.Inline);
    private static readonly MediaTokenDispositionFeature Attachment = new(MediaTokenDisposition.Attachment);

    private MediaTokenDispositionFeature(MediaTokenDisposition disposition) => Disposition = disposition;

    /// <summary><see cref="MediaTokenDisposition.Inline"/> or <see cref="MediaTokenDisposition.Attachment"/>.</summary>
    public MediaTokenDisposition Disposition { get; }

    /// <summary>The feature of <paramref name="disposition"/>; <see langword="null"/> for <see cref="MediaTokenDisposition.Unspecified"/>.</summary>
    public static MediaTokenDispositionFeature? Of(MediaTokenDisposition disposition) => disposition switch
    {
        MediaTokenDisposition.Inline => Inline,
        MediaTokenDisposition.Attachment => Attachment,
        _ => null,
    };
}
