using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.OneTimeTokens.Exchange;

/// <summary>
/// Options of the JWT that <c>AddJwtExchange()</c> issues for a host whose API authenticates with JwtBearer: give it the
/// signing credentials, issuer and audience that the host's <c>TokenValidationParameters</c> accept.
/// </summary>
public sealed class JwtExchangeOptions
{
    /// <summary>
    /// Signs the JWT. Its key must be one the host's JwtBearer validates (<c>IssuerSigningKey</c>, or a key of its
    /// authority's JWKS). Required.
    /// </summary>
    public SigningCredentials? SigningCredentials { get; set; }

    /// <summary>
    /// The <c>iss</c> of the JWT: the JwtBearer's <c>ValidIssuer</c> (or its authority). Required.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The <c>aud</c> of the JWT: the JwtBearer's <c>ValidAudience</c> (or its <c>Audience</c>). Required.
    /// </summary>
    public string? Audience { get; set; }
}
