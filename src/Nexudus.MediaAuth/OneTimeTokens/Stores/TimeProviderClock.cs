using Microsoft.Extensions.Internal;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// A <see cref="TimeProvider"/> as the <see cref="ISystemClock"/> that <c>MemoryCacheOptions.Clock</c> takes, so the
/// in-memory store expires entries on the clock the service checks tickets against.
/// </summary>
#pragma warning disable CS0618 // ISystemClock is the only clock MemoryCacheOptions takes.
internal sealed class TimeProviderClock(TimeProvider timeProvider) : ISystemClock
#pragma warning restore CS0618
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
}
