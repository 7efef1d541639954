using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.MediaTokens.Continuation;

/// <summary>
/// Lets the browser that opened a file with a valid media token keep reading that file after the token expired: the
/// first response sets a cookie signed with the scheme's signing key for that customer, that path and the token's
/// disposition, and a later request for the same path without a token, or with the expired one, is authenticated by the
/// cookie, with the same disposition, until <c>MediaTokenOptions.ContinuationLifetime</c> after the token's expiry.
/// </summary>
/// <remarks>
/// Only endpoints marked with <see cref="MediaTokenContinuationMetadata"/> set or read the cookie. Nothing is kept on
/// the server: the cookie is checked with the scheme's current keys, so any instance sharing them accepts it, and
/// removing its key refuses it. A validation-only scheme (a JWKS) cannot sign, so it sets no cookie. The handler
/// hands in the scheme's lifetime, signing credentials and validator, so this folder depends on validation only.
/// </remarks>
internal static class MediaTokenContinuation
{
    /// <summary>The most bytes of <c>kid</c> and customer id decoded on the stack, and of <c>kid</c> looked up there.</summary>
    private const int TextOnStack = 256;

    /// <summary>Whether the request's endpoint opted in and the scheme has continuation turned on.</summary>
    public static bool Applies(HttpContext context, TimeSpan lifetime) =>
        lifetime > TimeSpan.Zero
        && context.GetEndpoint()?.Metadata.GetMetadata<MediaTokenContinuationMetadata>() is not null;

    /// <summary>
    /// Sets the continuation cookie of the file a validated <paramref name="token"/> (<paramref name="tokenText"/>) just
    /// opened, when the endpoint opted in and the scheme can sign.
    /// </summary>
    public static void Grant(HttpContext context, string scheme, TimeSpan lifetime, SigningCredentials? signingCredentials, ValidatedMediaToken token, ReadOnlySpan<char> tokenText)
    {
        if (!Applies(context, lifetime)
            || signingCredentials is not { Key.KeyId: { Length: > 0 } keyId } credentials
            || EscapedPath(context.Request) is not { } cookiePath)
        {
            return;
        }

        var path = RequestPath(context.Request);
        // A validated token expires within its lifetime cap (a day at most) of now, so the sum cannot overflow.
        var expires = token.Expires + (long)lifetime.TotalSeconds;
        var fingerprint = MediaTokenContinuationCookie.TokenFingerprint(tokenText);
        var encodedKeyId = MediaTokenContinuationCookie.EncodeText(keyId);
        var encodedCustomerId = MediaTokenContinuationCookie.EncodeText(token.Subject);
        using var input = new MediaTokenContinuationCookie.SigningInput(scheme, credentials.Algorithm, encodedKeyId, encodedCustomerId, cookiePath, expires, token.Disposition, fingerprint);
        var factory = credentials.CryptoProviderFactory ?? credentials.Key.CryptoProviderFactory;
        var signer = factory.CreateForSigning(credentials.Key, credentials.Algorithm);
        byte[] signature;
        try
        {
            signature = signer.Sign(input.Array, 0, input.Length);
        }
        finally
        {
            factory.ReleaseSignatureProvider(signer);
        }

        var value = MediaTokenContinuationCookie.Format(credentials.Algorithm, encodedKeyId, expires, token.Disposition, encodedCustomerId, fingerprint, signature);
        if (value.Length > MediaTokenContinuationCookie.MaxLength)
        {
            // A customer id or kid of a kilobyte and more: too long for a cookie the reader would accept.
            return;
        }

        context.Response.Cookies.Append(
            MediaTokenContinuationCookie.Name(scheme, path),
            value,
            new CookieOptions
            {
                HttpOnly = true,
                // A browser refuses a Secure cookie over plain HTTP except from localhost, so it follows the request.
                Secure = context.Request.IsHttps,
                // Sent by the site's own pages (a <video> or PDF viewer on the same site) and on top-level navigation;
                // kept from other sites' subresource requests, which browsers increasingly block anyway.
                SameSite = SameSiteMode.Lax,
                Path = cookiePath,
                Expires = DateTimeOffset.FromUnixTimeSeconds(expires),
            });
    }

    /// <summary>
    /// The request's continuation cookie for its path, unchecked; empty when the request has none. Only worth reading
    /// where <see cref="Applies"/>.
    /// </summary>
    public static ReadOnlyMemory<char> Find(HttpContext context, string scheme) =>
        MediaTokenContinuationCookie.Find(context.Request.Headers.Cookie, MediaTokenContinuationCookie.Name(scheme, RequestPath(context.Request)));

