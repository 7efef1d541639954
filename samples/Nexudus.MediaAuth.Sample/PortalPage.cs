using Microsoft.Extensions.FileProviders;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// Serves the single-page customer portal (<c>Portal/</c>: plain HTML and JavaScript) at <c>/portal/</c>. The files are
/// embedded in the assembly, so a TestServer, a test's Kestrel host and the Native AOT binary all serve the same page
/// without a web root on disk.
/// </summary>
public static class PortalPage
{
    public const string RequestPath = "/portal";

    // Tokens travel in URLs, so nothing the page loads or links to may learn them from a Referer header.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void Use(IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(PortalPage).Assembly, "Nexudus.MediaAuth.Sample.Portal");
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = RequestPath, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = RequestPath,
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                headers.XContentTypeOptions = "nosniff";
            },
        });
    }
}
