namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// How the browser should present the file a media token opens, chosen by the host when it issues the token and carried,
/// signed, in the token's <c>disp</c> claim, as S3's <c>response-content-disposition</c> and Azure SAS's <c>rscd</c> are:
/// an unsigned query value never changes it.
/// </summary>
/// <remarks>
/// Declared beside the validator that reads the claim (<c>MediaTokens/Validation</c>), so that issuance, continuation and
/// the scheme can all name it.
/// </remarks>
public enum MediaTokenDisposition
{
    /// <summary>The token says nothing (no <c>disp</c> claim); the endpoint's own choice applies.</summary>
    Unspecified = 0,

    /// <summary><c>inline</c>: shown in the browser (a PDF viewer, a video), as far as it can.</summary>
    Inline = 1,

    /// <summary><c>attachment</c>: saved as a download.</summary>
    Attachment = 2,
}
