using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// The fixed, low-cardinality names of the checks a media token can fail, for metrics and traces.
/// </summary>
internal static class MediaTokenRejectionReason
{
    public const string Malformed = "malformed";
    public const string TooLong = "too_long";
    public const string Repeated = "repeated";
    public const string Expired = "expired";
    public const string NotYetValid = "not_yet_valid";
    public const string Lifetime = "lifetime";
    public const string Subject = "subject";
    public const string Signature = "signature";
    public const string UnknownKey = "unknown_key";
    public const string Algorithm = "algorithm";
    public const string Type = "type";
    public const string Issuer = "issuer";
    public const string Audience = "audience";
    public const string Resource = "resource";
    public const string KeysUnavailable = "keys_unavailable";
    public const string Other = "other";

    public static string Of(Exception failure) => failure switch
    {
        MediaTokenRejectedException rejected => rejected.Reason,
        SecurityTokenExpiredException => Expired,
        SecurityTokenNotYetValidException => NotYetValid,
        SecurityTokenNoExpirationException => Lifetime,
        SecurityTokenInvalidAudienceException => Audience,
        SecurityTokenInvalidIssuerException => Issuer,
        SecurityTokenInvalidTypeException => Type,
        SecurityTokenInvalidAlgorithmException => Algorithm,
        SecurityTokenSignatureKeyNotFoundException => UnknownKey,
        SecurityTokenInvalidSignatureException => Signature,
        SecurityTokenMalformedException or ArgumentException => Malformed,
        _ => Other,
    };
}
