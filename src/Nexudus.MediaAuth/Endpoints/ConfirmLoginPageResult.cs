using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Nexudus.MediaAuth.OneTimeTokens;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The page the login redirect answers in <see cref="OneTimeTokenLoginMode.Confirm"/> mode: one form whose button posts
/// the token, in the body, to the same path. It has no script, no style and no resource to fetch, so a scanner that
/// renders it and runs its scripts has nothing to run, and its policy forbids framing it (a click cannot be hijacked)
/// and posting it anywhere but here. Its text is <see cref="ConfirmLoginPageText"/>'s, HTML-encoded.
/// </summary>
internal sealed class ConfirmLoginPageResult(string token, string? redirectUrl, ConfirmLoginPageText text) : IResult
{
    /// <summary>
    /// Nothing may load, run or frame the page; the form may post only to this origin. Without a <c>default-src</c>
    /// exception there is nothing a nonce would be needed for.
    /// </summary>
    internal const string ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        response.ContentType = "text/html; charset=utf-8";

        var html = HtmlEncoder.Default;
        var request = httpContext.Request;
        var page = new StringBuilder(1024)
            .Append("<!DOCTYPE html><html lang=\"").Append(html.Encode(text.Language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(html.Encode(text.Title)).Append("</title></head><body><main><h1>").Append(html.Encode(text.Title))
            .Append("</h1><p>").Append(html.Encode(text.Message)).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(html.Encode(request.PathBase.Add(request.Path).ToUriComponent())).Append("\">")
            .Append("<input type=\"hidden\" name=\"t\" value=\"").Append(html.Encode(token)).Append("\">");
        if (redirectUrl is not null)
        {
            page.Append("<input type=\"hidden\" name=\"redirectUrl\" value=\"").Append(html.Encode(redirectUrl)).Append("\">");
        }

        page.Append("<button type=\"submit\">").Append(html.Encode(text.Button)).Append("</button></form></main></body></html>");
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.WriteAsync(page.ToString(), httpContext.RequestAborted);
    }
}
