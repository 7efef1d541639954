using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// A rejection by one of the library's own checks. Its message names the failed check, never the token, so it is
/// safe to return as an RFC 6750 <c>error_description</c>.
/// </summary>
internal sealed class MediaTokenRejectedException : SecurityTokenValidationException
{
    public MediaTokenRejectedException(string message)
        : base(message)
    {
    }
}
