using System.Collections.Concurrent;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// A host's <see cref="IOneTimeTokenStore"/> that records what it is given. Entries never expire here; the service
/// checks the ticket's own expiry.
/// </summary>
public sealed class RecordingOneTimeTokenStore : IOneTimeTokenStore
{
    private readonly ConcurrentDictionary<string, string> _entries = new();

    /// <summary>Every key asked for, by add or take, in order.</summary>
    public ConcurrentQueue<string> Keys { get; } = new();

    public ConcurrentQueue<(string Key, string Payload)> Added { get; } = new();

    public ConcurrentQueue<string> Taken { get; } = new();

    public ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        Keys.Enqueue(key);
        Added.Enqueue((key, payload));
        return ValueTask.FromResult(_entries.TryAdd(key, payload));
    }

    public ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default)
    {
        Keys.Enqueue(key);
        Taken.Enqueue(key);
        return ValueTask.FromResult(_entries.TryRemove(key, out var payload) ? payload : null);
    }

    /// <summary>Stamps written (revocations), by key. Not in <see cref="Keys"/>, which follows tokens.</summary>
    public ConcurrentQueue<(string Key, string Payload)> Set { get; } = new();

    public ValueTask SetAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        Set.Enqueue((key, payload));
        _entries[key] = payload;
        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out var payload) ? payload : null);
}
