using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.OneTimeTokens.Exchange;

/// <summary>
/// Issues a JWT access token (RFC 9068, <c>typ: at+jwt</c>, which JwtBearer accepts unless its <c>ValidTypes</c> say
/// otherwise) that the host's JwtBearer validates: its issuer, audience and signing key, <c>sub</c> = the customer id,
/// and the customer's other claims under their own claim types, so that JwtBearer gives back the principal the host's
/// own tokens give. No refresh token: this library runs no refresh grant that could redeem one.
/// </summary>
internal sealed class JwtExchangedTokenIssuer(
    IOptionsMonitor<JwtExchangeOptions> jwtOptions,
    IOptionsMonitor<OneTimeTokenOptions> oneTimeTokenOptions,
    TimeProvider timeProvider) : IExchangedTokenIssuer
{
    private static readonly JsonWebTokenHandler Handler = new();

    public ValueTask<ExchangedToken> IssueAsync(HttpContext context, ClaimsPrincipal customer, TimeSpan lifetime)
    {
        var options = jwtOptions.CurrentValue;
        var customerIdClaimType = oneTimeTokenOptions.CurrentValue.CustomerIdClaimType;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = options.SigningCredentials,
            Claims = CreateClaims(customer, customerIdClaimType),
        });
        return ValueTask.FromResult(new ExchangedToken(token, (long)lifetime.TotalSeconds, refreshToken: null));
    }

    private static Dictionary<string, object> CreateClaims(ClaimsPrincipal customer, string customerIdClaimType)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = customer.FindFirst(customerIdClaimType)!.Value,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };

        // The customer id is sub already; JwtBearer maps sub back to ClaimTypes.NameIdentifier unless told not to.
        var customerIdIsSubject = customerIdClaimType is ClaimTypes.NameIdentifier or JwtRegisteredClaimNames.Sub;
        foreach (var group in customer.Claims
            .Where(claim => !(customerIdIsSubject && claim.Type == customerIdClaimType) && !claims.ContainsKey(claim.Type) && !OneTimeTokenIdentity.IsRegisteredJwtClaim(claim.Type))
            .GroupBy(claim => claim.Type, StringComparer.Ordinal))
        {
            var values = group.Select(claim => claim.Value).ToArray();
            claims[group.Key] = values.Length == 1 ? values[0] : values;
        }

        return claims;
    }
}
