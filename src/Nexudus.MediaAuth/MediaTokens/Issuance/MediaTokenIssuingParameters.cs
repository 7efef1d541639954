using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Issuance;

/// <summary>
/// What a scheme's tokens carry and are signed with, taken from one instance of the scheme's options (and its keys) by
/// the scheme's state, so that issuance depends on the values and not on the scheme.
/// </summary>
/// <param name="CustomerIdClaimType">The claim of the customer whose id becomes the <c>sub</c>.</param>
/// <param name="Issuer">The <c>iss</c>.</param>
/// <param name="Audience">The <c>aud</c>.</param>
/// <param name="TokenLifetime">How long a token is valid unless its issuer says otherwise.</param>
/// <param name="MaxResourceBoundTokenLifetime">The longest lifetime an issuer may give a token bound to a resource.</param>
/// <param name="Credentials">
/// The credentials tokens are signed with, carrying the key's <c>kid</c>; <see langword="null"/> for a validation-only scheme.
/// </param>
internal sealed record MediaTokenIssuingParameters(
    string CustomerIdClaimType,
    string Issuer,
    string Audience,
    TimeSpan TokenLifetime,
    TimeSpan MaxResourceBoundTokenLifetime,
    SigningCredentials? Credentials);
