using System.Buffers;
using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Validates media tokens for one scheme: size, signature (by <c>kid</c>, allow-listed algorithm matching the key),
/// <c>typ</c>, issuer, audience, subject, the form of a resource binding, then lifetime against <see cref="TimeProvider"/>
/// and the lifetime cap. Whether the request is for the bound resource is the handler's check, made on every request.
/// </summary>
/// <remarks>
/// <para>
/// A media token is a compact JWS, so it is read here in one pass over pooled buffers instead of through
/// <c>JsonWebTokenHandler</c>, which parses every claim into objects, looks its signature provider up per call and
/// builds an identity of every claim; those costs, not the cryptography, made up most of a request. The signature is
/// still checked by IdentityModel's <see cref="SignatureProvider"/>, made once per key and algorithm by the key's
/// <see cref="CryptoProviderFactory"/>. The reader is stricter than <c>JsonWebTokenHandler</c>: it refuses anything
/// that is not exactly three base64url parts, duplicate header or claim names it checks, <c>crit</c>, and
/// non-integer times; it never accepts a token the handler would refuse.
/// </para>
/// <para>
/// Lifetime is checked here rather than by IdentityModel because IdentityModel reads the system clock, not
/// <see cref="TimeProvider"/>, and its default clock skew is five minutes.
/// </para>
/// </remarks>
internal sealed class MediaTokenValidator
{
    private const int LongestAlgorithm = 64;
    private const int LongestKeyIdOnStack = 128;

    private static readonly byte[] MediaTokenTypeUtf8 = Encoding.UTF8.GetBytes(MediaTokenDefaults.TokenType);
    private static readonly byte[] ResourceClaimUtf8 = Encoding.UTF8.GetBytes(MediaTokenDefaults.ResourceClaim);

    private static readonly SearchValues<byte> CompactJwsCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    [ThreadStatic]
    private static byte[]? t_signature;

    private readonly string _authenticationType;
    private readonly string _customerIdClaimType;
    private readonly string _issuer;
    private readonly byte[] _issuerUtf8;
    private readonly byte[] _audienceUtf8;
    private readonly int _maxTokenLength;
    private readonly TimeSpan _maxTokenLifetime;
    private readonly TimeSpan _clockSkew;
    private readonly MediaTokenKeyRing _keyRing;

    public MediaTokenValidator(string authenticationScheme, MediaTokenOptions options)
        : this(authenticationScheme, options, options.KeyRing)
    {
    }

    /// <summary>A validator of the given keys; every validator has its own cache, so new keys start with an empty one.</summary>
    public MediaTokenValidator(string authenticationScheme, MediaTokenOptions options, MediaTokenKeyRing keyRing)
    {
        _authenticationType = authenticationScheme;
        _customerIdClaimType = options.CustomerIdClaimType;
        _issuer = options.Issuer;
        _issuerUtf8 = Encoding.UTF8.GetBytes(options.Issuer);
        _audienceUtf8 = Encoding.UTF8.GetBytes(options.Audience);
        _maxTokenLength = options.MaxTokenLength;
        _maxTokenLifetime = options.MaxTokenLifetime;
        _clockSkew = options.ClockSkew;
        _keyRing = keyRing;
        // The cache's SHA-256 of a token costs about what an HMAC verify does, so only RSA and EC keys gain from it.
        Cache = options.ValidationCacheSize > 0 && _keyRing.HasAsymmetricKey
            ? new MediaTokenValidationCache(options.ValidationCacheSize, options.ClockSkew)
            : null;
    }

    /// <summary>
    /// The tokens this validator has accepted, or <see langword="null"/> when the cache is turned off.
    /// </summary>
    public MediaTokenValidationCache? Cache { get; }

