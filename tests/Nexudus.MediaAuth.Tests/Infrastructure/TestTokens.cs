using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// Crafts JWTs that differ from a valid media token in one chosen way, for rejection tests.
/// </summary>
public static class TestTokens
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// A token like the issuer's, issued at <paramref name="issuedAt"/>; every part can be overridden.
    /// </summary>
    public static string Create(
        DateTimeOffset issuedAt,
        SigningCredentials? credentials = null,
        string? tokenType = MediaTokenDefaults.TokenType,
        string? issuer = MediaTokenDefaults.Issuer,
        string? audience = MediaTokenDefaults.Audience,
        string? subject = "1",
        TimeSpan? lifetime = null,
        DateTimeOffset? notBefore = null,
        bool includeIssuedAt = true,
        bool includeNotBefore = true,
        bool includeExpires = true)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (subject is not null)
        {
            claims[JwtRegisteredClaimNames.Sub] = subject;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = tokenType,
            Issuer = issuer,
            Audience = audience,
            IssuedAt = includeIssuedAt ? issuedAt.UtcDateTime : null,
            NotBefore = includeNotBefore ? (notBefore ?? issuedAt).UtcDateTime : null,
            Expires = includeExpires ? (issuedAt + (lifetime ?? MediaTokenDefaults.TokenLifetime)).UtcDateTime : null,
            SigningCredentials = credentials ?? TestKeys.HmacCredentials,
            Claims = claims,
        };
        return Handler.CreateToken(descriptor);
    }
}
