using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// A database the store tests run on, with the one-time token table created: a SQLite file, the PostgreSQL of a
/// <see cref="PostgresServer"/>, or the SQL Server of <c>MEDIAAUTH_SQLSERVER</c>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Action<DbContextOptionsBuilder> _useProvider;
    private readonly Func<ValueTask> _dispose;

    private TestDatabase(string name, Action<DbContextOptionsBuilder> useProvider, Func<ValueTask> dispose)
    {
        Name = name;
        _useProvider = useProvider;
        _dispose = dispose;
    }

    public string Name { get; }

    /// <summary>A SQLite database in a temp file, shared by every connection to it.</summary>
    public static Task<TestDatabase> SqliteAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sqlite-").FullName;
        var connectionString = $"Data Source={Path.Combine(directory, "tokens.db")};Pooling=False";
        return CreateAsync("SQLite", options => options.UseSqlite(connectionString), () =>
        {
            Directory.Delete(directory, recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    public static Task<TestDatabase> PostgresAsync(PostgresServer server) =>
        CreateAsync("PostgreSQL", options => options.UseNpgsql(server.ConnectionString), () => ValueTask.CompletedTask);

    public static async Task<TestDatabase> SqlServerAsync()
    {
        var connectionString = SqlServerFactAttribute.ConnectionString
            ?? throw new InvalidOperationException($"{SqlServerFactAttribute.ConnectionStringVariable} is not set.");
        var options = new DbContextOptionsBuilder<TokenDbContext>().UseSqlServer(connectionString).Options;
        async ValueTask DropTableAsync()
        {
            await using var context = new TokenDbContext(options);
            await context.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS MediaAuthOneTimeTokens");
        }

        await DropTableAsync();
        return await CreateAsync("SQL Server", builder => builder.UseSqlServer(connectionString), DropTableAsync);
    }

    public void UseProvider(DbContextOptionsBuilder options) => _useProvider(options);

    public TokenDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<TokenDbContext>();
        _useProvider(options);
        return new TokenDbContext(options.Options);
    }

    public ValueTask DisposeAsync() => _dispose();

    private static async Task<TestDatabase> CreateAsync(string name, Action<DbContextOptionsBuilder> useProvider, Func<ValueTask> dispose)
    {
        var database = new TestDatabase(name, useProvider, dispose);
        await using var context = database.CreateContext();
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync())
        {
            await creator.CreateAsync();
        }

        await creator.CreateTablesAsync();
        return database;
    }
}
