using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Nexudus.MediaAuth.Hosting;

/// <summary>
/// The query of a request whose token values the redaction startup filter redacted in the raw query
/// string (<see cref="HttpRequest.QueryString"/>, what logs and telemetry read). <see cref="HttpRequest.Query"/>, what
/// the application, the authentication handler and parameter binding read, keeps the values the client sent.
/// </summary>
internal sealed class RedactedQueryFeature : IQueryFeature
{
    private readonly IHttpRequestFeature _request;
    private readonly string _original;
    private readonly string _redacted;
    private IQueryCollection? _query;
    private string? _parsed;

    public RedactedQueryFeature(IHttpRequestFeature request, string original, string redacted)
    {
        _request = request;
        _original = original;
        _redacted = redacted;
    }

    /// <summary>
    /// The query the client sent, unless the application has since replaced the raw query string (a rewrite, say):
    /// then that one, as ASP.NET Core's own query feature does.
    /// </summary>
    public string QueryString => ReferenceEquals(_request.QueryString, _redacted) ? _original : _request.QueryString;

    public IQueryCollection Query
    {
        get
        {
            var current = QueryString;
            if (_query is null || !ReferenceEquals(_parsed, current))
            {
                _parsed = current;
                _query = QueryHelpers.ParseNullableQuery(current) is { } values ? new QueryCollection(values) : QueryCollection.Empty;
            }

            return _query;
        }

        set
        {
            _query = value;
            _parsed = _request.QueryString = Microsoft.AspNetCore.Http.QueryString.Create(value).ToString();
        }
    }

    /// <summary>The raw query string the client sent, whether or not its token values were redacted.</summary>
    public static string? Read(HttpRequest request) =>
        request.HttpContext.Features.Get<IQueryFeature>() is RedactedQueryFeature redacted ? redacted.QueryString : request.QueryString.Value;
}
