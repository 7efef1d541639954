using Microsoft.EntityFrameworkCore;

namespace Nexudus.MediaAuth.EntityFrameworkCore;

/// <summary>
/// Implemented by the host's <see cref="DbContext"/> to hold the one-time token table, as ASP.NET Core Data
/// Protection's <c>IDataProtectionKeyContext</c> holds its keys: the table then comes with the host's migrations.
/// </summary>
public interface IOneTimeTokenDbContext
{
    /// <summary>The one-time tokens issued and not yet redeemed, expired or purged.</summary>
    DbSet<OneTimeTokenEntry> OneTimeTokens { get; }
}
