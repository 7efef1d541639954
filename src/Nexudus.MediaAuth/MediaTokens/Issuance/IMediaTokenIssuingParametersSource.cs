namespace Nexudus.MediaAuth.MediaTokens.Issuance;

/// <summary>
/// Answers the current issuing parameters of a scheme; the scheme's state service implements it, so that the issuer
/// follows a configuration reload without knowing the scheme.
/// </summary>
internal interface IMediaTokenIssuingParametersSource
{
    /// <summary>The issuing parameters of <paramref name="authenticationScheme"/>'s current options.</summary>
    MediaTokenIssuingParameters GetIssuingParameters(string authenticationScheme);
}
