namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// The names a media token carries on the wire, read by the validator and written by the issuer; the scheme's public
/// defaults re-expose them (<c>MediaTokenDefaults.TokenType</c>).
/// </summary>
internal static class MediaTokenWireNames
{
    /// <summary>The JOSE <c>typ</c> header of a media token: <c>media+jwt</c>.</summary>
    public const string TokenType = "media+jwt";

    /// <summary>The private claim that binds a token to one resource: <c>res</c>.</summary>
    public const string ResourceClaim = "res";

    /// <summary>
    /// The private claim that says how the file is presented (<see cref="MediaTokenDisposition"/>): <c>disp</c>, the
    /// string <see cref="InlineDisposition"/> or <see cref="AttachmentDisposition"/>.
    /// </summary>
    public const string DispositionClaim = "disp";

    /// <summary>The <c>disp</c> value of <see cref="MediaTokenDisposition.Inline"/>.</summary>
    public const string InlineDisposition = "inline";

    /// <summary>The <c>disp</c> value of <see cref="MediaTokenDisposition.Attachment"/>.</summary>
    public const string AttachmentDisposition = "attachment";

    /// <summary>The <c>disp</c> value of a disposition, <see langword="null"/> for <see cref="MediaTokenDisposition.Unspecified"/>.</summary>
    public static string? Of(MediaTokenDisposition disposition) => disposition switch
    {
        MediaTokenDisposition.Inline => InlineDisposition,
        MediaTokenDisposition.Attachment => AttachmentDisposition,
        _ => null,
    };
}
