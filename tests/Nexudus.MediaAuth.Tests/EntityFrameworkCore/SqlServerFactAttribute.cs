namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// A test that needs a SQL Server, which the tests cannot start themselves: it runs when <c>MEDIAAUTH_SQLSERVER</c> holds
/// a connection string (to a database the tests may create and drop a table in), and is skipped otherwise, under
/// <c>CI=true</c> too.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string ConnectionStringVariable = "MEDIAAUTH_SQLSERVER";

    public SqlServerFactAttribute()
    {
        Skip = ConnectionString is null
            ? $"{ConnectionStringVariable} is not set to a SQL Server connection string (CI runs PostgreSQL and SQLite only)."
            : null;
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : null;
}
