using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// The server-rendered side of the portal: the pages a one-time token hands a signed-in customer over to.
/// </summary>
public static class ServerPages
{
    public static IResult Home() => Html(
        "Nexudus.MediaAuth sample",
        "<p>Not signed in on the server side. Sign in through the <a href=\"/portal/\">portal</a> (<code>POST /api/token</code>), " +
        "then follow its server-view link, built from <code>POST /api/sys/users/token/refresh</code>.</p>");

    /// <summary>
    /// Lists the signed-in customer's invoices, each linked with a fresh media token bound to that invoice's PDF, as a
    /// server page would: a link copied out of the page opens that one invoice and nothing else. Each file gets a "View"
    /// and a "Download" link, whose bound tokens also carry the disposition the file endpoint answers with.
    /// </summary>
    public static IResult Invoices(string culture, ClaimsPrincipal user, DemoData data, IMediaTokenIssuer mediaTokens)
    {
        if (data.FindSignedIn(user) is not { } customer)
        {
            return Results.NotFound();
        }

        var encoder = HtmlEncoder.Default;
        var body = new StringBuilder()
            .Append("<p id=\"signed-in\">Signed in as ").Append(encoder.Encode(customer.FullName))
            .Append(" (").Append(encoder.Encode(customer.Email)).Append(")</p><ul>");
        foreach (var invoiceId in customer.InvoiceIds)
        {
            var pdfPath = $"/api/public/billing/invoices/{invoiceId}/pdf";
            var jwt = mediaTokens.IssueToken(user, new PathString(pdfPath));
            body.Append("<li><a href=\"").Append(pdfPath).Append("?t=")
                .Append(UrlEncoder.Default.Encode(jwt)).Append("\">Invoice ").Append(invoiceId).Append("</a></li>");
        }

        body.Append("</ul><ul id=\"files\">");
        foreach (var file in data.FilesOf(customer))
        {
            var downloadPath = $"/api/public/files/{file.Id}/download";
            body.Append("<li data-file-id=\"").Append(file.Id).Append("\">").Append(encoder.Encode(file.Name)).Append(": ");
            AppendFileLink(body, mediaTokens.IssueToken(user, new PathString(downloadPath), MediaTokenDisposition.Inline), downloadPath, "view", "View");
            body.Append(' ');
            AppendFileLink(body, mediaTokens.IssueToken(user, new PathString(downloadPath), MediaTokenDisposition.Attachment), downloadPath, "download", "Download");
            body.Append("</li>");
        }

        body.Append("</ul>");
        return Html($"Invoices ({encoder.Encode(culture)})", body.ToString());
    }

    private static void AppendFileLink(StringBuilder body, string jwt, string path, string className, string text) =>
        body.Append("<a class=\"").Append(className).Append("\" href=\"").Append(path).Append("?t=")
            .Append(UrlEncoder.Default.Encode(jwt)).Append("\">").Append(text).Append("</a>");

    private static IResult Html(string title, string body) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\"><title>{title}</title></head>" +
        $"<body><h1>{title}</h1>{body}</body></html>",
        "text/html; charset=utf-8");
}
