using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// Reads a media token's compact JWS (RFC 7515 §7.1) without judging it: the three base64url parts, then the header
/// and the claims, each a JSON object, into values the validator checks. It allocates nothing; the strings it reads
/// stay where they lie in the decoded JSON until the validator asks for them.
/// </summary>
/// <remarks>
/// It is stricter than <c>JsonWebTokenHandler</c>: it refuses anything that is not exactly three base64url parts
/// (no padding, no whitespace), JSON that is not one object with nothing after it, a second occurrence of a member
/// it reads (which a lenient parser might resolve differently), a member of the wrong JSON type, <c>crit</c>
/// (no extension is understood, RFC 7515 §4.1.11) and times that are not integers that fit in a <see cref="long"/>.
/// The validator reads the header before the signature is checked and the claims only after, so a forger's claims
/// decide nothing; the one earlier read, <c>MediaTokenValidator.SaysExpired</c>, only orders a continued request's
/// checks.
/// </remarks>
internal static class CompactJwsReader
{
    private static readonly byte[] ResourceClaimUtf8 = Encoding.UTF8.GetBytes(MediaTokenWireNames.ResourceClaim);
    private static readonly byte[] DispositionClaimUtf8 = Encoding.UTF8.GetBytes(MediaTokenWireNames.DispositionClaim);

    private static readonly SearchValues<byte> CompactJwsCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    /// <summary>
    /// Writes <paramref name="token"/> to <paramref name="ascii"/> (as long as the token) as the ASCII bytes a JWS
    /// signing input is made of, refusing any character that is neither base64url nor a dot.
    /// </summary>
    public static bool TryGetAscii(ReadOnlySpan<char> token, Span<byte> ascii) =>
        Ascii.FromUtf16(token, ascii, out _) == OperationStatus.Done && !ascii.ContainsAnyExcept(CompactJwsCharacters);

    /// <summary>
    /// Splits a token that <see cref="TryGetAscii"/> wrote into its three parts and decodes the header and the claims
    /// into <paramref name="decoded"/>, which must be at least as long as the token.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> token, Span<byte> decoded, out CompactJws jws)
    {
        Debug.Assert(!token.ContainsAnyExcept(CompactJwsCharacters), "The token was not checked by TryGetAscii.");
        jws = default;
        var headerEnd = token.IndexOf((byte)'.');
        var claimsLength = headerEnd < 0 ? -1 : token[(headerEnd + 1)..].IndexOf((byte)'.');
        if (headerEnd <= 0 || claimsLength <= 0)
        {
            return false;
        }

        var signingInputLength = headerEnd + 1 + claimsLength;
        var encodedSignature = token[(signingInputLength + 1)..];
        if (encodedSignature.Contains((byte)'.')
            || !TryDecode(token[..headerEnd], decoded, out var headerJsonLength)
            || !TryDecode(token[(headerEnd + 1)..signingInputLength], decoded[headerJsonLength..], out var claimsJsonLength)
            || !Utf8.IsValid(decoded[..(headerJsonLength + claimsJsonLength)]))
        {
            return false;
        }

        jws = new CompactJws(
            decoded[..headerJsonLength], decoded.Slice(headerJsonLength, claimsJsonLength), signingInputLength, encodedSignature);
        return true;
    }

    /// <summary>Reads the header's <c>alg</c>, <c>typ</c> and <c>kid</c>.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> json, out JwsHeader header)
    {
        var members = new HeaderMembers();
        var read = TryReadObject(json, ref members);
        header = read ? new JwsHeader(members.Algorithm, members.Type, members.KeyId) : default;
        return read;
    }

    /// <summary>Reads the claims' <c>iss</c>, <c>aud</c>, <c>sub</c>, <c>exp</c>, <c>iat</c>, <c>nbf</c>, <c>res</c> and <c>disp</c>.</summary>
    public static bool TryReadClaims(ReadOnlySpan<byte> json, out JwsClaims claims)
    {
        var members = new ClaimMembers();
        var read = TryReadObject(json, ref members);
        claims = read
            ? new JwsClaims(members.Issuer, members.Audience, members.Subject, members.Expires, members.IssuedAt, members.NotBefore, members.Resource, members.Disposition)
            : default;
        return read;
    }

