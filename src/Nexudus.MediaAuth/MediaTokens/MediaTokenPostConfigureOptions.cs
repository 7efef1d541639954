using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Completes <see cref="MediaTokenOptions"/> once configured: the Development-only ephemeral key, <c>kid</c>s for
/// asymmetric keys that lack one, and the key ring and validator every request then uses as they are.
/// </summary>
internal sealed class MediaTokenPostConfigureOptions : IPostConfigureOptions<MediaTokenOptions>
{
    private readonly MediaAuthMetrics _metrics;
    private readonly IHostEnvironment? _environment;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MediaTokenPostConfigureOptions(MediaAuthMetrics metrics, ILoggerFactory loggerFactory, TimeProvider timeProvider, IHostEnvironment? environment = null)
    {
        _metrics = metrics;
        _environment = environment;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<MediaTokenHandler>();
    }

    public void PostConfigure(string? name, MediaTokenOptions options)
    {
        name ??= Options.DefaultName;
        if (options.SigningCredentials is null && options.ValidationKeys.Count == 0 && options.JwksUri is null && _environment?.IsDevelopment() == true)
        {
            options.SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "development-ephemeral" },
                SecurityAlgorithms.HmacSha256);
            _logger.EphemeralSigningKey(name);
        }

        foreach (var key in options.ConfiguredKeys.OfType<AsymmetricSecurityKey>())
        {
            if (string.IsNullOrEmpty(key.KeyId) && key.CanComputeJwkThumbprint())
            {
                key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
            }
        }

        options.KeyRing = MediaTokenKeyRing.Create(options.ConfiguredKeys, options.ValidAlgorithms);
        options.Validator = new MediaTokenValidator(name, options);
        options.Metrics = _metrics;
        options.PublicKeys = CreatePublicKeys(options);
        options.JwksKeySource = options.JwksUri is null ? null : new MediaTokenJwksKeySource(name, options, _timeProvider, _logger);
    }

    // Symmetric keys are secrets: FromSecurityKey has no form for them, so they never reach the document.
    private static MediaTokenJsonWebKeySet CreatePublicKeys(MediaTokenOptions options) => new()
    {
        Keys = options.ConfiguredKeys
            .DistinctBy(key => key.KeyId, StringComparer.Ordinal)
            .Select(key => MediaTokenJsonWebKey.FromSecurityKey(key, AlgorithmOf(options, key)))
            .OfType<MediaTokenJsonWebKey>()
            .ToArray(),
    };

    private static string? AlgorithmOf(MediaTokenOptions options, SecurityKey key) =>
        ReferenceEquals(key, options.SigningCredentials?.Key) ? options.SigningCredentials.Algorithm
        : key.KeyId is { } keyId ? options.KeyAlgorithms.GetValueOrDefault(keyId)
        : null;
}
