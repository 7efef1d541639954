using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens.Keys;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// Validates media tokens for one scheme: size, signature (by <c>kid</c>, allow-listed algorithm matching the key),
/// <c>typ</c>, issuer, audience, subject, the form of a resource binding and of a disposition, then lifetime against
/// <see cref="TimeProvider"/> and the lifetime cap (a longer one for a token bound to a resource). Whether the request is for the bound resource is the handler's check, made on every request.
/// </summary>
/// <remarks>
/// <para>
/// A media token is a compact JWS, so it is read by <see cref="CompactJwsReader"/> in one pass over pooled buffers
/// instead of through <c>JsonWebTokenHandler</c>, which parses every claim into objects, looks its signature provider
/// up per call and builds an identity of every claim; those costs, not the cryptography, made up most of a request.
/// The signature is still checked by IdentityModel's <see cref="SignatureProvider"/>, made once per key and algorithm
/// by the key's <see cref="CryptoProviderFactory"/>. The reader is stricter than <c>JsonWebTokenHandler</c>, so this
/// never accepts a token the handler would refuse.
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

    private static readonly byte[] MediaTokenTypeUtf8 = Encoding.UTF8.GetBytes(MediaTokenWireNames.TokenType);
    private static readonly byte[] InlineUtf8 = Encoding.UTF8.GetBytes(MediaTokenWireNames.InlineDisposition);
    private static readonly byte[] AttachmentUtf8 = Encoding.UTF8.GetBytes(MediaTokenWireNames.AttachmentDisposition);

    [ThreadStatic]
    private static byte[]? t_signature;

    private readonly string _authenticationType;
    private readonly string _customerIdClaimType;
    private readonly string _issuer;
    private readonly byte[] _issuerUtf8;
    private readonly byte[] _audienceUtf8;
    private readonly int _maxTokenLength;
    private readonly TimeSpan _maxTokenLifetime;
    private readonly TimeSpan _maxResourceBoundTokenLifetime;
    private readonly TimeSpan _clockSkew;

    /// <summary>A validator of the given keys; every validator has its own cache, so new keys start with an empty one.</summary>
    public MediaTokenValidator(MediaTokenValidationParameters parameters, MediaTokenKeyRing keyRing)
    {
        _authenticationType = parameters.AuthenticationType;
        _customerIdClaimType = parameters.CustomerIdClaimType;
        _issuer = parameters.Issuer;
        _issuerUtf8 = Encoding.UTF8.GetBytes(parameters.Issuer);
        _audienceUtf8 = Encoding.UTF8.GetBytes(parameters.Audience);
        _maxTokenLength = parameters.MaxTokenLength;
        _maxTokenLifetime = parameters.MaxTokenLifetime;
        _maxResourceBoundTokenLifetime = parameters.MaxResourceBoundTokenLifetime;
        _clockSkew = parameters.ClockSkew;
        Keys = keyRing;
        // The cache's SHA-256 of a token costs about what an HMAC verify does, so only RSA and EC keys gain from it.
        Cache = parameters.ValidationCacheSize > 0 && keyRing.HasAsymmetricKey
            ? new MediaTokenValidationCache(parameters.ValidationCacheSize, parameters.ClockSkew)
            : null;
    }

    /// <summary>The keys this validator checks signatures with.</summary>
    public MediaTokenKeyRing Keys { get; }

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

        using var pooled = new TokenBuffer(token.Length);
        var buffer = pooled.Array;
        var ascii = buffer.AsSpan(0, token.Length);
        if (!CompactJwsReader.TryGetAscii(token, ascii))
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

    /// <summary>
    /// Whether the token says it has expired (its <c>exp</c> is past, beyond the clock skew), read without checking its
    /// signature. It only lets a continued request try the file's continuation cookie, which is checked in full, before
    /// the token's signature: a token that says so can never pass, since <c>exp</c> is checked after the signature.
    /// </summary>
    public bool SaysExpired(ReadOnlySpan<char> token, DateTimeOffset now)
    {
        if (token.Length == 0 || token.Length > _maxTokenLength)
        {
            return false;
        }

        using var pooled = new TokenBuffer(token.Length);
        var ascii = pooled.Array.AsSpan(0, token.Length);
        return CompactJwsReader.TryGetAscii(token, ascii)
            && CompactJwsReader.TrySplit(ascii, pooled.Array.AsSpan(token.Length), out var jws)
            && CompactJwsReader.TryReadClaims(jws.Claims, out var claims)
            && claims.Expires is { } expires
            && ValidatedMediaToken.IsExpiredAt(expires, now, _clockSkew);
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
        if (!CompactJwsReader.TrySplit(buffer.AsSpan(0, tokenLength), buffer.AsSpan(tokenLength), out var jws))
        {
            return Malformed();
        }

        var signature = SignatureBuffer(jws.SignatureLength);
        return jws.TryDecodeSignature(signature) ? ValidateDecodedToken(buffer, jws, signature, now) : Malformed();
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

    private MediaTokenValidationResult ValidateDecodedToken(byte[] signingInput, scoped in CompactJws jws, byte[] signature, DateTimeOffset now)
    {
        if (!CompactJwsReader.TryReadHeader(jws.Header, out var header))
        {
            return Malformed();
        }

        MediaTokenVerificationKey? key;
        MediaTokenVerifier? verifier;
        bool isMediaToken;
        try
        {
            // Every header value is read before any is judged: one that cannot be unescaped makes the token
            // malformed whatever else is wrong with it.
            Span<byte> algorithm = stackalloc byte[LongestAlgorithm];
            var algorithmLength = header.Algorithm.IsPresent && header.Algorithm.EncodedLength <= LongestAlgorithm
                ? header.Algorithm.CopyTo(algorithm)
                : -1;
            isMediaToken = header.Type.ValueEquals(MediaTokenTypeUtf8);
            key = header.KeyId.IsPresent ? FindKey(header.KeyId) : null;
            verifier = key is not null && algorithmLength >= 0 ? key.FindVerifier(algorithm[..algorithmLength]) : null;
        }
        catch (InvalidOperationException)
        {
            return Malformed();
        }

        if (key is null)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenUnknownKeyException(header.KeyId.EncodedLength));
        }

        if (verifier is null)
        {
            return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidAlgorithmException("The token's signing algorithm is not allowed."));
        }

        if (!VerifySignature(verifier, signingInput, jws.SigningInputLength, signature))
        {
            return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidSignatureException("The token's signature is invalid."));
        }

        if (!isMediaToken)
        {
            return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidTypeException("The token is not a media token."));
        }

        return CompactJwsReader.TryReadClaims(jws.Claims, out var claims) ? CheckClaims(claims, key.Key, now) : Malformed();
    }

    private MediaTokenValidationResult CheckClaims(scoped in JwsClaims claims, SecurityKey key, DateTimeOffset now)
    {
        bool hasValidIssuer, hasValidAudience;
        string? subject, resource;
        MediaTokenDisposition? disposition;
        try
        {
            // As with the header, every value is read before any is judged.
            hasValidIssuer = claims.Issuer.ValueEquals(_issuerUtf8);
            hasValidAudience = claims.Audience.Contains(_audienceUtf8);
            subject = claims.Subject.GetString();
            resource = claims.Resource.GetString();
            disposition = ReadDisposition(claims.Disposition);
        }
        catch (InvalidOperationException)
        {
            return Malformed();
        }

        if (disposition is null)
        {
            // A disposition this version does not know: presenting the file some other way than its signer asked is not
            // a choice to make silently.
            return Malformed();
        }

        if (!hasValidIssuer)
        {
            return MediaTokenValidationResult.Invalid(new SecurityTokenInvalidIssuerException("The token's issuer is invalid."));
        }

        if (!hasValidAudience)
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
        // stretch the window by back-dating one and not the other. A token bound to a resource opens that one file (or
        // folder), so it may live longer than one that opens every endpoint of the scheme.
        var earliest = Math.Min(iat, nbf);
        var validFrom = Math.Max(iat, nbf);
        var maxLifetime = resource is null ? _maxTokenLifetime : _maxResourceBoundTokenLifetime;
        if (ValidatedMediaToken.UnixTicks(exp) - ValidatedMediaToken.UnixTicks(earliest) > maxLifetime.Ticks)
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Lifetime, "The token's lifetime is longer than allowed."));
        }

        if (exp < validFrom)
        {
            // The clock skew would otherwise let such a token through for up to twice the skew.
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Lifetime, "The token expires before it is valid."));
        }

        if (resource is not null && !MediaTokenResource.IsCanonical(resource))
        {
            return MediaTokenValidationResult.Invalid(new MediaTokenRejectedException(MediaTokenRejectionReason.Resource, "The token's resource is not a canonical path."));
        }

        var token = new ValidatedMediaToken(subject ?? string.Empty, validFrom, exp, key, resource, disposition.Value);
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

    /// <summary>
    /// The disposition a <c>disp</c> claim names: <see cref="MediaTokenDisposition.Unspecified"/> when there is none,
    /// <see langword="null"/> when it is not exactly <c>inline</c> or <c>attachment</c>.
    /// </summary>
    private static MediaTokenDisposition? ReadDisposition(scoped in JwsString claim) =>
        !claim.IsPresent ? MediaTokenDisposition.Unspecified
        : claim.ValueEquals(InlineUtf8) ? MediaTokenDisposition.Inline
        : claim.ValueEquals(AttachmentUtf8) ? MediaTokenDisposition.Attachment
        : null;

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

    private MediaTokenVerificationKey? FindKey(scoped in JwsString keyId)
    {
        if (keyId.EncodedLength > Keys.LongestKeyId * 6)
        {
            // Longer than any configured kid even if every character were escaped.
            return null;
        }

        MediaTokenVerificationKey? key;
        if (keyId.EncodedLength <= LongestKeyIdOnStack)
        {
            Span<char> chars = stackalloc char[LongestKeyIdOnStack];
            Keys.TryGetKey(chars[..keyId.CopyTo(chars)], out key);
        }
        else
        {
            Keys.TryGetKey(keyId.GetString(), out key);
        }

        return key;
    }

    private static MediaTokenValidationResult Malformed() =>
        MediaTokenValidationResult.Invalid(new SecurityTokenMalformedException("The token is malformed."));

    /// <summary>
    /// A pooled buffer for one token: the first half holds it as ASCII (the JWS signing input is its bytes), the second
    /// its decoded parts. Disposing wipes it, since it held a bearer credential the next renter must not find.
    /// </summary>
    private readonly struct TokenBuffer : IDisposable
    {
        private readonly int _length;

        public TokenBuffer(int tokenLength)
        {
            _length = tokenLength * 2;
            Array = ArrayPool<byte>.Shared.Rent(_length);
        }

        public byte[] Array { get; }

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(Array.AsSpan(0, _length));
            ArrayPool<byte>.Shared.Return(Array);
        }
    }
}
