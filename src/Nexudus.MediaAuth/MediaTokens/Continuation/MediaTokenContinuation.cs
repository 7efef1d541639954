using System.Security.Cryptography;
using System.Text;
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
    /// <summary>Whether the request's endpoint opted in and the scheme has continuation turned on.</summary>
    public static bool Applies(HttpContext context, TimeSpan lifetime) =>
        lifetime > TimeSpan.Zero
        && context.GetEndpoint()?.Metadata.GetMetadata<MediaTokenContinuationMetadata>() is not null;

    /// <summary>
    /// Sets the continuation cookie of the file a validated <paramref name="token"/> just opened, when the endpoint
    /// opted in and the scheme can sign.
    /// </summary>
    public static void Grant(HttpContext context, string scheme, TimeSpan lifetime, SigningCredentials? signingCredentials, ValidatedMediaToken token)
    {
        if (!Applies(context, lifetime)
            || signingCredentials is not { Key.KeyId: { Length: > 0 } keyId } credentials
            || CookiePath(context.Request) is not { } cookiePath)
        {
            return;
        }

        var path = RequestPath(context.Request);
        // A validated token expires within its lifetime cap (a day at most) of now, so the sum cannot overflow.
        var expires = token.Expires + (long)lifetime.TotalSeconds;
        var input = MediaTokenContinuationCookie.SigningInput(scheme, credentials.Algorithm, keyId, token.Subject, path, expires, token.Disposition);
        var factory = credentials.CryptoProviderFactory ?? credentials.Key.CryptoProviderFactory;
        var signer = factory.CreateForSigning(credentials.Key, credentials.Algorithm);
        byte[] signature;
        try
        {
            signature = signer.Sign(input);
        }
        finally
        {
            factory.ReleaseSignatureProvider(signer);
        }

        context.Response.Cookies.Append(
            MediaTokenContinuationCookie.Name(scheme, path),
            MediaTokenContinuationCookie.Format(credentials.Algorithm, keyId, expires, token.Disposition, token.Subject, signature),
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
    /// What the request's continuation cookie proves for this path (the customer, the disposition), when the endpoint
    /// opted in and the cookie is signed by a current key of the scheme and has not expired; otherwise
    /// <see langword="null"/>.
    /// </summary>
    public static ValidatedMediaToken? Authenticate(HttpContext context, string scheme, TimeSpan lifetime, SigningCredentials? signingCredentials, MediaTokenValidator validator, DateTimeOffset now)
    {
        if (!Applies(context, lifetime))
        {
            return null;
        }

        var path = RequestPath(context.Request);
        if (context.Request.Cookies[MediaTokenContinuationCookie.Name(scheme, path)] is not { } value
            || !MediaTokenContinuationCookie.TryParse(value, out var cookie)
            || now.ToUnixTimeSeconds() > cookie.Expires)
        {
            return null;
        }

        Span<byte> algorithm = stackalloc byte[32];
        if (signingCredentials is null
            || !Encoding.UTF8.TryGetBytes(cookie.Algorithm, algorithm, out var algorithmLength)
            || !validator.Keys.TryGetKey(cookie.KeyId, out var key)
            || key!.FindVerifier(algorithm[..algorithmLength]) is not { } verifier
            || (verifier.RequiredSignatureLength != 0 && cookie.Signature.Length != verifier.RequiredSignatureLength))
        {
            return null;
        }

        var input = MediaTokenContinuationCookie.SigningInput(scheme, cookie.Algorithm, cookie.KeyId, cookie.CustomerId, path, cookie.Expires, cookie.Disposition);
        try
        {
            if (!verifier.Provider.Verify(input, cookie.Signature))
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return null;
        }

        return new ValidatedMediaToken(cookie.CustomerId, now.ToUnixTimeSeconds(), cookie.Expires, key.Key, path, cookie.Disposition);
    }

    /// <summary>The decoded path the continuation is bound to, as a resource binding sees it.</summary>
    private static string RequestPath(HttpRequest request) => request.PathBase.Add(request.Path).Value ?? "/";

    /// <summary>
    /// The cookie's <c>Path</c> attribute: the request's path as the browser sends it, so the cookie goes back to this
    /// file only. <see langword="null"/> when the path holds a character the attribute cannot carry.
    /// </summary>
    private static string? CookiePath(HttpRequest request)
    {
        var encoded = request.PathBase.Add(request.Path).ToUriComponent();
        return encoded.Length == 0 || encoded.AsSpan().IndexOfAny(";,") >= 0 ? null : encoded;
    }
}
