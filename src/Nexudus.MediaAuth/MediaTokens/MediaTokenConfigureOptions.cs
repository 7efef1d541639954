using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.MediaTokens.Keys;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Binds <see cref="MediaTokenOptions"/> from <c>Authentication:Schemes:{scheme}</c>, as JwtBearer binds its options:
/// by hand, so that binding stays trimming- and AOT-safe.
/// </summary>
internal sealed class MediaTokenConfigureOptions : IConfigureNamedOptions<MediaTokenOptions>
{
    private readonly IAuthenticationConfigurationProvider _configurationProvider;

    public MediaTokenConfigureOptions(IAuthenticationConfigurationProvider configurationProvider)
    {
        _configurationProvider = configurationProvider;
    }

    public void Configure(string? name, MediaTokenOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var section = _configurationProvider.GetSchemeConfiguration(name);
        if (!section.GetChildren().Any())
        {
            return;
        }

        options.Issuer = section[nameof(options.Issuer)] ?? options.Issuer;
        options.Audience = section[nameof(options.Audience)] ?? options.Audience;
        options.CustomerIdClaimType = section[nameof(options.CustomerIdClaimType)] ?? options.CustomerIdClaimType;
        options.TokenLifetime = ReadTimeSpan(section, nameof(options.TokenLifetime)) ?? options.TokenLifetime;
        options.MaxTokenLifetime = ReadTimeSpan(section, nameof(options.MaxTokenLifetime)) ?? options.MaxTokenLifetime;
        options.MaxResourceBoundTokenLifetime = ReadTimeSpan(section, nameof(options.MaxResourceBoundTokenLifetime)) ?? options.MaxResourceBoundTokenLifetime;
        options.ContinuationLifetime = ReadTimeSpan(section, nameof(options.ContinuationLifetime)) ?? options.ContinuationLifetime;
        options.ClockSkew = ReadTimeSpan(section, nameof(options.ClockSkew)) ?? options.ClockSkew;
        options.ValidationCacheSize = ReadInt32(section, nameof(options.ValidationCacheSize)) ?? options.ValidationCacheSize;

        options.JwksRefreshInterval = ReadTimeSpan(section, nameof(options.JwksRefreshInterval)) ?? options.JwksRefreshInterval;
        if (section[nameof(options.JwksUri)] is { Length: > 0 } jwksUri)
        {
            options.JwksUri = Uri.TryCreate(jwksUri, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"The configuration value '{nameof(options.JwksUri)}' of a media token scheme must be an absolute URI; it is '{jwksUri}'.");
        }

        MediaTokenKeyConfiguration.Read(section, options.ConfigurationKeys, options.KeyConfigurationErrors);

        var algorithms = section.GetSection(nameof(options.ValidAlgorithms)).GetChildren()
            .Select(child => child.Value)
            .OfType<string>()
            .ToArray();
        if (algorithms.Length > 0)
        {
            options.ValidAlgorithms.Clear();
            options.ValidAlgorithms.UnionWith(algorithms);
        }
    }

    public void Configure(MediaTokenOptions options) => Configure(Options.DefaultName, options);

    private static TimeSpan? ReadTimeSpan(IConfiguration section, string key)
    {
        var value = section[key];
        if (value is null)
        {
            return null;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new InvalidOperationException($"The configuration value '{key}' of a media token scheme must be a time span such as '00:01:00'; it is '{value}'.");
    }

    private static bool? ReadBoolean(IConfiguration section, string key)
    {
        var value = section[key];
        if (value is null)
        {
            return null;
        }

        return bool.TryParse(value, out var result)
            ? result
            : throw new InvalidOperationException($"The configuration value '{key}' of a media token scheme must be true or false; it is '{value}'.");
    }

    private static int? ReadInt32(IConfiguration section, string key)
    {
        var value = section[key];
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new InvalidOperationException($"The configuration value '{key}' of a media token scheme must be a whole number; it is '{value}'.");
    }
}