    /// <summary>
    /// Reads one JSON object, nothing after it, handing each member name to <paramref name="members"/>, which reads the
    /// value of a member it knows and skips any other.
    /// </summary>
    private static bool TryReadObject<TMembers>(ReadOnlySpan<byte> json, ref TMembers members)
        where TMembers : struct, IObjectMembers, allows ref struct
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seen = Member.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!members.TryRead(ref reader, json, ref seen))
                {
                    return false;
                }
            }

            // The root object is closed and nothing but whitespace follows it.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Utf8JsonReader reports malformed JSON, and a member name it cannot unescape, only by throwing.
            return false;
        }
    }

    /// <summary>An audience is one string or an array of strings.</summary>
    private static bool TryReadAudience(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json, scoped ref Member seen, out JwsAudience audience)
    {
        audience = default;
        if (!TryMarkSeen(ref seen, Member.Aud) || !reader.Read())
        {
            return false;
        }

        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.String)
        {
            audience = new JwsAudience(json[start..(int)reader.BytesConsumed]);
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        audience = new JwsAudience(json[start..(int)reader.BytesConsumed]);
        return true;
    }

    private static bool TryReadString(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json, scoped ref Member seen, Member member, out JwsString value)
    {
        value = default;
        if (!TryMarkSeen(ref seen, member) || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        value = new JwsString(json[(int)reader.TokenStartIndex..(int)reader.BytesConsumed], reader.ValueIsEscaped);
        return true;
    }

    private static bool TryReadSeconds(ref Utf8JsonReader reader, ref Member seen, Member member, out long? seconds)
    {
        seconds = null;
        if (!TryMarkSeen(ref seen, member) || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            return false;
        }

        seconds = value;
        return true;
    }

    private static bool TryMarkSeen(ref Member seen, Member member)
    {
        if ((seen & member) != 0)
        {
            return false;
        }

        seen |= member;
        return true;
    }

    private static bool SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<byte> base64Url, Span<byte> destination, out int written) =>
        Base64Url.DecodeFromUtf8(base64Url, destination, out _, out written) == OperationStatus.Done;

    /// <summary>The members of one JSON object that <see cref="TryReadObject"/> hands names to.</summary>
    private interface IObjectMembers
    {
        /// <summary>
        /// Reads the value of the member whose name <paramref name="reader"/> is on, or skips it; <see langword="false"/>
        /// refuses the object.
        /// </summary>
        bool TryRead(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref Member seen);
    }

    /// <summary>The header parameters read; <c>crit</c> refuses the header.</summary>
    private ref struct HeaderMembers : IObjectMembers
    {
        public JwsString Algorithm;
        public JwsString Type;
        public JwsString KeyId;

        public bool TryRead(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref Member seen) =>
            reader.ValueTextEquals("alg"u8) ? TryReadString(ref reader, json, ref seen, Member.Alg, out Algorithm)
            : reader.ValueTextEquals("typ"u8) ? TryReadString(ref reader, json, ref seen, Member.Typ, out Type)
            : reader.ValueTextEquals("kid"u8) ? TryReadString(ref reader, json, ref seen, Member.Kid, out KeyId)
            : !reader.ValueTextEquals("crit"u8) && SkipValue(ref reader);
    }

    /// <summary>The claims read.</summary>
    private ref struct ClaimMembers : IObjectMembers
    {
        public JwsString Issuer;
        public JwsAudience Audience;
        public JwsString Subject;
        public long? Expires;
        public long? IssuedAt;
        public long? NotBefore;
        public JwsString Resource;
        public JwsString Disposition;

        public bool TryRead(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref Member seen) =>
            reader.ValueTextEquals("iss"u8) ? TryReadString(ref reader, json, ref seen, Member.Iss, out Issuer)
            : reader.ValueTextEquals("aud"u8) ? TryReadAudience(ref reader, json, ref seen, out Audience)
            : reader.ValueTextEquals("sub"u8) ? TryReadString(ref reader, json, ref seen, Member.Sub, out Subject)
            : reader.ValueTextEquals("exp"u8) ? TryReadSeconds(ref reader, ref seen, Member.Exp, out Expires)
            : reader.ValueTextEquals("iat"u8) ? TryReadSeconds(ref reader, ref seen, Member.Iat, out IssuedAt)
            : reader.ValueTextEquals("nbf"u8) ? TryReadSeconds(ref reader, ref seen, Member.Nbf, out NotBefore)
            : reader.ValueTextEquals(ResourceClaimUtf8) ? TryReadString(ref reader, json, ref seen, Member.Res, out Resource)
            : reader.ValueTextEquals(DispositionClaimUtf8) ? TryReadString(ref reader, json, ref seen, Member.Disp, out Disposition)
            : SkipValue(ref reader);
    }

    /// <summary>The header parameters and claims this reader reads, each of which may appear once.</summary>
    [Flags]
    private enum Member
    {
        None = 0,
        Alg = 1,
        Typ = 2,
        Kid = 4,
        Iss = 8,
        Aud = 16,
        Sub = 32,
        Exp = 64,
        Iat = 128,
        Nbf = 256,
        Res = 512,
        Disp = 1024,
    }
}

