using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Nexudus.MediaAuth.EntityFrameworkCore;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// The sample's database, when <c>ConnectionStrings:Postgres</c> or <c>ConnectionStrings:Sqlite</c> is set: only the
/// one-time token table, as a host's own context would hold it beside its other tables.
/// </summary>
[RequiresUnreferencedCode(SeveralInstances.DatabaseStoresNeedTheJit)]
[RequiresDynamicCode(SeveralInstances.DatabaseStoresNeedTheJit)]
public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options), IOneTimeTokenDbContext
{
    public DbSet<OneTimeTokenEntry> OneTimeTokens => Set<OneTimeTokenEntry>();
}
