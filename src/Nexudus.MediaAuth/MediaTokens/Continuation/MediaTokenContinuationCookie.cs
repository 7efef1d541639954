using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Nexudus.MediaAuth.MediaTokens.Continuation;

/// <summary>
/// The wire form of a continuation: <c>{alg}.{kid}.{exp}.{disposition}.{customer}.{signature}</c>, the <c>kid</c>,
/// customer id and signature base64url-encoded, <c>exp</c> in Unix seconds, the disposition the digit of its
/// <see cref="MediaTokenDisposition"/> value. The signature is the scheme's signing key's over <see cref="SigningInput"/>,
/// which also names the scheme and the file's path, so a continuation proves one customer, one path, one scheme, one
/// expiry and the disposition the token was issued with, and nothing a media token could be mistaken for.
/// </summary>
internal static class MediaTokenContinuationCookie
{
    /// <summary>The longest cookie value read; a longer one is ignored before any decoding.</summary>
    public const int MaxLength = 2048;

    private const string NamePrefix = "mtc_";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The cookie's name for the scheme and path: each file has its own, so that continuations of several files
    /// opened together do not overwrite each other.
    /// </summary>
    public static string Name(string scheme, string path)
    {
        // Read on every continued request: hashed from a stack or pooled buffer, the name its only allocation.
        var length = Encoding.UTF8.GetMaxByteCount(scheme.Length + 1 + path.Length);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        var written = Encoding.UTF8.GetBytes(scheme, utf8);
        utf8[written++] = (byte)'\n';
        written += Encoding.UTF8.GetBytes(path, utf8[written..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        Span<char> name = stackalloc char[NamePrefix.Length + 16];
        NamePrefix.CopyTo(name);
        Base64Url.EncodeToChars(hash[..12], name[NamePrefix.Length..]);
        return new string(name);
    }

    /// <summary>
    /// The bytes signed. The prefix and the line breaks keep them apart from a JWS signing input, which is two
    /// base64url parts and a dot: a continuation's signature can never stand for a media token's, nor the reverse.
    /// </summary>
    public static byte[] SigningInput(string scheme, string algorithm, string keyId, string customerId, string path, long expires, MediaTokenDisposition disposition) =>
        Encoding.UTF8.GetBytes($"nexudus-media-continuation\n{scheme}\n{algorithm}\n{keyId}\n{customerId}\n{path}\n{expires}\n{Digit(disposition)}");

    public static string Format(string algorithm, string keyId, long expires, MediaTokenDisposition disposition, string customerId, byte[] signature) =>
        string.Join(
            '.',
            algorithm,
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes(keyId)),
            expires.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Digit(disposition),
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes(customerId)),
            Base64Url.EncodeToString(signature));

    /// <summary>Splits a cookie value into its parts; <see langword="false"/> when it is not one.</summary>
    public static bool TryParse(string value, out Parts parts)
    {
        parts = default;
        if (value.Length > MaxLength)
        {
            return false;
        }

        var fields = value.Split('.');
        if (fields.Length != 6
            || fields[0].Length == 0
            || !long.TryParse(fields[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires)
            || !TryParseDisposition(fields[3], out var disposition)
            || !TryDecodeText(fields[1], out var keyId)
            || !TryDecodeText(fields[4], out var customerId)
            || !TryDecode(fields[5], out var signature))
        {
            return false;
        }

        parts = new Parts(fields[0], keyId, expires, disposition, customerId, signature);
        return true;
    }

    private static string Digit(MediaTokenDisposition disposition) => ((int)disposition).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool TryParseDisposition(string digit, out MediaTokenDisposition disposition)
    {
        disposition = digit.Length == 1 ? (MediaTokenDisposition)(digit[0] - '0') : MediaTokenDisposition.Unspecified;
        return digit.Length == 1 && Enum.IsDefined(disposition);
    }

    private static bool TryDecodeText(string encoded, out string text)
    {
        text = string.Empty;
        if (!TryDecode(encoded, out var bytes) || bytes.Length == 0)
        {
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool TryDecode(string encoded, out byte[] bytes)
    {
        bytes = [];
        if (encoded.Length == 0 || !Base64Url.IsValid(encoded))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(encoded);
        return true;
    }

    /// <summary>A continuation as read from its cookie, before its signature is checked.</summary>
    public readonly record struct Parts(string Algorithm, string KeyId, long Expires, MediaTokenDisposition Disposition, string CustomerId, byte[] Signature);
}
