using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The outcome of validating one media token: the token and identity, or why it was rejected.
/// </summary>
internal readonly struct MediaTokenValidationResult
{
    private MediaTokenValidationResult(SecurityToken? token, ClaimsIdentity? identity, Exception? failure)
    {
        Token = token;
        Identity = identity;
        Failure = failure;
    }

    public SecurityToken? Token { get; }

    public ClaimsIdentity? Identity { get; }

    public Exception? Failure { get; }

    [MemberNotNullWhen(true, nameof(Token), nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Failure is null;

    public static MediaTokenValidationResult Valid(SecurityToken token, ClaimsIdentity identity) => new(token, identity, null);

    public static MediaTokenValidationResult Invalid(Exception failure) => new(null, null, failure);
}
