using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.MediaTokens.Keys;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// What a media token scheme builds from one instance of its options and uses until they change: the source of its
/// keys, the validator (with its cache) of the keys that source last handed out, what it issues with and the JWKS
/// document it publishes. Built by <see cref="MediaTokenSchemeStates"/>.
/// </summary>
internal sealed class MediaTokenSchemeState
{
    private readonly MediaTokenValidationParameters _validationParameters;
    private volatile MediaTokenValidator _validator;

    public MediaTokenSchemeState(
        MediaTokenOptions options,
        MediaTokenValidationParameters validationParameters,
        IMediaTokenKeySource keySource,
        MediaTokenKeyRing initialKeys,
        MediaTokenIssuingParameters issuing,
        MediaTokenJsonWebKeySet publicKeys)
    {
        Options = options;
        _validationParameters = validationParameters;
        _validator = new MediaTokenValidator(validationParameters, initialKeys);
        KeySource = keySource;
        Issuing = issuing;
        PublicKeys = publicKeys;
    }

    /// <summary>The options instance this state was built from; a new instance (a reload) means a new state.</summary>
    public MediaTokenOptions Options { get; }

    /// <summary>Where the keys come from: the keys given in code or configuration, or the scheme's JWKS.</summary>
    public IMediaTokenKeySource KeySource { get; }

    /// <summary>The validator of the keys <see cref="KeySource"/> handed out last.</summary>
    public MediaTokenValidator Validator => _validator;

    /// <summary>What issued tokens carry and are signed with.</summary>
    public MediaTokenIssuingParameters Issuing { get; }

    /// <summary>The JWKS document of the scheme's public keys.</summary>
    public MediaTokenJsonWebKeySet PublicKeys { get; }

    /// <summary>
    /// The validator of <paramref name="keys"/>: the current one while the key source hands out the same ring, a new one
    /// (with a new, empty cache) once it hands out new keys.
    /// </summary>
    public MediaTokenValidator ValidatorFor(MediaTokenKeyRing keys)
    {
        var validator = _validator;
        return ReferenceEquals(validator.Keys, keys) ? validator : _validator = new MediaTokenValidator(_validationParameters, keys);
    }
}
