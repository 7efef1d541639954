using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// The one token builder of the library tests. <see cref="Create"/> writes a media token like the issuer's through
/// IdentityModel, any part of it overridable; <see cref="Hmac"/>, <see cref="Rsa"/>, <see cref="Ecdsa"/> and
/// <see cref="WithoutSignature"/> sign raw header and claims JSON by hand, for the hostile shapes IdentityModel refuses to
/// write (duplicate members, <c>alg: none</c>, odd <c>typ</c>/<c>kid</c> values, algorithm confusion);
/// <see cref="Login"/> writes the JwtBearer login token of <see cref="TestHost.StartJwtBearerHostAsync"/>.
/// </summary>
public static class TestToken
{
    /// <summary>The header the issuer writes for <see cref="TestKeys.Hmac"/>.</summary>
    public const string ValidHeader = """{"alg":"HS256","kid":"hmac-1","typ":"media+jwt"}""";

    /// <summary>The issuer and audience of <see cref="Login"/> tokens, which the JwtBearer host checks.</summary>
    public const string LoginIssuer = "https://portal.example";

    /// <inheritdoc cref="LoginIssuer"/>
    public const string LoginAudience = "portal-api";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The key of <see cref="Login"/> tokens.</summary>
    public static SigningCredentials LoginCredentials { get; } = new(TestKeys.Rsa, SecurityAlgorithms.RsaSha256);

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

    /// <summary>The claims of a valid media token issued at <paramref name="now"/>, as JSON, with <paramref name="extra"/> members appended.</summary>
    public static string ValidClaims(DateTimeOffset now, string extra = "") =>
        $$"""{"iss":"{{MediaTokenDefaults.Issuer}}","aud":"{{MediaTokenDefaults.Audience}}","sub":"1","iat":{{now.ToUnixTimeSeconds()}},"nbf":{{now.ToUnixTimeSeconds()}},"exp":{{now.AddSeconds(60).ToUnixTimeSeconds()}}{{extra}}}""";

    /// <summary>The base64url segment of <paramref name="json"/>.</summary>
    public static string Segment(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>An unsecured compact JWS: the two segments and an empty signature.</summary>
    public static string WithoutSignature(string headerJson, string payloadJson) => $"{Segment(headerJson)}.{Segment(payloadJson)}.";

    /// <summary>A compact JWS of the given header and claims JSON, HMAC-signed with <paramref name="secret"/> (by default <see cref="TestKeys.Hmac"/>).</summary>
    public static string Hmac(string headerJson, string payloadJson, byte[]? secret = null, HashAlgorithmName? hash = null)
    {
        var signingInput = $"{Segment(headerJson)}.{Segment(payloadJson)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var key = secret ?? TestKeys.Hmac.Key;
        var signature = (hash ?? HashAlgorithmName.SHA256).Name switch
        {
            "SHA384" => HMACSHA384.HashData(key, data),
            "SHA512" => HMACSHA512.HashData(key, data),
            _ => HMACSHA256.HashData(key, data),
        };
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    public static string Rsa(string headerJson, string payloadJson, RSA key, RSASignaturePadding? padding = null, HashAlgorithmName? hash = null)
    {
        var signingInput = $"{Segment(headerJson)}.{Segment(payloadJson)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), hash ?? HashAlgorithmName.SHA256, padding ?? RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    public static string Ecdsa(string headerJson, string payloadJson, ECDsa key)
    {
        var signingInput = $"{Segment(headerJson)}.{Segment(payloadJson)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Flips one bit of the decoded bytes of a segment and re-encodes it, so the change is one bit, not one character.</summary>
    public static string FlipBit(string token, int segment, int byteIndex, int bit = 0)
    {
        var parts = token.Split('.');
        var bytes = Base64Url.DecodeFromChars(parts[segment]);
        var index = byteIndex < 0 ? bytes.Length + byteIndex : byteIndex;
        bytes[index] ^= (byte)(1 << bit);
        parts[segment] = Base64Url.EncodeToString(bytes);
        return string.Join('.', parts);
    }

    /// <summary>
    /// The JWT the JwtBearer host's own login issues: customer <paramref name="customerId"/>, a name, an email, two
    /// roles and a scope, valid for an hour from <paramref name="now"/>.
    /// </summary>
    public static string Login(DateTimeOffset now, string customerId = "42") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LoginIssuer,
            Audience = LoginAudience,
            IssuedAt = now.UtcDateTime.AddMinutes(-10),
            NotBefore = now.UtcDateTime.AddMinutes(-10),
            Expires = now.UtcDateTime.AddHours(1),
            SigningCredentials = LoginCredentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = customerId,
                [ClaimTypes.Name] = "Ada Lovelace",
                [ClaimTypes.Email] = "ada@example.com",
                [ClaimTypes.Role] = new[] { "member", "billing" },
                ["scope"] = "portal",
            },
        });
}
