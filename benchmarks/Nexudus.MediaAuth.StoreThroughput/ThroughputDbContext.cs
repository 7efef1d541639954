using Microsoft.EntityFrameworkCore;
using Nexudus.MediaAuth.EntityFrameworkCore;

namespace Nexudus.MediaAuth.StoreThroughput;

public sealed class ThroughputDbContext(DbContextOptions<ThroughputDbContext> options) : DbContext(options), IOneTimeTokenDbContext
{
    public DbSet<OneTimeTokenEntry> OneTimeTokens => Set<OneTimeTokenEntry>();
}
