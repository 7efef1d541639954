using System.Diagnostics.CodeAnalysis;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The outcome of validating one media token: what the token proved, or why it was rejected.
/// </summary>
internal readonly struct MediaTokenValidationResult
{
    private MediaTokenValidationResult(ValidatedMediaToken? token, Exception? failure)
    {
        Token = token;
        Failure = failure;
    }

    public ValidatedMediaToken? Token { get; }

    public Exception? Failure { get; }

    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Failure is null;

    public static MediaTokenValidationResult Valid(ValidatedMediaToken token) => new(token, null);

    public static MediaTokenValidationResult Invalid(Exception failure) => new(null, failure);
}
