using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Nexudus.MediaAuth.MediaTokens.Continuation;

/// <summary>
/// The wire form of a continuation: <c>{alg}.{kid}.{exp}.{disposition}.{customer}.{token}.{signature}</c>, the
/// <c>kid</c>, customer id and signature base64url-encoded, <c>exp</c> in Unix seconds, the disposition the digit of its
/// <see cref="MediaTokenDisposition"/> value, <c>token</c> the <see cref="TokenFingerprint"/> of the token that opened
/// the file. The signature is the scheme's signing key's over the <see cref="SigningInput"/>, which also names the
/// scheme and the file's path, so a continuation proves one customer, one path, one scheme, one expiry, the disposition
/// and the token it was granted for, and nothing a media token could be mistaken for.
/// </summary>
/// <remarks>
/// Read on every continued request, so it is read in place: the value is found in the <c>Cookie</c> header without
/// building the request's cookie collection, split into spans and decoded onto the stack.
/// </remarks>
internal static class MediaTokenContinuationCookie
{
    /// <summary>The longest cookie value read; a longer one is ignored before any decoding.</summary>
    public const int MaxLength = 2048;

    /// <summary>The length of a <see cref="TokenFingerprint"/>: 64 bits in base64url.</summary>
    private const int FingerprintLength = 11;

    private const ulong OffsetBasis = 14695981039346656037;

    private const string NamePrefix = "mtc_";

    private static readonly SearchValues<char> Base64UrlAlphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static ReadOnlySpan<byte> SigningInputPrefix => "nexudus-media-continuation\n"u8;

    /// <summary>
    /// The cookie's name for the scheme and path: each file has its own, so that continuations of several files
    /// opened together do not overwrite each other.
    /// </summary>
    /// <remarks>
    /// The name needs to be distinct, not secret nor unforgeable (the signature binds the path): a hash stable across
    /// processes and versions (<see cref="Hash"/>) costs a tenth of a SHA-256 on every continued request.
    /// </remarks>
    public static string Name(string scheme, string path)
    {
        Span<char> name = stackalloc char[NamePrefix.Length + FingerprintLength];
        NamePrefix.CopyTo(name);
        Encode(Hash(Hash(Hash(OffsetBasis, scheme), "\n"), path), name[NamePrefix.Length..]);
        return new string(name);
    }

    /// <summary>
    /// What a cookie keeps of the token that opened its file, to know it again: a hash of the whole token, in the
    /// characters of the cookie's <c>token</c> field.
    /// </summary>
    /// <remarks>
    /// Knowing the token again is all it is for. A request carrying it is answered by the cookie, which proves what that
    /// token proved; a token made to collide would gain nothing the cookie alone does not give, so the hash need not be
    /// cryptographic, and a cheap one keeps a continued request from decoding its token.
    /// </remarks>
    public static string TokenFingerprint(ReadOnlySpan<char> token)
    {
        Span<char> fingerprint = stackalloc char[FingerprintLength];
        Encode(Hash(OffsetBasis, token), fingerprint);
        return new string(fingerprint);
    }

    /// <summary>
    /// The <c>token</c> field of a cookie value, the last but one, read without parsing the rest (which
    /// <see cref="TryParse"/> does before anything the value says is believed).
    /// </summary>
    public static ReadOnlySpan<char> ReadTokenFingerprint(ReadOnlySpan<char> value)
    {
        var lastDot = value.LastIndexOf('.');
        var start = lastDot < 0 ? -1 : value[..lastDot].LastIndexOf('.');
        return start < 0 ? [] : value[(start + 1)..lastDot];
    }

    /// <summary>Whether <paramref name="token"/> is the token whose <see cref="TokenFingerprint"/> the cookie keeps.</summary>
    public static bool IsFingerprintOf(ReadOnlySpan<char> fingerprint, ReadOnlySpan<char> token)
    {
        if (fingerprint.Length != FingerprintLength)
        {
            return false;
        }

        Span<char> actual = stackalloc char[FingerprintLength];
        Encode(Hash(OffsetBasis, token), actual);
        return fingerprint.SequenceEqual(actual);
    }

    /// <summary>
    /// The value of the first cookie named <paramref name="name"/> in the request's <c>Cookie</c> headers, as
    /// <c>Request.Cookies</c> would read it for a continuation's value (which needs no unescaping); empty when there is
    /// none.
    /// </summary>
    public static ReadOnlyMemory<char> Find(StringValues cookieHeaders, string name)
    {
        foreach (var header in cookieHeaders)
        {
            if (header is null)
            {
                continue;
            }

            var start = 0;
            while (start < header.Length)
            {
                var end = header.IndexOf(';', start);
                end = end < 0 ? header.Length : end;
                var pair = header.AsMemory(start, end - start).Trim(" \t");
                if (pair.Length > name.Length && pair.Span[name.Length] == '=' && pair.Span.StartsWith(name, StringComparison.Ordinal))
                {
                    return pair[(name.Length + 1)..];
                }

                start = end + 1;
            }
        }

        return ReadOnlyMemory<char>.Empty;
    }

