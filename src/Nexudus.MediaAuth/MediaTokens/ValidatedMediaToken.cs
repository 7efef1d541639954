using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// What a media token proved once its signature and claims were checked: whom it is for, when it is valid, which key
/// signed it and, when it is bound, the resource it is for (<see cref="MediaTokenResource"/>). Immutable, so the validation cache can hand the same instance to every request that repeats the token.
/// </summary>
internal sealed record ValidatedMediaToken(string Subject, DateTimeOffset NotBefore, DateTimeOffset Expires, SecurityKey SigningKey, string? Resource)
{
    public bool IsExpiredAt(DateTimeOffset now, TimeSpan clockSkew) => now > Expires + clockSkew;

    public bool IsNotYetValidAt(DateTimeOffset now, TimeSpan clockSkew) => now + clockSkew < NotBefore;
}
