namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// Thrown by the in-memory store when it holds <c>OneTimeTokenOptions.MaxLiveTokens</c> live tokens: the token
/// is not issued, and the refresh endpoint answers its 500 envelope, as for any store failure.
/// </summary>
internal sealed class OneTimeTokenStoreFullException(int maxLiveTokens)
    : InvalidOperationException($"The in-memory one-time token store holds {maxLiveTokens} live tokens, its bound (OneTimeTokenOptions.MaxLiveTokens).");
