using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// A token whose <c>kid</c> names none of the scheme's keys (or that has no <c>kid</c>). Only the length of the
/// <c>kid</c> is kept: the value is whatever the sender wrote, so it is not fit for logs.
/// </summary>
internal sealed class MediaTokenUnknownKeyException : SecurityTokenSignatureKeyNotFoundException
{
    public MediaTokenUnknownKeyException(int keyIdLength)
        : base("The token's signing key is unknown.")
    {
        KeyIdLength = keyIdLength;
    }

    /// <summary>The length of the token's <c>kid</c> in its header, or 0 when it has none.</summary>
    public int KeyIdLength { get; }
}
