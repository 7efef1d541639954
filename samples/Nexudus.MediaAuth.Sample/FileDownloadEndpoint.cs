using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// <c>GET /api/public/files/{fileId}/download?t={jwt}</c>: one of the customer's files, opened with a media token, with
/// <c>HEAD</c>, ranges, <c>ETag</c> and <c>Last-Modified</c>, and a continuation so a video seeks and a download resumes
/// after the token's minute.
/// </summary>
public static class FileDownloadEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        const string Path = "/api/public/files/{fileId:int}/download";
        endpoints.MapGet(Path, Download)
            .RequireMediaToken()
            .AllowMediaTokenContinuation()
            .WithName("DownloadFile")
            .WithTags("Portal")
            .WithSummary("Download one of the customer's files")
            .WithDescription("Opens with a media token in the URL (?t={jwt}); the browser that opened it keeps reading it (ranges, seeking) after the token expired.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // HEAD answers like GET without a body; one operation in the API description is enough.
        endpoints.MapMethods(Path, [HttpMethods.Head], Download)
            .RequireMediaToken()
            .AllowMediaTokenContinuation()
            .ExcludeFromDescription();
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Download(
        int fileId, ClaimsPrincipal user, DemoData data, SampleFiles files, HttpContext context)
    {
        // Another customer's file and an unknown id look the same, so ids cannot be probed.
        if (data.FindSignedIn(user) is not { } customer
            || data.FindFile(customer, fileId) is not { } file
            || files.Find(file, customer, data) is not { } content)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found.");
        }

        var info = new FileInfo(content.Path);
        var lastModified = new DateTimeOffset(info.LastWriteTimeUtc);
        var entityTag = new EntityTagHeaderValue(
            $"\"{info.Length.ToString("x", CultureInfo.InvariantCulture)}-{lastModified.UtcTicks.ToString("x", CultureInfo.InvariantCulture)}\"");
        // RFC 6266 with filename* for the real name; inline or attachment as the link's token says (a "view" or a
        // "download" link), else what suits the file.
        context.Response.SetMediaTokenContentDisposition(file.Name, content.Inline ? MediaTokenDisposition.Inline : MediaTokenDisposition.Attachment);
        return TypedResults.PhysicalFile(content.Path, content.ContentType, lastModified: lastModified, entityTag: entityTag, enableRangeProcessing: true);
    }
}
