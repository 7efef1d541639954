using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens.Keys;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// What a media token scheme builds from one instance of its options and uses until they change: its keys, the
/// validator (with its cache) of those keys, the credentials it issues with, the JWKS document it publishes and, when
/// it validates with a remote JWKS, the source of those keys. Built by <see cref="MediaTokenSchemeStates"/>.
/// </summary>
internal sealed class MediaTokenSchemeState
{
    public MediaTokenSchemeState(
        MediaTokenOptions options,
        MediaTokenValidator validator,
        SigningCredentials? issuingCredentials,
        MediaTokenJsonWebKeySet publicKeys,
        MediaTokenJwksKeySource? jwksKeySource)
    {
        Options = options;
        Validator = validator;
        IssuingCredentials = issuingCredentials;
        PublicKeys = publicKeys;
        JwksKeySource = jwksKeySource;
    }

    /// <summary>The options instance this state was built from; a new instance (a reload) means a new state.</summary>
    public MediaTokenOptions Options { get; }

    /// <summary>Validates tokens with the scheme's own keys; unused when <see cref="JwksKeySource"/> is set.</summary>
    public MediaTokenValidator Validator { get; }

    /// <summary>
    /// The credentials issued tokens are signed with, from <see cref="MediaTokenOptions.SigningCredentials"/>,
    /// configuration or the Development key, carrying the key's <c>kid</c>; <see langword="null"/> for a
    /// validation-only scheme.
    /// </summary>
    public SigningCredentials? IssuingCredentials { get; }

    /// <summary>The JWKS document of the scheme's public keys.</summary>
    public MediaTokenJsonWebKeySet PublicKeys { get; }

    /// <summary>The keys fetched from <see cref="MediaTokenOptions.JwksUri"/>, when it is set.</summary>
    public MediaTokenJwksKeySource? JwksKeySource { get; }
}