    /// <summary>
    /// The bytes a continuation signs, written into a pooled buffer: the fields joined by line breaks after a fixed
    /// label. Disposing returns the buffer.
    /// </summary>
    /// <remarks>
    /// Every field a request supplies is signed in a form that cannot hold a line break (the <c>kid</c> and customer id
    /// base64url-encoded as the cookie carries them, the path escaped as a URI component), so no two sets of fields sign
    /// the same bytes. The label and the line breaks keep them apart from a JWS signing input, which is two base64url
    /// parts and a dot: a continuation's signature can never stand for a media token's, nor the reverse.
    /// </remarks>
    public readonly struct SigningInput : IDisposable
    {
        public SigningInput(
            string scheme,
            ReadOnlySpan<char> algorithm,
            ReadOnlySpan<char> encodedKeyId,
            ReadOnlySpan<char> encodedCustomerId,
            string escapedPath,
            long expires,
            MediaTokenDisposition disposition,
            ReadOnlySpan<char> tokenFingerprint)
        {
            var destination = Array = ArrayPool<byte>.Shared.Rent(
                SigningInputPrefix.Length
                + Encoding.UTF8.GetMaxByteCount(scheme.Length + algorithm.Length + encodedKeyId.Length + encodedCustomerId.Length + escapedPath.Length + tokenFingerprint.Length)
                + 20 // a long's digits and sign
                + 1 // the disposition's digit
                + 7); // the line breaks
            SigningInputPrefix.CopyTo(destination);
            var written = SigningInputPrefix.Length;
            written = AppendLine(destination, written, scheme);
            written = AppendLine(destination, written, algorithm);
            written = AppendLine(destination, written, encodedKeyId);
            written = AppendLine(destination, written, encodedCustomerId);
            written = AppendLine(destination, written, escapedPath);
            expires.TryFormat(destination.AsSpan(written), out var digits, provider: CultureInfo.InvariantCulture);
            written += digits;
            destination[written++] = (byte)'\n';
            destination[written++] = (byte)('0' + (int)disposition);
            destination[written++] = (byte)'\n';
            Length = written + Encoding.UTF8.GetBytes(tokenFingerprint, destination.AsSpan(written));
        }

        /// <summary>The pooled buffer; the input is its first <see cref="Length"/> bytes.</summary>
        public byte[] Array { get; }

        public int Length { get; }

        public void Dispose() => ArrayPool<byte>.Shared.Return(Array);

        private static int AppendLine(byte[] destination, int written, ReadOnlySpan<char> text)
        {
            written += Encoding.UTF8.GetBytes(text, destination.AsSpan(written));
            destination[written] = (byte)'\n';
            return written + 1;
        }
    }

    /// <summary>The cookie's value; <paramref name="encodedKeyId"/> and <paramref name="encodedCustomerId"/> are <see cref="EncodeText"/>'s.</summary>
    public static string Format(string algorithm, string encodedKeyId, long expires, MediaTokenDisposition disposition, string encodedCustomerId, string tokenFingerprint, byte[] signature) =>
        string.Join(
            '.',
            algorithm,
            encodedKeyId,
            expires.ToString(CultureInfo.InvariantCulture),
            ((int)disposition).ToString(CultureInfo.InvariantCulture),
            encodedCustomerId,
            tokenFingerprint,
            Base64Url.EncodeToString(signature));

