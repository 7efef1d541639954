using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Nexudus.MediaAuth.Hosting;
using Nexudus.MediaAuth.OneTimeTokens;

namespace Nexudus.MediaAuth.Redaction;

/// <summary>
/// Keeps tokens out of ASP.NET Core's HttpLogging: it never writes the response body of an endpoint that returns a
/// token (the login redirect's confirmation page among them), nor the body of a post to the login redirect, which
/// carries the one-time token of the confirmation page.
/// (The query it writes is already redacted, see <see cref="TokenQueryRedactingStartupFilter"/>.)
/// </summary>
internal sealed class TokenHttpLoggingInterceptor : IHttpLoggingInterceptor
{
    // HttpLogging may run before routing, so the post is told by its path (any culture prefix or path base before it,
    // and a trailing slash after it, which routing matches too), not by its endpoint; a false match only leaves a body
    // unlogged.
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        var request = logContext.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method)
            && request.Path.Value is { } path
            && path.AsSpan().TrimEnd('/').EndsWith(OneTimeTokenDefaults.LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            logContext.TryDisable(HttpLoggingFields.RequestBody);
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
