namespace Nexudus.MediaAuth.Hosting;

/// <summary>
/// Marks an endpoint whose response body carries a token, so that diagnostics never record the body.
/// </summary>
internal sealed class TokenResponseMetadata
{
    public static readonly TokenResponseMetadata Instance = new();

    private TokenResponseMetadata()
    {
    }
}
