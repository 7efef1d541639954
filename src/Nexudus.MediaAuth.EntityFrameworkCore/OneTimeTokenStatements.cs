using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Nexudus.MediaAuth.EntityFrameworkCore;

/// <summary>
/// The single statements the store sends where the provider has them, written from the host's model (its table and
/// column names, its quoting), once per store.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>PostgreSQL, SQLite (3.35 or later)</term><description>take: <c>DELETE … RETURNING</c>; add:
/// <c>INSERT … ON CONFLICT DO UPDATE … WHERE</c> the present row has expired; set: <c>INSERT … ON CONFLICT DO UPDATE</c>.</description></item>
/// <item><term>SQL Server</term><description>take: <c>DELETE … OUTPUT DELETED</c>; add and set: the portable path.</description></item>
/// <item><term>Any other provider</term><description>none: the portable path, through LINQ (see the store).</description></item>
/// </list>
/// </remarks>
internal sealed class OneTimeTokenStatements
{
    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string SqlServerProvider = "Microsoft.EntityFrameworkCore.SqlServer";

    public const string KeyParameter = "@key";
    public const string PayloadParameter = "@payload";
    public const string ExpiresParameter = "@expires";
    public const string NowParameter = "@now";

    private OneTimeTokenStatements(string? take, string? add, string? set)
    {
        Take = take;
        Add = add;
        Set = set;
    }

    /// <summary>No statements: every operation goes the portable way, as on a provider this class does not know.</summary>
    public static OneTimeTokenStatements Portable { get; } = new(take: null, add: null, set: null);

    /// <summary>Deletes the row of <see cref="KeyParameter"/> and returns its payload and expiry; <see langword="null"/> where the provider has no such statement.</summary>
    public string? Take { get; }

    /// <summary>Inserts the row unless a live one holds the key (an expired one is replaced); one row affected when it did.</summary>
    public string? Add { get; }

    /// <summary>Inserts the row or replaces the one holding the key.</summary>
    public string? Set { get; }

    public static OneTimeTokenStatements For(DbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(OneTimeTokenEntry))
            ?? throw new InvalidOperationException(
                $"{context.GetType().Name} does not map {nameof(OneTimeTokenEntry)}: implement {nameof(IOneTimeTokenDbContext)} on it.");
        var table = StoreObjectIdentifier.Table(
            entity.GetTableName() ?? throw new InvalidOperationException($"{nameof(OneTimeTokenEntry)} must be mapped to a table."),
            entity.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var key = Column(nameof(OneTimeTokenEntry.Key));
        var payload = Column(nameof(OneTimeTokenEntry.Payload));
        var expires = Column(nameof(OneTimeTokenEntry.ExpiresAtUnixTimeMilliseconds));

        switch (context.Database.ProviderName)
        {
            case PostgreSqlProvider or SqliteProvider:
                var insert = $"INSERT INTO {tableName} ({key}, {payload}, {expires}) VALUES ({KeyParameter}, {PayloadParameter}, {ExpiresParameter}) "
                    + $"ON CONFLICT ({key}) DO UPDATE SET {payload} = excluded.{payload}, {expires} = excluded.{expires}";
                return new OneTimeTokenStatements(
                    take: $"DELETE FROM {tableName} WHERE {key} = {KeyParameter} RETURNING {payload}, {expires}",
                    add: $"{insert} WHERE {sql.DelimitIdentifier(table.Name)}.{expires} <= {NowParameter}",
                    set: insert);
            case SqlServerProvider:
                return new OneTimeTokenStatements(
                    take: $"DELETE FROM {tableName} OUTPUT DELETED.{payload}, DELETED.{expires} WHERE {key} = {KeyParameter}",
                    add: null,
                    set: null);
            default:
                return Portable;
        }
    }
}
