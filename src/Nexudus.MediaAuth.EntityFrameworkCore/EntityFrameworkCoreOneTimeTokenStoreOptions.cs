namespace Nexudus.MediaAuth.EntityFrameworkCore;

/// <summary>
/// Options for the Entity Framework Core one-time token store.
/// </summary>
public sealed class EntityFrameworkCoreOneTimeTokenStoreOptions
{
    /// <summary>
    /// How often, at most, expired rows are deleted: on the first issue after this much time, in the background, by
    /// the index on the expiry. Between 1 second and 1 day; defaults to 5 minutes. A redemption never returns an
    /// expired row, purged or not.
    /// </summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many expired rows one purge statement deletes, at most; a purge repeats it until fewer are left, so that no
    /// statement holds locks on a large part of the table. Between 1 and 100,000; defaults to 1,000.
    /// </summary>
    public int PurgeBatchSize { get; set; } = 1000;
}
