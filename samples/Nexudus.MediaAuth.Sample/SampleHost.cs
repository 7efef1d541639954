using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Nexudus.MediaAuth.Endpoints;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// Builds the sample portal back end. Tests build the same app on a TestServer through the <c>configure</c> callback.
/// </summary>
public static class SampleHost
{
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);

        builder.Services.AddSingleton<DemoData>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // The documented API writes PascalCase fields (files, ActionConfirmation).
            json.SerializerOptions.PropertyNamingPolicy = null;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonSerializerContext.Default);
        });

        builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken()
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/";
                cookie.Cookie.Name = "portal";
            });
        builder.Services.AddMediaTokenAuthentication();
        builder.Services.Configure<CustomerAuthenticationOptions>(customer =>
            customer.AuthenticationSchemes.Add(BearerTokenDefaults.AuthenticationScheme));
        builder.Services.AddOneTimeTokens(oneTime => oneTime.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme);
        builder.Services.AddMediaTokenRedaction();
        builder.Services.AddAuthorization();

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapPost("/api/token", TokenEndpoint.HandleAsync);

        app.MapGet("/api/public/files/my", (ClaimsPrincipal user, DemoData data) =>
                data.FindById(user.FindFirstValue(ClaimTypes.NameIdentifier)) is { } customer
                    ? Results.Ok(data.FilesOf(customer))
                    : Results.NotFound())
            .RequireAuthorization();

        app.MapGet("/api/public/billing/invoices/{invoiceId:int}/pdf", Results<FileContentHttpResult, ProblemHttpResult> (
                int invoiceId, ClaimsPrincipal user, DemoData data, HttpContext context) =>
            {
                // Another customer's invoice and an unknown id look the same, so ids cannot be probed.
                if (data.FindById(user.FindFirstValue(ClaimTypes.NameIdentifier)) is not { } customer
                    || !customer.InvoiceIds.Contains(invoiceId))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Invoice not found.");
                }

                context.Response.Headers.ContentDisposition = $"inline; filename=\"invoice-{invoiceId}.pdf\"";
                return TypedResults.File(InvoicePdf.Render(invoiceId, customer), "application/pdf");
            })
            .RequireMediaToken();

        app.MapMediaTokenEndpoints();
        app.MapOneTimeTokenEndpoints();

        app.MapGet("/", ServerPages.Home);
        app.MapGet("/{culture}/invoices", ServerPages.Invoices)
            .RequireAuthorization(new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .Build());

        return app;
    }
}