    public MediaTokenValidationResult Validate(ReadOnlySpan<char> token, DateTimeOffset now)
    {
        if (token.Length == 0)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Malformed, "The token is empty."));
        }

        if (token.Length > _maxTokenLength)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.TooLong, "The token is longer than allowed."));
        }

        // The first half holds the token as ASCII (the JWS signing input is its bytes); the second, the decoded parts.
        var buffer = ArrayPool<byte>.Shared.Rent(token.Length * 2);
        try
        {
            var ascii = buffer.AsSpan(0, token.Length);
            if (Ascii.FromUtf16(token, ascii, out _) != OperationStatus.Done || ascii.ContainsAnyExcept(CompactJwsCharacters))
            {
                return Malformed();
            }

            if (Cache is null)
            {
                return ValidateSignedToken(buffer, token.Length, now);
            }

            var digest = MediaTokenDigest.Compute(ascii);
            if (Cache.TryGet(digest, out var cached))
            {
                if (CheckTimes(cached!, now) is not { } timeFailure)
                {
                    return MediaTokenValidationResult.Valid(cached!, fromCache: true);
                }

                if (timeFailure is SecurityTokenExpiredException)
                {
                    Cache.Remove(digest);
                }

                return MediaTokenValidationResult.Invalid(timeFailure);
            }

            var result = ValidateSignedToken(buffer, token.Length, now);
            if (result.IsValid)
            {
                Cache.Add(digest, result.Token, now);
            }

            return result;
        }
        finally
        {
            // The buffer held a bearer credential; the next renter must not find it.
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, token.Length * 2));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The identity a validated token signs in: the customer id and nothing else.
    /// </summary>
    public ClaimsIdentity CreateIdentity(ValidatedMediaToken token) => new(
        [new Claim(_customerIdClaimType, token.Subject, ClaimValueTypes.String, _issuer)],
        _authenticationType,
        nameType: _customerIdClaimType,
        roleType: ClaimTypes.Role);

    private MediaTokenValidationResult ValidateSignedToken(byte[] buffer, int tokenLength, DateTimeOffset now)
    {
        var token = buffer.AsSpan(0, tokenLength);
        var headerEnd = token.IndexOf((byte)'.');
        var payloadLength = headerEnd < 0 ? -1 : token[(headerEnd + 1)..].IndexOf((byte)'.');
        if (headerEnd <= 0 || payloadLength <= 0)
        {
            return Malformed();
        }

        var signingInputLength = headerEnd + 1 + payloadLength;
        var encodedSignature = token[(signingInputLength + 1)..];
        if (encodedSignature.Contains((byte)'.'))
        {
            return Malformed();
        }

        var decoded = buffer.AsSpan(tokenLength);
        if (!TryDecode(token[..headerEnd], decoded, out var headerLength)
            || !TryDecode(token[(headerEnd + 1)..signingInputLength], decoded[headerLength..], out var claimsLength)
            || !Utf8.IsValid(decoded[..(headerLength + claimsLength)]))
        {
            return Malformed();
        }

        var signature = SignatureBuffer(Base64Url.GetMaxDecodedLength(encodedSignature.Length));
        return TryDecode(encodedSignature, signature, out var signatureLength) && signatureLength == signature.Length
            ? ValidateDecodedToken(buffer, signingInputLength, decoded[..headerLength], decoded.Slice(headerLength, claimsLength), signature, now)
            : Malformed();
    }

    /// <summary>
    /// An array exactly as long as the signature: IdentityModel's providers ignore a signature offset and copy a
    /// signature shorter than its array, so a pooled array would not do. A scheme's signatures all have one length,
    /// so the thread's last array is almost always the right one.
    /// </summary>
    private static byte[] SignatureBuffer(int length)
    {
        var signature = t_signature;
        if (signature is null || signature.Length != length)
        {
            t_signature = signature = new byte[length];
        }

        return signature;
    }

    private MediaTokenValidationResult ValidateDecodedToken(
        byte[] signingInput, int signingInputLength, ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> claimsJson, byte[] signature, DateTimeOffset now)
    {
        JwsHeader header;
        JwsClaims claims;
        try
        {
            if (!TryReadHeader(headerJson, out header))
            {
                return Malformed();
            }

            if (header.Key is null)
            {
                return MediaTokenValidationResult.Invalid(new MediaTokenUnknownKeyException(header.KeyIdLength));
            }

            if (header.Verifier is null)
            {
                return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidAlgorithmException("The token's signing algorithm is not allowed."));
            }

            if (!VerifySignature(header.Verifier, signingInput, signingInputLength, signature))
            {
                return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidSignatureException("The token's signature is invalid."));
            }

            if (!header.HasMediaTokenType)
            {
                return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidTypeException("The token is not a media token."));
            }

            if (!TryReadClaims(claimsJson, out claims))
            {
                return Malformed();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Utf8JsonReader reports malformed JSON and unreadable strings (a lone escaped surrogate) only by throwing;
            // well-formed tokens never get here.
            return Malformed();
        }

        return CheckClaims(claims, header.Key.Key, now);
    }

    private MediaTokenValidationResult CheckClaims(in JwsClaims claims, SecurityKey key, DateTimeOffset now)
    {
        if (!claims.HasValidIssuer)
        {
            return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidIssuerException("The token's issuer is invalid."));
        }

        if (!claims.HasValidAudience)
        {
            return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidAudienceException("The token's audience is invalid."));
        }

        if (claims.Expires is not { } exp)
        {
            return MediaTokenValidationResult.Invalid(new SecurityTokenNoExpirationException("The token has no expiration time."));
        }

        // Either time stands in for the other when it is missing.
        if ((claims.IssuedAt ?? claims.NotBefore) is not { } iat || (claims.NotBefore ?? claims.IssuedAt) is not { } nbf)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Lifetime, "The token has neither an issue time nor a not-before time."));
        }

        // A token is valid from the later of iat and nbf, and its lifetime counts from the earlier: a signer cannot
        // stretch the window by back-dating one and not the other.
        var earliest = Math.Min(iat, nbf);
        var validFrom = Math.Max(iat, nbf);
        if (ValidatedMediaToken.UnixTicks(exp) - ValidatedMediaToken.UnixTicks(earliest) > _maxTokenLifetime.Ticks)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Lifetime, "The token's lifetime is longer than allowed."));
        }

        if (exp < validFrom)
        {
            // The clock skew would otherwise let such a token through for up to twice the skew.
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Lifetime, "The token expires before it is valid."));
        }

        if (claims.Resource is { } resource && !MediaTokenResource.IsCanonical(resource))
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Resource, "The token's resource is not a canonical path."));
        }

        var token = new ValidatedMediaToken(claims.Subject ?? string.Empty, validFrom, exp, key, claims.Resource);
        if (CheckTimes(token, now) is { } timeFailure)
        {
            return MediaTokenValidationResult.Invalid(timeFailure);
        }

        if (token.Subject.Length == 0)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Subject, "The token has no subject."));
        }

        return MediaTokenValidationResult.Valid(token);
    }

    private Exception? CheckTimes(ValidatedMediaToken token, DateTimeOffset now)
    {
        if (token.IsExpiredAt(now, _clockSkew))
        {
            return new SecurityTokenExpiredException("The token has expired.") { Expires = ValidatedMediaToken.ToDateTime(token.Expires) };
        }

        if (token.IsNotYetValidAt(now, _clockSkew))
        {
            return new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = ValidatedMediaToken.ToDateTime(token.ValidFrom) };
        }

        return null;
    }

    private static bool VerifySignature(MediaTokenVerifier verifier, byte[] signingInput, int signingInputLength, byte[] signature)
    {
        if (signature.Length == 0 || (verifier.RequiredSignatureLength != 0 && signature.Length != verifier.RequiredSignatureLength))
        {
            return false;
        }

        try
        {
            return verifier.Provider.Verify(signingInput, 0, signingInputLength, signature, 0, signature.Length);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private bool TryReadHeader(ReadOnlySpan<byte> json, out JwsHeader header)
    {
        header = default;
        Span<byte> algorithm = stackalloc byte[LongestAlgorithm];
        var algorithmLength = -1;
        var seen = Member.None;
        var reader = new Utf8JsonReader(json);
        if (!TryReadObjectStart(ref reader))
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("alg"u8))
            {
                if (!TryReadString(ref reader, ref seen, Member.Alg))
                {
                    return false;
                }

                algorithmLength = reader.ValueSpan.Length <= LongestAlgorithm ? reader.CopyString(algorithm) : -1;
            }
            else if (reader.ValueTextEquals("typ"u8))
            {
                if (!TryReadString(ref reader, ref seen, Member.Typ))
                {
                    return false;
                }

                header.HasMediaTokenType = reader.ValueTextEquals(MediaTokenTypeUtf8);
            }
            else if (reader.ValueTextEquals("kid"u8))
            {
                if (!TryReadString(ref reader, ref seen, Member.Kid))
                {
                    return false;
                }

                header.KeyIdLength = reader.ValueSpan.Length;
                header.Key = FindKey(ref reader);
            }
            else if (reader.ValueTextEquals("crit"u8))
            {
                // No extension is understood, so a token that makes one critical must be refused (RFC 7515 §4.1.11).
                return false;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (!IsObjectEnd(ref reader))
        {
            return false;
        }

        if (header.Key is not null && algorithmLength >= 0)
        {
            header.Verifier = header.Key.FindVerifier(algorithm[..algorithmLength]);
        }

        return true;
    }

    private MediaTokenVerificationKey? FindKey(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > _keyRing.LongestKeyId * 6)
        {
            // Longer than any configured kid even if every character were escaped.
            return null;
        }

        MediaTokenVerificationKey? key;
        if (reader.ValueSpan.Length <= LongestKeyIdOnStack)
        {
            Span<char> keyId = stackalloc char[LongestKeyIdOnStack];
            _keyRing.TryGetKey(keyId[..reader.CopyString(keyId)], out key);
        }
        else
        {
            _keyRing.TryGetKey(reader.GetString(), out key);
        }

        return key;
    }

    private bool TryReadClaims(ReadOnlySpan<byte> json, out JwsClaims claims)
    {
        claims = default;
        var seen = Member.None;
        var reader = new Utf8JsonReader(json);
        if (!TryReadObjectStart(ref reader))
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("iss"u8))
            {
                if (!TryReadString(ref reader, ref seen, Member.Iss))
                {
                    return false;
                }

                claims.HasValidIssuer = reader.ValueTextEquals(_issuerUtf8);
            }
            else if (reader.ValueTextEquals("aud"u8))
            {
                if (!TryReadAudience(ref reader, ref seen, out var audienceMatches))
                {
                    return false;
                }

                claims.HasValidAudience = audienceMatches;
            }
            else if (reader.ValueTextEquals("sub"u8))
            {
                if (!TryReadString(ref reader, ref seen, Member.Sub))
                {
                    return false;
                }

                claims.Subject = reader.GetString();
            }
            else if (reader.ValueTextEquals("exp"u8))
            {
                if (!TryReadSeconds(ref reader, ref seen, Member.Exp, out var exp))
                {
                    return false;
                }

                claims.Expires = exp;
            }
            else if (reader.ValueTextEquals("iat"u8))
            {
                if (!TryReadSeconds(ref reader, ref seen, Member.Iat, out var iat))
                {
                    return false;
                }

                claims.IssuedAt = iat;
            }
            else if (reader.ValueTextEquals("nbf"u8))
            {
                if (!TryReadSeconds(ref reader, ref seen, Member.Nbf, out var nbf))
                {
                    return false;
                }

                claims.NotBefore = nbf;
            }
            else if (reader.ValueTextEquals(ResourceClaimUtf8))
            {
                if (!TryReadString(ref reader, ref seen, Member.Res))
                {
                    return false;
                }

                claims.Resource = reader.GetString();
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return IsObjectEnd(ref reader);
    }

    private bool TryReadAudience(ref Utf8JsonReader reader, ref Member seen, out bool matches)
    {
        matches = false;
        if (!TryMarkSeen(ref seen, Member.Aud) || !reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            matches = reader.ValueTextEquals(_audienceUtf8);
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            matches |= reader.ValueTextEquals(_audienceUtf8);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>
    /// Moves to the value of a property this reader checks, refusing a second occurrence (which a lenient parser might
    /// resolve differently) and a value that is not a string.
    /// </summary>
    private static bool TryReadString(ref Utf8JsonReader reader, ref Member seen, Member member) =>
        TryMarkSeen(ref seen, member) && reader.Read() && reader.TokenType == JsonTokenType.String;

    private static bool TryReadSeconds(ref Utf8JsonReader reader, ref Member seen, Member member, out long seconds)
    {
        seconds = 0;
        return TryMarkSeen(ref seen, member) && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out seconds);
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

    private static bool TryReadObjectStart(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.StartObject;

    // The root object is closed and nothing but whitespace follows it.
    private static bool IsObjectEnd(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.EndObject && !reader.Read();

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static bool TryDecode(ReadOnlySpan<byte> base64Url, Span<byte> destination, out int written) =>
        Base64Url.DecodeFromUtf8(base64Url, destination, out _, out written) == OperationStatus.Done;

    private static MediaTokenValidationResult Malformed() =>
        MediaTokenValidationResult.Invalid(new SecurityTokenMalformedException("The token is malformed."));

    /// <summary>The header parameters and claims this reader checks, each of which may appear once.</summary>
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
    }

    private struct JwsHeader
    {
        public MediaTokenVerificationKey? Key;
        public int KeyIdLength;
        public MediaTokenVerifier? Verifier;
        public bool HasMediaTokenType;
    }

    private struct JwsClaims
    {
        public bool HasValidIssuer;
        public bool HasValidAudience;
        public string? Subject;
        public long? Expires;
        public long? IssuedAt;
        public long? NotBefore;
        public string? Resource;
    }
}
