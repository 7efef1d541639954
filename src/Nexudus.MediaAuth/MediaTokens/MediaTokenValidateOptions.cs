using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens.Keys;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Checks <see cref="MediaTokenOptions"/> at startup, so that a misconfigured scheme fails before it serves a request.
/// </summary>
internal sealed class MediaTokenValidateOptions : IValidateOptions<MediaTokenOptions>
{
    private static readonly TimeSpan LongestAllowedLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan LongestAllowedResourceBoundLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan LargestAllowedClockSkew = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestAllowedContinuation = TimeSpan.FromHours(12);
    private const int MaxValidationCacheSize = 1_000_000;

    private readonly MediaTokenSchemeKeys _schemeKeys;

    public MediaTokenValidateOptions(MediaTokenSchemeKeys schemeKeys)
    {
        _schemeKeys = schemeKeys;
    }

    public ValidateOptionsResult Validate(string? name, MediaTokenOptions options)
    {
        var scheme = name ?? Options.DefaultName;
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add($"MediaTokenOptions.Issuer of scheme '{scheme}' must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"MediaTokenOptions.Audience of scheme '{scheme}' must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.CustomerIdClaimType))
        {
            failures.Add($"MediaTokenOptions.CustomerIdClaimType of scheme '{scheme}' must not be empty.");
        }

        if (options.MaxTokenLifetime <= TimeSpan.Zero || options.MaxTokenLifetime > LongestAllowedLifetime)
        {
            failures.Add($"MediaTokenOptions.MaxTokenLifetime of scheme '{scheme}' must be more than zero and at most {LongestAllowedLifetime}; it is {options.MaxTokenLifetime}.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > options.MaxTokenLifetime)
        {
            failures.Add($"MediaTokenOptions.TokenLifetime of scheme '{scheme}' must be more than zero and at most MaxTokenLifetime ({options.MaxTokenLifetime}); it is {options.TokenLifetime}.");
        }

        if (options.MaxResourceBoundTokenLifetime < options.MaxTokenLifetime || options.MaxResourceBoundTokenLifetime > LongestAllowedResourceBoundLifetime)
        {
            failures.Add($"MediaTokenOptions.MaxResourceBoundTokenLifetime of scheme '{scheme}' must be at least MaxTokenLifetime ({options.MaxTokenLifetime}) and at most {LongestAllowedResourceBoundLifetime}; it is {options.MaxResourceBoundTokenLifetime}.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > LargestAllowedClockSkew)
        {
            failures.Add($"MediaTokenOptions.ClockSkew of scheme '{scheme}' must be between zero and {LargestAllowedClockSkew}; it is {options.ClockSkew}.");
        }

        if (options.ContinuationLifetime < TimeSpan.Zero || options.ContinuationLifetime > LongestAllowedContinuation)
        {
            failures.Add($"MediaTokenOptions.ContinuationLifetime of scheme '{scheme}' must be between zero (off) and {LongestAllowedContinuation}; it is {options.ContinuationLifetime}.");
        }

        if (options.ValidationCacheSize is < 0 or > MaxValidationCacheSize)
        {
            failures.Add($"MediaTokenOptions.ValidationCacheSize of scheme '{scheme}' must be between 0 (off) and {MaxValidationCacheSize}; it is {options.ValidationCacheSize}.");
        }

        if (options.ValidAlgorithms.Count == 0)
        {
            failures.Add($"MediaTokenOptions.ValidAlgorithms of scheme '{scheme}' must name at least one algorithm.");
        }

        if (options.ValidAlgorithms.Contains(SecurityAlgorithms.None))
        {
            failures.Add($"MediaTokenOptions.ValidAlgorithms of scheme '{scheme}' must not contain 'none': media tokens are always signed.");
        }

        ValidateKeys(scheme, options, _schemeKeys.Gather(scheme, options), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateKeys(string scheme, MediaTokenOptions options, IReadOnlyList<MediaTokenKey> keys, List<string> failures)
    {
        failures.AddRange(options.KeyConfigurationErrors);
        if (options.JwksUri is { } jwksUri)
        {
            ValidateJwks(scheme, options, jwksUri, keys, failures);
            return;
        }

        if (keys.Count == 0 && options.KeyConfigurationErrors.Count == 0)
        {
            failures.Add(
                $"The media token scheme '{scheme}' has no key. Set MediaTokenOptions.SigningCredentials, for example " +
                "new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = \"media-1\" }, SecurityAlgorithms.HmacSha256) " +
                "with a secret of at least 32 random bytes kept out of source control. An ephemeral key is generated only in the Development environment.");
            return;
        }

        if (options.SigningCredentials is not null && options.ConfigurationKeys.Find(key => key.Signs) is { } configured)
        {
            failures.Add($"The media token scheme '{scheme}' has a signing key both in code (MediaTokenOptions.SigningCredentials) and in configuration ({configured.Source}); keep one.");
        }

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            MediaTokenKeyCheck.Check(key, options.ValidAlgorithms, failures);
            if (key.KeyId is { Length: > 0 } keyId && !sources.TryAdd(keyId, key.Source))
            {
                failures.Add($"The KeyId '{keyId}' is used by more than one key of media token scheme '{scheme}' ({sources[keyId]} and {key.Source}); give each key its own.");
            }
        }
    }

    private static void ValidateJwks(string scheme, MediaTokenOptions options, Uri jwksUri, IReadOnlyList<MediaTokenKey> keys, List<string> failures)
    {
        if (keys.Count > 0)
        {
            failures.Add($"The media token scheme '{scheme}' has a JwksUri, which makes it validation-only: it takes its keys from the JWKS and must have no SigningCredentials, SigningKey or ValidationKeys.");
        }

        if (!jwksUri.IsAbsoluteUri || (jwksUri.Scheme != Uri.UriSchemeHttps && !(jwksUri.Scheme == Uri.UriSchemeHttp && jwksUri.IsLoopback)))
        {
            failures.Add($"MediaTokenOptions.JwksUri of scheme '{scheme}' must be an absolute HTTPS URI (HTTP is allowed for loopback only); it is '{jwksUri}'.");
        }

        if (options.JwksRefreshInterval < MediaTokenDefaults.JwksMinimumRefreshInterval)
        {
            failures.Add($"MediaTokenOptions.JwksRefreshInterval of scheme '{scheme}' must be at least {MediaTokenDefaults.JwksMinimumRefreshInterval}, the least time between two fetches; it is {options.JwksRefreshInterval}.");
        }
    }
}
