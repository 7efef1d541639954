namespace Nexudus.MediaAuth.Redaction;

/// <summary>
/// Whether token values are kept out of the raw query string that ASP.NET Core and its logging read. On by default once
/// a media token scheme or one-time tokens are registered.
/// </summary>
public sealed class TokenQueryRedactionOptions
{
    /// <summary>
    /// Gets or sets whether the values of the token query parameters (each media token scheme's <c>QueryParameterName</c>,
    /// and <c>t</c> and <c>token</c> of the one-time token endpoints) are replaced with <c>[Redacted]</c> in
    /// <see cref="Microsoft.AspNetCore.Http.HttpRequest.QueryString"/> from the moment the hosting layer starts the
    /// request, so that its <c>Request starting</c> and <c>Request finished</c> logs, HttpLogging, W3C logging and the
    /// request activity's listeners never see them. <see cref="Microsoft.AspNetCore.Http.HttpRequest.Query"/> keeps the
    /// real values for the application. Defaults to <see langword="true"/>; a host that must forward or echo the raw
    /// query string (a reverse proxy) turns it off.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
