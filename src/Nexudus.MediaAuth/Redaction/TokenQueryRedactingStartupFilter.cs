using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Hosting;

namespace Nexudus.MediaAuth.Redaction;

/// <summary>
/// Redacts token values in the raw query string at the start of every request, before anything records it.
/// </summary>
/// <remarks>
/// ASP.NET Core's hosting layer writes the <c>Request starting</c> log and raises the request activity's start event
/// after the HttpContext exists and before any middleware runs, so middleware is too late. Replacing
/// <see cref="IHttpContextFactory"/> would be early enough, but the hosting layer pools HttpContexts only with its own
/// factory. In between, it hands every new request activity and its HttpContext to the listeners of its
/// <see cref="DiagnosticListener"/> (<c>OnActivityImport</c>), ahead of the log and of the start event: that is where
/// this subscribes, from a startup filter because the pipeline is built just before the server starts.
/// </remarks>
internal sealed class TokenQueryRedactingStartupFilter : IStartupFilter, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    // The hosting layer asks its listeners whether to create the request activity under this name.
    private const string RequestActivityName = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private readonly DiagnosticListener _hosting;
    private readonly IOptions<TokenQueryRedactionOptions> _options;
    private IDisposable? _subscription;

    public TokenQueryRedactingStartupFilter(DiagnosticListener hosting, IOptions<TokenQueryRedactionOptions> options)
    {
        _hosting = hosting;
        _options = options;
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (_options.Value.Enabled)
        {
            _subscription ??= _hosting.Subscribe(this, static (name, _, _) => name == RequestActivityName, Redact, onActivityExport: null);
        }

        next(app);
    };

    public void Dispose() => _subscription?.Dispose();

    private void Redact(Activity activity, object? payload)
    {
        if (payload is HttpContext context
            && context.Features.Get<IHttpRequestFeature>() is { } request
            && TokenQueryRedactor.Redact(request.QueryString) is { } redacted)
        {
            context.Features.Set<IQueryFeature>(new RedactedQueryFeature(request, request.QueryString, redacted));
            request.QueryString = redacted;
        }
    }

    // The events themselves are not needed: only the activity import above, which comes with the subscription.
    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
