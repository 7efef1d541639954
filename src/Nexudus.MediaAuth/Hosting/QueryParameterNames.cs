namespace Nexudus.MediaAuth.Hosting;

/// <summary>
/// The names of the query parameters the library reads itself, fixed by the documented URLs.
/// </summary>
internal static class QueryParameterNames
{
    /// <summary>The media token of <c>/invoices/42/pdf?t={jwt}</c>: the default of a scheme's <c>QueryParameterName</c>.</summary>
    public const string MediaToken = "t";

    /// <summary>The one-time token of the login redirect: <c>/user/login?server=true&amp;t={token}&amp;redirectUrl={path}</c>.</summary>
    public const string LoginToken = "t";

    /// <summary>Where the login redirect sends the browser once signed in.</summary>
    public const string RedirectUrl = "redirectUrl";

    /// <summary>The one-time token of the exchange: <c>/api/sys/users/exchange?token={token}&amp;validForInMinutes={n}</c>.</summary>
    public const string ExchangeToken = "token";

    /// <summary>The lifetime the exchange is asked to give the bearer token.</summary>
    public const string ValidForInMinutes = "validForInMinutes";

    /// <summary>The envelope fields an <c>ActionConfirmation</c> keeps: <c>?_shape=Value,WasSuccessful</c>.</summary>
    public const string Shape = "_shape";
}
