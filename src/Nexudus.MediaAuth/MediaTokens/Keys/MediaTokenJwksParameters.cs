namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// Where and how often a validation-only scheme fetches its keys, and what it accepts of the document, taken from
/// one instance of the scheme's options by the scheme's state.
/// </summary>
/// <param name="JwksUri">The document's address.</param>
/// <param name="RefreshInterval">How often the keys are fetched again on their own.</param>
/// <param name="MinimumRefreshInterval">The least time between two fetches, whatever asks for them.</param>
/// <param name="MaxBytes">The largest document read.</param>
/// <param name="MaxKeys">The most keys a document may list.</param>
/// <param name="ValidAlgorithms">The algorithms a key may verify.</param>
internal sealed record MediaTokenJwksParameters(
    Uri JwksUri,
    TimeSpan RefreshInterval,
    TimeSpan MinimumRefreshInterval,
    int MaxBytes,
    int MaxKeys,
    ISet<string> ValidAlgorithms);
