using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.EntityFrameworkCore;

/// <summary>
/// Checks <see cref="EntityFrameworkCoreOneTimeTokenStoreOptions"/> at startup, without connecting: the store
/// connects on first use.
/// </summary>
internal sealed class EntityFrameworkCoreOneTimeTokenStoreValidateOptions : IValidateOptions<EntityFrameworkCoreOneTimeTokenStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, EntityFrameworkCoreOneTimeTokenStoreOptions options)
    {
        var failures = new List<string>();
        if (options.PurgeInterval < TimeSpan.FromSeconds(1) || options.PurgeInterval > TimeSpan.FromDays(1))
        {
            failures.Add("EntityFrameworkCoreOneTimeTokenStoreOptions.PurgeInterval must be between 1 second and 1 day.");
        }

        if (options.PurgeBatchSize is < 1 or > 100_000)
        {
            failures.Add("EntityFrameworkCoreOneTimeTokenStoreOptions.PurgeBatchSize must be between 1 and 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
