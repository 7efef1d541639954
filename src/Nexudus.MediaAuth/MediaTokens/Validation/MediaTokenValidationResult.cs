using System.Diagnostics.CodeAnalysis;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// The outcome of validating one media token: what the token proved, or why it was rejected.
/// </summary>
internal readonly struct MediaTokenValidationResult
{
    private MediaTokenValidationResult(ValidatedMediaToken? token, Exception? failure, bool fromCache)
    {
        Token = token;
        Failure = failure;
        FromCache = fromCache;
    }

    public ValidatedMediaToken? Token { get; }

    public Exception? Failure { get; }

    /// <summary>
    /// Whether a valid token was found in the validation cache rather than verified again.
    /// </summary>
    public bool FromCache { get; }

    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Failure is null;

    public static MediaTokenValidationResult Valid(ValidatedMediaToken token, bool fromCache = false) => new(token, null, fromCache);

    public static MediaTokenValidationResult Invalid(Exception failure) => new(null, failure, fromCache: false);
}
