using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// A rejection by one of the library's own checks. Its message names the failed check, never the token, so it is
/// safe to return as an RFC 6750 <c>error_description</c>.
/// </summary>
internal sealed class MediaTokenRejectedException : SecurityTokenValidationException
{
    public MediaTokenRejectedException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>
    /// One of the <see cref="MediaTokenRejectionReason"/> names.
    /// </summary>
    public string Reason { get; }
}
