using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Nexudus.MediaAuth.Endpoints;

namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// Keeps tokens out of ASP.NET Core's HttpLogging. It writes the query with token values redacted, because HttpLogging
/// runs inside the pipeline, where the application sees the real query. It never writes the response body of an
/// endpoint that returns a token.
/// </summary>
internal sealed class TokenHttpLoggingInterceptor : IHttpLoggingInterceptor
{
    private readonly TokenQueryRedactor _redactor;

    public TokenHttpLoggingInterceptor(TokenQueryRedactor redactor) => _redactor = redactor;

    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        if (logContext.IsAnyEnabled(HttpLoggingFields.RequestQuery)
            && _redactor.Redact(logContext.HttpContext.Request.QueryString.Value) is { } redacted)
        {
            logContext.TryDisable(HttpLoggingFields.RequestQuery);
            logContext.AddParameter(nameof(HttpRequest.QueryString), redacted);
        }

        return ValueTask.CompletedTask;
    }

    // The endpoint is known here even when HttpLogging runs before routing, and the body is not logged yet.
    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext)
    {
        if (logContext.HttpContext.GetEndpoint()?.Metadata.GetMetadata<TokenResponseMetadata>() is not null)
        {
            logContext.TryDisable(HttpLoggingFields.ResponseBody);
        }

        return ValueTask.CompletedTask;
    }
}
