using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;

namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// Makes ASP.NET Core's HttpLogging write the query with token values redacted. HttpLogging runs inside the pipeline,
/// where the application sees the real query.
/// </summary>
internal sealed class TokenQueryHttpLoggingInterceptor : IHttpLoggingInterceptor
{
    private readonly TokenQueryRedactor _redactor;

    public TokenQueryHttpLoggingInterceptor(TokenQueryRedactor redactor) => _redactor = redactor;

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

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
