using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Hosting;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// Checks <see cref="OneTimeTokenOptions"/> at startup.
/// </summary>
internal sealed class OneTimeTokenValidateOptions : IValidateOptions<OneTimeTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, OneTimeTokenOptions options)
    {
        var failures = new List<string>();
        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > OneTimeTokenDefaults.MaxDefaultTokenLifetime)
        {
            failures.Add($"OneTimeTokenOptions.TokenLifetime must be more than zero and at most {OneTimeTokenDefaults.MaxDefaultTokenLifetime}; it is {options.TokenLifetime}.");
        }

        if (!Enum.IsDefined(options.LoginMode))
        {
            failures.Add($"OneTimeTokenOptions.LoginMode must be Immediate or Confirm; it is {options.LoginMode}.");
        }

        if (options.MaxLiveTokens < 1)
        {
            failures.Add($"OneTimeTokenOptions.MaxLiveTokens must be at least 1; it is {options.MaxLiveTokens}.");
        }

        if (options.MaxExchangedTokenLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add($"OneTimeTokenOptions.MaxExchangedTokenLifetime must be at least one minute; it is {options.MaxExchangedTokenLifetime}.");
        }

        if (string.IsNullOrEmpty(options.CustomerIdClaimType) || OneTimeTokenIdentity.IsRegisteredJwtClaim(options.CustomerIdClaimType))
        {
            failures.Add($"OneTimeTokenOptions.CustomerIdClaimType must name the customer id claim, such as ClaimTypes.NameIdentifier or 'sub'; it is '{options.CustomerIdClaimType}'.");
        }

        if (!LocalRedirectUrl.IsLocal(options.DefaultRedirectPath))
        {
            failures.Add($"OneTimeTokenOptions.DefaultRedirectPath must be a local path such as '/'; it is '{options.DefaultRedirectPath}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
