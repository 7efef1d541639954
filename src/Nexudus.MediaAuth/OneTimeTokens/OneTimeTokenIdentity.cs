using System.Security.Claims;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// The principal a one-time token stands for: the customer id and the name, email and role claims of the
/// issuing principal, shaped by <see cref="OneTimeTokenOptions.OnCreatingIdentity"/>. It is made when the token is
/// issued, so the store never holds the rest of the bearer principal, and neither the cookie nor the exchanged token
/// repeats the bearer JWT's own registered claims.
/// </summary>
internal static class OneTimeTokenIdentity
{
    // Enough to greet the customer and to authorize by role; OnCreatingIdentity adds anything else a host needs.
    private static readonly string[] CopiedClaimTypes = [ClaimTypes.Name, ClaimTypes.Email, ClaimTypes.Role];

    // RFC 7519 §4.1 less "sub": the claims that describe a JWT rather than the customer. The sign-in and the exchanged
    // token have lifetimes and issuers of their own; the bearer's would contradict them.
    private static readonly HashSet<string> RegisteredJwtClaims = ["iss", "aud", "exp", "nbf", "iat", "jti"];

    public static bool IsRegisteredJwtClaim(string claimType) => RegisteredJwtClaims.Contains(claimType);

    /// <exception cref="InvalidOperationException"><paramref name="customer"/> has no customer id claim.</exception>
    public static ClaimsPrincipal Create(ClaimsPrincipal customer, OneTimeTokenOptions options)
    {
        var customerId = customer.FindFirst(options.CustomerIdClaimType);
        if (string.IsNullOrEmpty(customerId?.Value))
        {
            throw new InvalidOperationException(
                $"The principal has no '{options.CustomerIdClaimType}' claim (OneTimeTokenOptions.CustomerIdClaimType), so it is not a customer a one-time token can sign in.");
        }

        var source = customerId.Subject;
        var identity = new ClaimsIdentity(
            source?.AuthenticationType ?? "OneTimeToken",
            source?.NameClaimType ?? ClaimsIdentity.DefaultNameClaimType,
            source?.RoleClaimType ?? ClaimsIdentity.DefaultRoleClaimType);

        // New claims with the local issuer: a copied claim would carry the bearer token's issuer in its metadata.
        identity.AddClaim(new Claim(options.CustomerIdClaimType, customerId.Value, customerId.ValueType));
        foreach (var claimType in CopiedClaimTypes.Where(type => type != options.CustomerIdClaimType))
        {
            foreach (var claim in customer.FindAll(claimType))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType));
            }
        }

        if (options.OnCreatingIdentity is { } shape)
        {
            shape(customer, identity);
            foreach (var registered in identity.Claims.Where(claim => IsRegisteredJwtClaim(claim.Type)).ToList())
            {
                identity.RemoveClaim(registered);
            }
        }

        return new ClaimsPrincipal(identity);
    }
}
