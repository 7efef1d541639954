using Microsoft.EntityFrameworkCore;
using Nexudus.MediaAuth.EntityFrameworkCore;

namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>A host's own context, holding the one-time token table beside its other tables.</summary>
public sealed class TokenDbContext(DbContextOptions<TokenDbContext> options) : DbContext(options), IOneTimeTokenDbContext
{
    public DbSet<OneTimeTokenEntry> OneTimeTokens => Set<OneTimeTokenEntry>();
}