    /// <summary>A <c>kid</c> or customer id as the cookie carries and signs it: its UTF-8, base64url-encoded.</summary>
    public static string EncodeText(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Splits a cookie value into its fields, checking each one's form; <see langword="false"/> when it is not a
    /// continuation. The <c>kid</c>, customer id and signature stay encoded (<see cref="TryDecode"/>).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, out Fields fields)
    {
        fields = default;
        if (value.Length > MaxLength)
        {
            return false;
        }

        Span<Range> ranges = stackalloc Range[8];
        if (value.Split(ranges, '.') != 7)
        {
            return false;
        }

        var algorithm = value[ranges[0]];
        var keyId = value[ranges[1]];
        var customerId = value[ranges[4]];
        var tokenFingerprint = value[ranges[5]];
        var signature = value[ranges[6]];
        if (algorithm.IsEmpty
            || !long.TryParse(value[ranges[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !TryParseDisposition(value[ranges[3]], out var disposition)
            || !IsBase64Url(keyId, out var keyIdLength)
            || !IsBase64Url(customerId, out var customerIdLength)
            || tokenFingerprint.Length != FingerprintLength
            || tokenFingerprint.ContainsAnyExcept(Base64UrlAlphabet)
            || !IsBase64Url(signature, out var signatureLength))
        {
            return false;
        }

        fields = new Fields(algorithm, keyId, keyIdLength, expires, disposition, customerId, customerIdLength, tokenFingerprint, signature, signatureLength);
        return true;
    }

    /// <summary>
    /// Decodes base64url text that <see cref="TryParse"/> accepted into <paramref name="destination"/>, which holds its
    /// decoded length; <see langword="false"/> when it does not decode to exactly that.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> encoded, Span<byte> destination) =>
        Base64Url.DecodeFromChars(encoded, destination, out _, out var written) == OperationStatus.Done && written == destination.Length;

    /// <summary>
    /// Whether <paramref name="encoded"/> is unpadded base64url and nothing else. <see cref="Base64Url.IsValid(ReadOnlySpan{char}, out int)"/>
    /// alone also passes padding and whitespace, some of which the decoder then refuses or skips: a value must be
    /// signed exactly as it is decoded.
    /// </summary>
    private static bool IsBase64Url(ReadOnlySpan<char> encoded, out int decodedLength)
    {
        decodedLength = 0;
        return !encoded.IsEmpty
            && !encoded.ContainsAnyExcept(Base64UrlAlphabet)
            && Base64Url.IsValid(encoded, out decodedLength)
            && decodedLength > 0;
    }

    /// <summary>
    /// FNV-1a over 64-bit words (four characters at a time, then the rest one by one): each step is a bijection of the
    /// state, so two inputs of the same length that differ in one word never hash alike. The words are read in the
    /// machine's order, little-endian on every platform .NET runs ASP.NET Core on, so every instance agrees.
    /// </summary>
    private static ulong Hash(ulong hash, ReadOnlySpan<char> chars)
    {
        const ulong Prime = 1099511628211;
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ulong>(chars);
        foreach (var word in words)
        {
            hash = (hash ^ word) * Prime;
        }

        foreach (var c in chars[(words.Length * 4)..])
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ (ulong)chars.Length) * Prime;
    }

    private static void Encode(ulong hash, Span<char> destination)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, hash);
        Base64Url.EncodeToChars(bytes, destination);
    }

    private static bool TryParseDisposition(ReadOnlySpan<char> digit, out MediaTokenDisposition disposition)
    {
        disposition = digit.Length == 1 ? (MediaTokenDisposition)(digit[0] - '0') : MediaTokenDisposition.Unspecified;
        return digit.Length == 1 && Enum.IsDefined(disposition);
    }

    /// <summary>
    /// A continuation as read from its cookie, before its signature is checked: spans over the cookie's value.
    /// </summary>
    public readonly ref struct Fields(
        ReadOnlySpan<char> algorithm,
        ReadOnlySpan<char> keyId,
        int keyIdLength,
        long expires,
        MediaTokenDisposition disposition,
        ReadOnlySpan<char> customerId,
        int customerIdLength,
        ReadOnlySpan<char> tokenFingerprint,
        ReadOnlySpan<char> signature,
        int signatureLength)
    {
        public ReadOnlySpan<char> Algorithm { get; } = algorithm;

        /// <summary>The <c>kid</c>, base64url-encoded UTF-8.</summary>
        public ReadOnlySpan<char> KeyId { get; } = keyId;

        /// <summary>The <c>kid</c>'s length once decoded.</summary>
        public int KeyIdLength { get; } = keyIdLength;

        public long Expires { get; } = expires;

        public MediaTokenDisposition Disposition { get; } = disposition;

        /// <summary>The customer id, base64url-encoded UTF-8.</summary>
        public ReadOnlySpan<char> CustomerId { get; } = customerId;

        /// <summary>The customer id's length once decoded.</summary>
        public int CustomerIdLength { get; } = customerIdLength;

        /// <summary>The <see cref="MediaTokenContinuationCookie.TokenFingerprint"/> of the token that opened the file.</summary>
        public ReadOnlySpan<char> Token { get; } = tokenFingerprint;

        /// <summary>The signature, base64url.</summary>
        public ReadOnlySpan<char> Signature { get; } = signature;

        /// <summary>The signature's length once decoded.</summary>
        public int SignatureLength { get; } = signatureLength;
    }
}
