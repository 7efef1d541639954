using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Checks <see cref="CustomerAuthenticationOptions"/> at startup, so that a wrong limit fails the host, not a
/// customer's first request.
/// </summary>
internal sealed class CustomerAuthenticationValidateOptions : IValidateOptions<CustomerAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, CustomerAuthenticationOptions options)
    {
        if (options.IssueLimit is not { } limit)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (limit.TokenLimit < 1)
        {
            failures.Add($"CustomerAuthenticationOptions.IssueLimit.TokenLimit must be at least 1 (set IssueLimit to null to remove the limit); it is {limit.TokenLimit}.");
        }

        if (limit.TokensPerPeriod < 1)
        {
            failures.Add($"CustomerAuthenticationOptions.IssueLimit.TokensPerPeriod must be at least 1; it is {limit.TokensPerPeriod}.");
        }

        if (limit.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            failures.Add($"CustomerAuthenticationOptions.IssueLimit.ReplenishmentPeriod must be more than zero; it is {limit.ReplenishmentPeriod}.");
        }

        if (limit.QueueLimit < 0)
        {
            failures.Add($"CustomerAuthenticationOptions.IssueLimit.QueueLimit must not be negative; it is {limit.QueueLimit}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
