using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.MediaTokens.Keys;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Gathers the keys of a media token scheme from its options: those given in code and in configuration, each with its
/// one algorithm and its <c>kid</c> (an asymmetric key without one is named by its thumbprint, without writing to the
/// host's key object), and the Development-only ephemeral key. Options validation checks these keys and
/// <see cref="MediaTokenSchemeStates"/> builds the scheme's key ring from them.
/// </summary>
internal sealed class MediaTokenSchemeKeys
{
    private readonly MediaTokenDevelopmentKeys _developmentKeys;
    private readonly IHostEnvironment? _environment;
    private readonly ILogger _logger;

    // Options validation and the scheme's state both ask for the keys of one options instance: gathered once, so an
    // asymmetric key's thumbprint is computed once per options build, and dropped with the options instance.
    private readonly ConditionalWeakTable<MediaTokenOptions, List<MediaTokenKey>> _gathered = [];

    public MediaTokenSchemeKeys(MediaTokenDevelopmentKeys developmentKeys, ILoggerFactory loggerFactory, IHostEnvironment? environment = null)
    {
        _developmentKeys = developmentKeys;
        _environment = environment;
        _logger = loggerFactory.CreateLogger<MediaTokenHandler>();
    }

    /// <summary>
    /// The keys of the scheme, signing keys first, so that a repeated <c>kid</c> (reported by options validation)
    /// resolves to the signing key. The signing key repeated in <see cref="MediaTokenOptions.ValidationKeys"/> counts once.
    /// </summary>
    public IReadOnlyList<MediaTokenKey> Gather(string name, MediaTokenOptions options) =>
        _gathered.GetValue(options, built => GatherKeys(name, built));

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
}
