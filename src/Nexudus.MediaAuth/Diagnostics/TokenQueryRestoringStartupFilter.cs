using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// Adds the first middleware of the pipeline, ahead of everything the application adds. It gives the application the
/// query that <see cref="QueryRedactingHttpContextFactory"/> redacted. When the pipeline is done it redacts the query
/// again, so the hosting layer's <c>Request finished</c> log and the activity's stop events read the redacted query.
/// </summary>
internal sealed class TokenQueryRestoringStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RestoreQuery);
        next(app);
    };

    private static RequestDelegate RestoreQuery(RequestDelegate next) => context =>
        context.Features.Get<RedactedQueryFeature>() is { } redaction
            ? InvokeWithOriginalQueryAsync(context, next, redaction)
            : next(context);

    private static async Task InvokeWithOriginalQueryAsync(HttpContext context, RequestDelegate next, RedactedQueryFeature redaction)
    {
        var request = context.Features.GetRequiredFeature<IHttpRequestFeature>();
        request.QueryString = redaction.Original;
        try
        {
            await next(context);
        }
        finally
        {
            request.QueryString = redaction.Redacted;
        }
    }
}
