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
    private readonly ILogger _logger;

    public MediaTokenPostConfigureOptions(MediaAuthMetrics metrics, ILoggerFactory loggerFactory, IHostEnvironment? environment = null)
    {
        _metrics = metrics;
        _environment = environment;
        _logger = loggerFactory.CreateLogger<MediaTokenHandler>();
    }

    public void PostConfigure(string? name, MediaTokenOptions options)
    {
        name ??= Options.DefaultName;
        if (options.SigningCredentials is null && options.ValidationKeys.Count == 0 && _environment?.IsDevelopment() == true)
        {
            options.SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "development-ephemeral" },
                SecurityAlgorithms.HmacSha256);
            _logger.EphemeralSigningKey(name);
        }

        foreach (var key in options.ValidationKeys.Prepend(options.SigningCredentials?.Key).OfType<AsymmetricSecurityKey>())
        {
            if (string.IsNullOrEmpty(key.KeyId) && key.CanComputeJwkThumbprint())
            {
                key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
            }
        }

        options.KeyRing = MediaTokenKeyRing.Create(options.SigningCredentials?.Key, options.ValidationKeys, options.ValidAlgorithms);
        options.Validator = new MediaTokenValidator(name, options);
        options.Metrics = _metrics;
    }
}
