using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace Nexudus.MediaAuth.EntityFrameworkCore;

/// <summary>
/// A row of the one-time token table: a token's hash, its protected payload and when it expires. The host's
/// <see cref="DbContext"/> maps it by implementing <see cref="IOneTimeTokenDbContext"/>.
/// </summary>
/// <remarks>
/// The table is <c>MediaAuthOneTimeTokens</c>, keyed by <see cref="Key"/>, with an index on
/// <see cref="ExpiresAtUnixTimeMilliseconds"/> for the purge of expired rows. Expiry is a number, not a date, so that
/// every provider compares it in SQL alike (SQLite has no date type).
/// </remarks>
[Table("MediaAuthOneTimeTokens")]
[PrimaryKey(nameof(Key))]
[Index(nameof(ExpiresAtUnixTimeMilliseconds))]
public sealed class OneTimeTokenEntry
{
    /// <summary>The SHA-256 of the token, in hexadecimal: never the token itself.</summary>
    [StringLength(128)]
    public required string Key { get; set; }

    /// <summary>The customer's ticket, serialized and protected by ASP.NET Core Data Protection.</summary>
    public required string Payload { get; set; }

    /// <summary>When the entry expires, in milliseconds since the Unix epoch (UTC).</summary>
    public long ExpiresAtUnixTimeMilliseconds { get; set; }
}
