using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// JSON rules for a media token's header and claims that IdentityModel does not enforce. Each segment must be one JSON
/// object with nothing after it and no member name twice, and <c>exp</c>, <c>iat</c> and <c>nbf</c> must be numbers.
/// </summary>
/// <remarks>
/// IdentityModel keeps the last of duplicate members, as RFC 7515 §5.2 allows. It also ignores content after the
/// object and reads a time written as a string. Another JWT parser, such as an edge proxy or an audit tool, may read
/// the same signed bytes differently, for example taking the first <c>sub</c> or <c>alg</c>. Rejecting such tokens
/// leaves each token one meaning.
/// </remarks>
internal static class MediaTokenJson
{
    // Header and claims of a media token are a few hundred bytes; larger segments are rented rather than stack-allocated.
    private const int StackLimit = 1024;

    /// <summary>Says what breaks the rules, in words safe to send to the client, or <see langword="null"/> when nothing does.</summary>
    public static string? FindViolation(JsonWebToken token) =>
        FindViolation(token.EncodedHeader, isClaims: false) ?? FindViolation(token.EncodedPayload, isClaims: true);

    private static string? FindViolation(string segment, bool isClaims)
    {
        var maxLength = Base64Url.GetMaxDecodedLength(segment.Length);
        byte[]? rented = null;
        var buffer = maxLength <= StackLimit ? stackalloc byte[maxLength] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            if (Base64Url.DecodeFromChars(segment, buffer, out _, out var written) != OperationStatus.Done)
            {
                return "The token is malformed.";
            }

            return FindViolation(buffer[..written], isClaims);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string? FindViolation(ReadOnlySpan<byte> json, bool isClaims)
    {
        var reader = new Utf8JsonReader(json);
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "The token is malformed.";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!names.Add(name))
                {
                    return "The token repeats a header parameter or claim.";
                }

                reader.Read();
                if (isClaims && name is JwtRegisteredClaimNames.Exp or JwtRegisteredClaimNames.Iat or JwtRegisteredClaimNames.Nbf
                    && reader.TokenType != JsonTokenType.Number)
                {
                    return "The token's exp, iat or nbf is not a number.";
                }

                reader.Skip();
            }

            // The reader throws on anything but whitespace after the object.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? null : "The token is malformed.";
        }
        catch (JsonException)
        {
            return "The token is malformed.";
        }
    }
}