/// <summary>
/// The parts of a compact JWS: the decoded header and claims JSON, the length of the signing input (the token's
/// first two parts and the dot between them) and the still encoded signature.
/// </summary>
internal readonly ref struct CompactJws(ReadOnlySpan<byte> header, ReadOnlySpan<byte> claims, int signingInputLength, ReadOnlySpan<byte> encodedSignature)
{
    public ReadOnlySpan<byte> Header { get; } = header;

    public ReadOnlySpan<byte> Claims { get; } = claims;

    public int SigningInputLength { get; } = signingInputLength;

    /// <summary>How long the decoded signature is, if it decodes.</summary>
    public int SignatureLength => Base64Url.GetMaxDecodedLength(_encodedSignature.Length);

    private readonly ReadOnlySpan<byte> _encodedSignature = encodedSignature;

    /// <summary>Decodes the signature into <paramref name="destination"/>, which is <see cref="SignatureLength"/> long.</summary>
    public bool TryDecodeSignature(Span<byte> destination) =>
        Base64Url.DecodeFromUtf8(_encodedSignature, destination, out _, out var written) == OperationStatus.Done && written == destination.Length;
}

/// <summary>The header parameters a media token's validation reads; a missing one is <see langword="default"/>.</summary>
internal readonly ref struct JwsHeader(JwsString algorithm, JwsString type, JwsString keyId)
{
    public JwsString Algorithm { get; } = algorithm;

    public JwsString Type { get; } = type;

    public JwsString KeyId { get; } = keyId;
}

/// <summary>The claims a media token's validation reads; a missing one is <see langword="default"/> or <see langword="null"/>.</summary>
internal readonly ref struct JwsClaims(
    JwsString issuer, JwsAudience audience, JwsString subject, long? expires, long? issuedAt, long? notBefore, JwsString resource, JwsString disposition)
{
    public JwsString Issuer { get; } = issuer;

    public JwsAudience Audience { get; } = audience;

    public JwsString Subject { get; } = subject;

    /// <summary><c>exp</c>, in seconds since the Unix epoch.</summary>
    public long? Expires { get; } = expires;

    /// <summary><c>iat</c>, in seconds since the Unix epoch.</summary>
    public long? IssuedAt { get; } = issuedAt;

    /// <summary><c>nbf</c>, in seconds since the Unix epoch.</summary>
    public long? NotBefore { get; } = notBefore;

    public JwsString Resource { get; } = resource;

    public JwsString Disposition { get; } = disposition;
}

/// <summary>
/// A JSON string where it lies in a header or claims, read as <see cref="Utf8JsonReader"/> reads its value: an
/// escape is undone only when the value is used, and one that cannot be (a lone escaped surrogate) throws
/// <see cref="InvalidOperationException"/> then, as <see cref="Utf8JsonReader"/> does.
/// </summary>
internal readonly ref struct JwsString(ReadOnlySpan<byte> json, bool isEscaped)
{
    // The JSON string token, quotes included, so that an escaped value can be read again by a Utf8JsonReader.
    private readonly ReadOnlySpan<byte> _json = json;
    private readonly bool _isEscaped = isEscaped;

    public bool IsPresent => !_json.IsEmpty;

    /// <summary>The length of the value as written, escapes included; 0 when the member is missing.</summary>
    public int EncodedLength => IsPresent ? _json.Length - 2 : 0;

    private ReadOnlySpan<byte> Encoded => _json[1..^1];

    public bool ValueEquals(ReadOnlySpan<byte> utf8) =>
        IsPresent && (_isEscaped ? Reread().ValueTextEquals(utf8) : Encoded.SequenceEqual(utf8));

    /// <summary>Copies the UTF-8 value to <paramref name="destination"/>, which is at least <see cref="EncodedLength"/> long.</summary>
    public int CopyTo(Span<byte> destination)
    {
        if (_isEscaped)
        {
            return Reread().CopyString(destination);
        }

        Encoded.CopyTo(destination);
        return Encoded.Length;
    }

    /// <summary>Copies the value to <paramref name="destination"/>, which is at least <see cref="EncodedLength"/> long.</summary>
    public int CopyTo(Span<char> destination) =>
        _isEscaped ? Reread().CopyString(destination) : Encoding.UTF8.GetChars(Encoded, destination);

    public string? GetString() =>
        !IsPresent ? null : _isEscaped ? Reread().GetString() : Encoding.UTF8.GetString(Encoded);

    private Utf8JsonReader Reread()
    {
        var reader = new Utf8JsonReader(_json);
        reader.Read();
        return reader;
    }
}

/// <summary>An <c>aud</c> claim where it lies in the claims: one string or an array of strings.</summary>
internal readonly ref struct JwsAudience(ReadOnlySpan<byte> json)
{
    private readonly ReadOnlySpan<byte> _json = json;

    /// <summary>
    /// Whether <paramref name="utf8"/> is the audience or one of them. Every element is compared, so that one that
    /// cannot be unescaped throws (see <see cref="JwsString"/>) wherever it stands.
    /// </summary>
    public bool Contains(ReadOnlySpan<byte> utf8)
    {
        if (_json.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(_json);
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueTextEquals(utf8);
        }

        var contains = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            contains |= reader.ValueTextEquals(utf8);
        }

        return contains;
    }
}