    /// <summary>
    /// Whether <paramref name="token"/> is the token that opened the file <paramref name="cookie"/> continues, read
    /// before the cookie is checked: a request carrying it is answered by the cookie, which proves what it proved.
    /// </summary>
    public static bool WasOpenedBy(ReadOnlySpan<char> cookie, ReadOnlySpan<char> token) =>
        MediaTokenContinuationCookie.IsFingerprintOf(MediaTokenContinuationCookie.ReadTokenFingerprint(cookie), token);

    /// <summary>
    /// What the request's continuation <paramref name="cookie"/> (<see cref="Find"/>) proves for its path (the
    /// customer, the disposition), when it is signed by a current key of the scheme and has not expired; otherwise
    /// <see langword="null"/>.
    /// </summary>
    public static ValidatedMediaToken? Authenticate(HttpContext context, string scheme, ReadOnlySpan<char> cookie, SigningCredentials? signingCredentials, MediaTokenValidator validator, DateTimeOffset now)
    {
        if (signingCredentials is null
            || !MediaTokenContinuationCookie.TryParse(cookie, out var fields)
            || now.ToUnixTimeSeconds() > fields.Expires)
        {
            return null;
        }

        Span<byte> keyIdUtf8 = fields.KeyIdLength <= TextOnStack ? stackalloc byte[TextOnStack] : new byte[fields.KeyIdLength];
        keyIdUtf8 = keyIdUtf8[..fields.KeyIdLength];
        Span<char> keyIdChars = stackalloc char[TextOnStack];
        Span<byte> algorithm = stackalloc byte[32];
        var signature = new byte[fields.SignatureLength];
        if (!MediaTokenContinuationCookie.TryDecode(fields.KeyId, keyIdUtf8)
            || !Encoding.UTF8.TryGetBytes(fields.Algorithm, algorithm, out var algorithmLength)
            || !(keyIdUtf8.Length <= TextOnStack
                ? validator.Keys.TryGetKey(keyIdChars[..Encoding.UTF8.GetChars(keyIdUtf8, keyIdChars)], out var key)
                : validator.Keys.TryGetKey(Encoding.UTF8.GetString(keyIdUtf8), out key))
            || key!.FindVerifier(algorithm[..algorithmLength]) is not { } verifier
            || (verifier.RequiredSignatureLength != 0 && signature.Length != verifier.RequiredSignatureLength)
            || !MediaTokenContinuationCookie.TryDecode(fields.Signature, signature)
            || EscapedPath(context.Request) is not { } escapedPath)
        {
            return null;
        }

        // The verifier takes arrays: the signing input in a pooled one, the signature in one of its exact length (the
        // same call as a media token's signature check).
        using (var input = new MediaTokenContinuationCookie.SigningInput(scheme, fields.Algorithm, fields.KeyId, fields.CustomerId, escapedPath, fields.Expires, fields.Disposition, fields.Token))
        {
            try
            {
                if (!verifier.Provider.Verify(input.Array, 0, input.Length, signature, 0, signature.Length))
                {
                    return null;
                }
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                return null;
            }
        }

        // Signed, so the scheme wrote it: decoded only now, and still checked, as any input.
        Span<byte> customerIdUtf8 = fields.CustomerIdLength <= TextOnStack ? stackalloc byte[TextOnStack] : new byte[fields.CustomerIdLength];
        customerIdUtf8 = customerIdUtf8[..fields.CustomerIdLength];
        return MediaTokenContinuationCookie.TryDecode(fields.CustomerId, customerIdUtf8) && Utf8.IsValid(customerIdUtf8)
            ? new ValidatedMediaToken(Encoding.UTF8.GetString(customerIdUtf8), now.ToUnixTimeSeconds(), fields.Expires, key.Key, RequestPath(context.Request), fields.Disposition)
            : null;
    }

    /// <summary>The decoded path the continuation is bound to, as a resource binding sees it.</summary>
    private static string RequestPath(HttpRequest request) => request.PathBase.Add(request.Path).Value ?? "/";

    /// <summary>
    /// The path as the browser sends it, escaped: what the cookie signs (an escaped path holds no line break), and its
    /// <c>Path</c> attribute, so the cookie goes back to this file only. <see langword="null"/> when the path holds a
    /// character the attribute cannot carry.
    /// </summary>
    private static string? EscapedPath(HttpRequest request)
    {
        var escaped = request.PathBase.Add(request.Path).ToUriComponent();
        return escaped.Length == 0 || escaped.AsSpan().IndexOfAny(";,") >= 0 ? null : escaped;
    }
}
