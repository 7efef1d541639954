using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// The sample's own slice of the documented portal API: sign-in, the customer's files and invoices, and the invoice
/// PDF that a media token opens.
/// </summary>
public static class PortalApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/token", TokenEndpoint.HandleAsync)
            .WithName("GetToken")
            .WithTags("Sign-in")
            .WithSummary("Get a bearer token")
            .WithDescription("Exchanges grant_type=password&username={email}&password={password} (application/x-www-form-urlencoded) for a bearer token.")
            .Produces<TokenResponse>()
            .Produces<TokenError>(StatusCodes.Status400BadRequest);

        var customer = endpoints.MapGroup("/api/public").RequireAuthorization().WithTags("Portal");

        customer.MapGet("/files/my", (ClaimsPrincipal user, DemoData data) => ListOf(data.FindSignedIn(user), data.FilesOf))
            .WithName("ListMyFiles")
            .WithSummary("List the customer's files");

        customer.MapGet("/billing/invoices/my", (ClaimsPrincipal user, DemoData data) => ListOf(data.FindSignedIn(user), data.InvoicesOf))
            .WithName("ListMyInvoices")
            .WithSummary("List the customer's invoices");

        endpoints.MapGet("/api/public/billing/invoices/{invoiceId:int}/pdf", Results<FileContentHttpResult, ProblemHttpResult> (
                int invoiceId, ClaimsPrincipal user, DemoData data, HttpContext context) =>
            {
                // Another customer's invoice and an unknown id look the same, so ids cannot be probed.
                if (data.FindSignedIn(user) is not { } signedIn
                    || data.FindInvoice(signedIn, invoiceId) is not { } invoice)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Invoice not found.");
                }

                context.Response.Headers.ContentDisposition = $"inline; filename=\"invoice-{invoiceId}.pdf\"";
                return TypedResults.File(InvoicePdf.Render(invoice, signedIn), "application/pdf");
            })
            .RequireMediaToken()
            .WithName("GetInvoicePdf")
            .WithTags("Portal")
            .WithSummary("Download an invoice PDF")
            .WithDescription("Opens with a media token in the URL (?t={jwt}), so a plain link or window.open() works without an Authorization header.")
            // A typed body (Stream) would need JSON metadata for Stream under Native AOT, so the binary schema is written here.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Responses ??= [];
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "The invoice as a PDF document.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/pdf"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    },
                };
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status404NotFound);

        FileDownloadEndpoint.Map(endpoints);
    }

    private static Results<Ok<IReadOnlyList<T>>, NotFound> ListOf<T>(DemoCustomer? customer, Func<DemoCustomer, IReadOnlyList<T>> list) =>
        customer is null ? TypedResults.NotFound() : TypedResults.Ok(list(customer));
}
