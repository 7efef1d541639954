using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// IdentityModel's signature provider for one key and algorithm.
/// </summary>
/// <param name="Algorithm">The JWS <c>alg</c>, as UTF-8.</param>
/// <param name="Provider">Verifies signatures; thread-safe and kept for the life of the options.</param>
/// <param name="RequiredSignatureLength">The exact signature length in bytes for HMAC, or 0 when the algorithm checks it.</param>
internal sealed record MediaTokenVerifier(byte[] Algorithm, SignatureProvider Provider, int RequiredSignatureLength);
