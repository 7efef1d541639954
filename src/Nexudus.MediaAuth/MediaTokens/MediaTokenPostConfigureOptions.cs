using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Completes <see cref="MediaTokenOptions"/> once configured: gathers the keys given in code and in configuration, each
/// with its one algorithm and its <c>kid</c> (an asymmetric key without one is named by its thumbprint, without writing
/// to the host's key object), adds the Development-only ephemeral key, and builds the key ring and validator every
/// request then uses as they are.
/// </summary>
internal sealed class MediaTokenPostConfigureOptions : IPostConfigureOptions<MediaTokenOptions>
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client that fetches a scheme's JWKS, before the scheme's name.</summary>
    public const string JwksHttpClientNamePrefix = "Nexudus.MediaAuth.Jwks:";

    private readonly MediaAuthMetrics _metrics;
    private readonly MediaTokenDevelopmentKeys _developmentKeys;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IHostEnvironment? _environment;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MediaTokenPostConfigureOptions(
        MediaAuthMetrics metrics,
        MediaTokenDevelopmentKeys developmentKeys,
        IHttpClientFactory httpClientFactory,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        IHostEnvironment? environment = null)
    {
        _metrics = metrics;
        _developmentKeys = developmentKeys;
        _httpClientFactory = httpClientFactory;
        _environment = environment;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<MediaTokenHandler>();
    }

    public void PostConfigure(string? name, MediaTokenOptions options)
    {
        name ??= Options.DefaultName;
        var keys = GatherKeys(name, options);
        var signingKey = keys.FirstOrDefault(key => key.Signs);
        options.IssuingCredentials = signingKey?.ToSigningCredentials(
            ReferenceEquals(signingKey.Key, options.SigningCredentials?.Key) ? options.SigningCredentials : null);
        options.Keys = keys;
        options.KeyRing = MediaTokenKeyRing.Create(keys, options.ValidAlgorithms);
        options.Validator = new MediaTokenValidator(name, options);
        options.Metrics = _metrics;
        options.PublicKeys = CreatePublicKeys(keys);
        options.JwksKeySource = options.JwksUri is null ? null : new MediaTokenJwksKeySource(name, options, CreateBackchannel(name, options), _timeProvider, _logger);
    }

    /// <summary>
    /// The keys of the scheme, signing keys first, so that a repeated <c>kid</c> (reported by options validation)
    /// resolves to the signing key. The signing key repeated in <see cref="MediaTokenOptions.ValidationKeys"/> counts once.
    /// </summary>
    private List<MediaTokenKey> GatherKeys(string name, MediaTokenOptions options)
    {
        var keys = new List<MediaTokenKey>();
        if (options.SigningCredentials is { } signing)
        {
            keys.Add(MediaTokenKey.FromCode(signing, $"MediaTokenOptions.SigningCredentials of scheme '{name}'", signs: true));
        }

        keys.AddRange(options.ConfigurationKeys.Where(key => key.Signs));
        for (var i = 0; i < options.ValidationKeys.Count; i++)
        {
            var validation = options.ValidationKeys[i];
            if (!keys.Exists(key => ReferenceEquals(key.Key, validation.Key) && key.Algorithm == validation.Algorithm))
            {
                keys.Add(MediaTokenKey.FromCode(validation, $"MediaTokenOptions.ValidationKeys[{i}] of scheme '{name}'", signs: false));
            }
        }

        keys.AddRange(options.ConfigurationKeys.Where(key => !key.Signs));
        if (keys.Count == 0 && options.KeyConfigurationErrors.Count == 0 && options.JwksUri is null && _environment?.IsDevelopment() == true)
        {
            var development = _developmentKeys.GetOrCreate(name, out var created);
            keys.Add(MediaTokenKey.FromCode(development, $"the Development key of scheme '{name}'", signs: true));
            if (created)
            {
                _logger.EphemeralSigningKey(name);
            }
        }

        return keys;
    }

    // One pooled handler per scheme through the factory, rather than a new connection pool per options rebuild.
    private HttpClient CreateBackchannel(string name, MediaTokenOptions options)
    {
        var client = options.BackchannelHttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : _httpClientFactory.CreateClient(JwksHttpClientNamePrefix + name);
        client.Timeout = options.BackchannelTimeout;
        return client;
    }

    // Symmetric keys are secrets: FromSecurityKey has no form for them, so they never reach the document.
    private static MediaTokenJsonWebKeySet CreatePublicKeys(List<MediaTokenKey> keys) => new()
    {
        Keys = keys
            .DistinctBy(key => key.KeyId, StringComparer.Ordinal)
            .Select(MediaTokenJsonWebKey.FromKey)
            .OfType<MediaTokenJsonWebKey>()
            .ToArray(),
    };
}
