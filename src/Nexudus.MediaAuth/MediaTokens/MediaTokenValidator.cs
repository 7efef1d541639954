using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Validates media tokens for one scheme: size, signature (by <c>kid</c>, allow-listed algorithm matching the key),
/// <c>typ</c>, issuer, audience, strict JSON (<see cref="MediaTokenJson"/>), then lifetime against
/// <see cref="TimeProvider"/> and the lifetime cap.
/// </summary>
/// <remarks>
/// Lifetime is checked here rather than by IdentityModel because IdentityModel reads the system clock, not
/// <see cref="TimeProvider"/>, and its default clock skew is five minutes.
/// </remarks>
internal sealed class MediaTokenValidator
{
    private static readonly JsonWebTokenHandler TokenHandler = new() { MapInboundClaims = false };

    private readonly MediaTokenOptions _options;
    private readonly string _authenticationType;
    private readonly TokenValidationParameters _parameters;

    public MediaTokenValidator(string authenticationScheme, MediaTokenOptions options)
    {
        _options = options;
        _authenticationType = authenticationScheme;
        var keyRing = options.KeyRing;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            ValidTypes = [MediaTokenDefaults.TokenType],
            ValidAlgorithms = options.ValidAlgorithms,
            AlgorithmValidator = (algorithm, key, _, _) =>
                options.ValidAlgorithms.Contains(algorithm) && MediaTokenKeyRing.IsAlgorithmForKey(algorithm, key),
            IssuerSigningKeyResolver = (_, _, keyId, _) =>
                keyRing.TryGetKey(keyId, out var key) ? [key!] : [],
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuerSigningKey = false,
        };
    }

    public async Task<MediaTokenValidationResult> ValidateAsync(string token, DateTimeOffset now)
    {
        if (token.Length == 0)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException("The token is empty."));
        }

        if (token.Length > _options.MaxTokenLength)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException("The token is longer than allowed."));
        }

        var result = await TokenHandler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            return MediaTokenValidationResult.Invalid(result.Exception ?? new SecurityTokenValidationException("The token is invalid."));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (MediaTokenJson.FindViolation(jwt) is { } violation)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(violation));
        }

        if (CheckLifetime(jwt, now) is { } lifetimeFailure)
        {
            return MediaTokenValidationResult.Invalid(lifetimeFailure);
        }

        if (string.IsNullOrEmpty(jwt.Subject))
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException("The token has no subject."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(_options.CustomerIdClaimType, jwt.Subject, ClaimValueTypes.String, _options.Issuer)],
            _authenticationType,
            nameType: _options.CustomerIdClaimType,
            roleType: ClaimTypes.Role);
        return MediaTokenValidationResult.Valid(jwt, identity);
    }

    private Exception? CheckLifetime(JsonWebToken jwt, DateTimeOffset now)
    {
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        var hasIssuedAt = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iat);
        var hasNotBefore = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf);
        if (!hasIssuedAt && !hasNotBefore)
        {
            return new MediaTokenRejectedException("The token has neither an issue time nor a not-before time.");
        }

        var expires = FromUnixSeconds(exp);
        var notBefore = FromUnixSeconds(hasNotBefore ? nbf : iat);
        var issued = hasIssuedAt ? FromUnixSeconds(iat) : notBefore;
        if (expires - issued > _options.MaxTokenLifetime)
        {
            return new MediaTokenRejectedException("The token's lifetime is longer than allowed.");
        }

        if (now > expires + _options.ClockSkew)
        {
            return new SecurityTokenExpiredException("The token has expired.") { Expires = expires.UtcDateTime };
        }

        if (now + _options.ClockSkew < notBefore)
        {
            return new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = notBefore.UtcDateTime };
        }

        return null;
    }

    // Hostile values outside DateTimeOffset's range are clamped rather than allowed to throw.
    private static DateTimeOffset FromUnixSeconds(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
}
