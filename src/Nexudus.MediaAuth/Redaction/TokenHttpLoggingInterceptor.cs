using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Nexudus.MediaAuth.Hosting;

namespace Nexudus.MediaAuth.Redaction;

/// <summary>
/// Keeps tokens out of ASP.NET Core's HttpLogging: it never writes the response body of an endpoint that returns a
/// token. (The query it writes is already redacted, see <see cref="TokenQueryRedactingStartupFilter"/>.)
/// </summary>
internal sealed class TokenHttpLoggingInterceptor : IHttpLoggingInterceptor
{
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;

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
