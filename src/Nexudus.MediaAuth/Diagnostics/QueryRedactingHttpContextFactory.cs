using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// Redacts token values in the query before the HttpContext exists. ASP.NET Core's hosting layer writes the
/// <c>Request starting</c> log, starts the request activity and raises its diagnostic events right after the
/// HttpContext is created, before any middleware runs. <see cref="TokenQueryRestoringStartupFilter"/> puts the real
/// query back for the application.
/// </summary>
/// <remarks>
/// Any <see cref="IHttpContextFactory"/> other than the default makes the hosting layer create a new HttpContext for
/// each request instead of reusing a pooled one. That costs one small allocation per request.
/// </remarks>
internal sealed class QueryRedactingHttpContextFactory : IHttpContextFactory
{
    private readonly IHttpContextFactory _inner;
    private readonly TokenQueryRedactor _redactor;

    public QueryRedactingHttpContextFactory(IHttpContextFactory inner, TokenQueryRedactor redactor)
    {
        _inner = inner;
        _redactor = redactor;
    }

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        if (featureCollection.Get<IHttpRequestFeature>() is { } request && _redactor.Redact(request.QueryString) is { } redacted)
        {
            featureCollection.Set(new RedactedQueryFeature(request.QueryString, redacted));
            request.QueryString = redacted;
        }

        return _inner.Create(featureCollection);
    }

    public void Dispose(HttpContext httpContext) => _inner.Dispose(httpContext);
}
