namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// A test that needs a real <c>redis-server</c>: skipped, with the reason, where none is installed, except under
/// <c>CI=true</c>, where it runs and fails so that a CI machine without Redis cannot pass silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        Skip = RedisRequirement.SkipReason;
    }
}

/// <summary>A theory that needs a real <c>redis-server</c>; see <see cref="RedisFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisTheoryAttribute : TheoryAttribute
{
    public RedisTheoryAttribute()
    {
        Skip = RedisRequirement.SkipReason;
    }
}

internal static class RedisRequirement
{
    public static string? SkipReason =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : RedisServer.UnavailableReason;
}
