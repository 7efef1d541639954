using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Endpoints;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// Checks <see cref="OneTimeTokenOptions"/> at startup.
/// </summary>
internal sealed class OneTimeTokenValidateOptions : IValidateOptions<OneTimeTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, OneTimeTokenOptions options)
    {
        var failures = new List<string>();
        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > OneTimeTokenDefaults.MaxTokenLifetime)
        {
            failures.Add($"OneTimeTokenOptions.TokenLifetime must be more than zero and at most {OneTimeTokenDefaults.MaxTokenLifetime}; it is {options.TokenLifetime}.");
        }

        if (options.MaxLiveTokens < 1)
        {
            failures.Add($"OneTimeTokenOptions.MaxLiveTokens must be at least 1; it is {options.MaxLiveTokens}.");
        }

        if (options.MaxExchangedTokenLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add($"OneTimeTokenOptions.MaxExchangedTokenLifetime must be at least one minute; it is {options.MaxExchangedTokenLifetime}.");
        }

        if (string.IsNullOrWhiteSpace(options.BearerScheme))
        {
            failures.Add("OneTimeTokenOptions.BearerScheme must name the host's BearerToken scheme.");
        }

        if (!LocalRedirectUrl.IsLocal(options.LoginPath) || options.LoginPath.Contains('?', StringComparison.Ordinal))
        {
            failures.Add($"OneTimeTokenOptions.LoginPath must be a local path such as '/user/login'; it is '{options.LoginPath}'.");
        }

        if (!LocalRedirectUrl.IsLocal(options.DefaultRedirectPath))
        {
            failures.Add($"OneTimeTokenOptions.DefaultRedirectPath must be a local path such as '/'; it is '{options.DefaultRedirectPath}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
