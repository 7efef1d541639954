namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// A test that needs a real PostgreSQL (<c>initdb</c>, <c>pg_ctl</c>): skipped, with the reason, where none is
/// installed, except under <c>CI=true</c>, where it runs and fails so that a CI machine without it cannot pass silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : PostgresServer.UnavailableReason;
    }
}
