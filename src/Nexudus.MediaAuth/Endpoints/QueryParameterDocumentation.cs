using System.ComponentModel;
using System.Reflection;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The documentation of query parameters that handlers read themselves, written as the parameters of a method, since a
/// parameter's <see cref="DescriptionAttribute"/> is what OpenAPI generators read. The methods are never called.
/// </summary>
internal static class QueryParameterDocumentation
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Static;

    private static readonly ParameterInfo[] ExchangeParameters =
        typeof(QueryParameterDocumentation).GetMethod(nameof(Exchange), Private)!.GetParameters();

    public static ParameterInfo MediaToken { get; } =
        typeof(QueryParameterDocumentation).GetMethod(nameof(MediaTokenQuery), Private)!.GetParameters()[0];

    public static ParameterInfo ExchangeToken => ExchangeParameters[0];

    public static ParameterInfo ExchangeLifetime => ExchangeParameters[1];

    private static void MediaTokenQuery(
        [Description("The media token: the jwt of GET /api/auth/media/customer. It lives about a minute, so build links with a fresh one.")]
        string t)
    {
    }

    private static void Exchange(
        [Description("The one-time token from POST /api/sys/users/token/refresh, URL-encoded. Single use.")]
        string token,
        [Description("The bearer token's lifetime in minutes: at least 1, capped by the server. The portal passes 1440.")]
        int validForInMinutes)
    {
    }
}
