using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.MediaTokens.Keys;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The runtime state of each media token scheme (<see cref="MediaTokenSchemeState"/>), built on first use from the
/// scheme's options and rebuilt when <see cref="IOptionsMonitor{TOptions}"/> hands out a new instance of them (a
/// configuration reload), so that the options stay configuration only.
/// </summary>
/// <remarks>
/// A state is tied to the options instance it was built from, so finding it costs a dictionary lookup and a reference
/// comparison. A rebuild starts with a new key ring, an empty validation cache and a new JWKS source (the old one has
/// no timer or connection of its own and is collected once its last request ends); the Development key is kept by
/// <see cref="MediaTokenDevelopmentKeys"/>, so it survives the rebuild.
/// </remarks>
internal sealed class MediaTokenSchemeStates : IMediaTokenIssuingParametersSource
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client that fetches a scheme's JWKS, before the scheme's name.</summary>
    public const string JwksHttpClientNamePrefix = "Nexudus.MediaAuth.Jwks:";

    private readonly ConcurrentDictionary<string, MediaTokenSchemeState> _states = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly IOptionsMonitor<MediaTokenOptions> _optionsMonitor;
    private readonly MediaTokenSchemeKeys _schemeKeys;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MediaTokenSchemeStates(
        IOptionsMonitor<MediaTokenOptions> optionsMonitor,
        MediaTokenSchemeKeys schemeKeys,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _optionsMonitor = optionsMonitor;
        _schemeKeys = schemeKeys;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<MediaTokenHandler>();
    }

    /// <summary>The state of the scheme's current options.</summary>
    public MediaTokenSchemeState Get(string authenticationScheme) =>
        Get(authenticationScheme, _optionsMonitor.Get(authenticationScheme));

    /// <summary>
    /// The state of the scheme built from <paramref name="options"/>, the instance the caller already holds (a handler's
    /// <c>Options</c>): the common case costs one lookup.
    /// </summary>
    public MediaTokenSchemeState Get(string authenticationScheme, MediaTokenOptions options) =>
        _states.TryGetValue(authenticationScheme, out var state) && ReferenceEquals(state.Options, options)
            ? state
            : Rebuild(authenticationScheme);

    // Built under a lock so that a reload makes one JWKS source and one cache, not one per concurrent request. The state
    // always follows the monitor's current options: a request still holding the options of before a reload gets the new
    // state rather than bringing the old one back.
    private MediaTokenSchemeState Rebuild(string authenticationScheme)
    {
        lock (_gate)
        {
            var options = _optionsMonitor.Get(authenticationScheme);
            if (!_states.TryGetValue(authenticationScheme, out var state) || !ReferenceEquals(state.Options, options))
            {
                state = Build(authenticationScheme, options);
                _states[authenticationScheme] = state;
            }

            return state;
        }
    }

    private MediaTokenSchemeState Build(string name, MediaTokenOptions options)
    {
        var keys = _schemeKeys.Gather(name, options);
        var signingKey = keys.FirstOrDefault(key => key.Signs);
        var validation = new MediaTokenValidationParameters(
            name, options.CustomerIdClaimType, options.Issuer, options.Audience, MediaTokenDefaults.MaxTokenLength,
            options.MaxTokenLifetime, options.MaxResourceBoundTokenLifetime, options.ClockSkew, options.ValidationCacheSize);
        var issuing = new MediaTokenIssuingParameters(
            options.CustomerIdClaimType, options.Issuer, options.Audience, options.TokenLifetime, options.MaxResourceBoundTokenLifetime,
            signingKey?.ToSigningCredentials(ReferenceEquals(signingKey.Key, options.SigningCredentials?.Key) ? options.SigningCredentials : null));
        var staticKeys = MediaTokenKeyRing.Create(keys, options.ValidAlgorithms);
        IMediaTokenKeySource keySource = options.JwksUri is { } jwksUri
            ? new MediaTokenJwksKeySource(
                name,
                new MediaTokenJwksParameters(jwksUri, options.JwksRefreshInterval, MediaTokenDefaults.JwksMinimumRefreshInterval, MediaTokenDefaults.JwksMaxBytes, MediaTokenDefaults.JwksMaxKeys, options.ValidAlgorithms),
                _httpClientFactory.CreateClient(JwksHttpClientNamePrefix + name),
                _timeProvider,
                _logger)
            : new StaticMediaTokenKeySource(staticKeys);
        return new MediaTokenSchemeState(options, validation, keySource, options.JwksUri is null ? staticKeys : MediaTokenKeyRing.Empty, issuing, CreatePublicKeys(keys));
    }

    /// <inheritdoc />
    public MediaTokenIssuingParameters GetIssuingParameters(string authenticationScheme) => Get(authenticationScheme).Issuing;

    // Symmetric keys are secrets: FromSecurityKey has no form for them, so they never reach the document.
    private static MediaTokenJsonWebKeySet CreatePublicKeys(IReadOnlyList<MediaTokenKey> keys) => new()
    {
        Keys = keys
            .DistinctBy(key => key.KeyId, StringComparer.Ordinal)
            .Select(MediaTokenJsonWebKey.FromKey)
            .OfType<MediaTokenJsonWebKey>()
            .ToArray(),
    };
}
