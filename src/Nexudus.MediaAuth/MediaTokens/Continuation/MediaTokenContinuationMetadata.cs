namespace Nexudus.MediaAuth.MediaTokens.Continuation;

/// <summary>
/// Marks an endpoint on which a media token's continuation authenticates (see
/// <c>AllowMediaTokenContinuation()</c>); on any other endpoint the continuation cookie is neither set nor read.
/// </summary>
internal sealed class MediaTokenContinuationMetadata
{
    public static readonly MediaTokenContinuationMetadata Instance = new();

    private MediaTokenContinuationMetadata()
    {
    }
}
