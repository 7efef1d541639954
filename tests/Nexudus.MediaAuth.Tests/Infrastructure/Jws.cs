using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// Builds compact JWS tokens by hand from raw JSON, for the hostile shapes the IdentityModel API refuses to write:
/// duplicate members, <c>alg: none</c>, odd <c>typ</c>/<c>kid</c> values, algorithm confusion.
/// </summary>
public static class Jws
{
    public static string Segment(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string WithoutSignature(string headerJson, string payloadJson) => $"{Segment(headerJson)}.{Segment(payloadJson)}.";

    public static string Hmac(string headerJson, string payloadJson, byte[] secret, HashAlgorithmName? hash = null)
    {
        var signingInput = $"{Segment(headerJson)}.{Segment(payloadJson)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = (hash ?? HashAlgorithmName.SHA256).Name switch
        {
            "SHA384" => HMACSHA384.HashData(secret, data),
            "SHA512" => HMACSHA512.HashData(secret, data),
            _ => HMACSHA256.HashData(secret, data),
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
}
