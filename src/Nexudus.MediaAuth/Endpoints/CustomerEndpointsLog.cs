using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The log messages of the customer endpoints. No message ever carries a token value; event ids are listed in the README.
/// </summary>
internal static partial class CustomerEndpointsLog
{
    // Warning, not an error: a server-rendered host may mint for its cookie-signed-in customer on purpose.
    [LoggerMessage(40, LogLevel.Warning, "{Endpoint} authenticates the customer with the host's default authenticate scheme, {AuthenticationScheme}, a cookie scheme: a bearer token is not read there, and a portal calling with one gets 401. List the customer's bearer scheme in CustomerAuthenticationOptions.AuthenticationSchemes, or list the cookie scheme there if customers do call with the cookie.", EventName = "CustomerSchemeIsCookie")]
    public static partial void CustomerSchemeIsCookie(this ILogger logger, string endpoint, string authenticationScheme);
}
