namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// What a validator checks a token against, taken from one instance of the scheme's options by the scheme's state, so
/// that validation depends on the values and not on the options type.
/// </summary>
/// <param name="AuthenticationType">The scheme's name, the authentication type of the identities it signs in.</param>
/// <param name="CustomerIdClaimType">The claim type the <c>sub</c> is signed in as.</param>
/// <param name="Issuer">The one accepted <c>iss</c>.</param>
/// <param name="Audience">The accepted <c>aud</c>.</param>
/// <param name="MaxTokenLength">The longest token, in characters, read at all.</param>
/// <param name="MaxTokenLifetime">The longest <c>exp</c> minus the earlier of <c>iat</c> and <c>nbf</c> of a token without <c>res</c>.</param>
/// <param name="MaxResourceBoundTokenLifetime">The same for a token with <c>res</c>.</param>
/// <param name="ClockSkew">The skew allowed around <c>exp</c> and the start of validity.</param>
/// <param name="ValidationCacheSize">How many validated tokens a validator of RSA or EC keys remembers; 0 for none.</param>
internal sealed record MediaTokenValidationParameters(
    string AuthenticationType,
    string CustomerIdClaimType,
    string Issuer,
    string Audience,
    int MaxTokenLength,
    TimeSpan MaxTokenLifetime,
    TimeSpan MaxResourceBoundTokenLifetime,
    TimeSpan ClockSkew,
    int ValidationCacheSize);
