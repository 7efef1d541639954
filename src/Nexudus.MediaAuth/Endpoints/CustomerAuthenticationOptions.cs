namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// How the token-issuing endpoints (<c>MapMediaTokenEndpoints</c>) authenticate the customer who asks for a token.
/// </summary>
public sealed class CustomerAuthenticationOptions
{
    /// <summary>
    /// The host's bearer schemes that authenticate the customer. Empty (the default) means the host's default
    /// authenticate scheme. A principal authenticated by a media token is refused whatever is listed here: a media
    /// token can never mint another token.
    /// </summary>
    public IList<string> AuthenticationSchemes { get; } = [];
}
