namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The kinds of token a customer is issued, each limited on its own (<see cref="CustomerIssueLimiter"/>).
/// </summary>
internal enum IssuedTokenKind
{
    MediaToken,
    OneTimeToken,
}
