using Microsoft.AspNetCore.Http.HttpResults;
using Nexudus.MediaAuth.OneTimeTokens;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// <c>POST /api/sign-in-link</c> (form field <c>email</c>): "email me a sign-in link". The link is the login redirect
/// with a one-time token issued in <see cref="OneTimeTokenLoginMode.Confirm"/> mode for 30 minutes, so the mail and
/// chat scanners that open it before the customer does (Safe Links, a sandboxed browser) leave it usable, and only the
/// customer's click on its page signs in.
/// </summary>
public static class SignInLinkEndpoint
{
    public const string Path = "/api/sign-in-link";

    /// <summary>Long enough for a mail to arrive and be read; the library allows up to 24 hours.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        // Not part of the documented portal API, which the OpenAPI document describes.
        endpoints.MapPost(Path, SendAsync).ExcludeFromDescription();

    /// <summary>
    /// Answers 202 whether or not the address is a customer's, so addresses cannot be probed. The mail carries the
    /// link's path and query: the mail template puts the site's configured address before it, never the request's
    /// <c>Host</c>, which a caller could set to their own site and receive the token there.
    /// </summary>
    private static async Task<Results<Accepted, StatusCodeHttpResult>> SendAsync(
        HttpContext context, DemoData data, IOneTimeTokenService tokens, DemoOutbox outbox)
    {
        if (!context.Request.HasFormContentType)
        {
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var email = form["email"].ToString();
        if (data.Customers.FirstOrDefault(customer => string.Equals(customer.Email, email, StringComparison.OrdinalIgnoreCase)) is { } customer)
        {
            var token = await tokens.IssueAsync(
                TokenEndpoint.CreatePrincipal(customer, "SignInLink"), LinkLifetime, OneTimeTokenLoginMode.Confirm, context.RequestAborted);
            outbox.SendSignInLink(
                customer.Email,
                $"/user/login?server=true&t={Uri.EscapeDataString(token)}&redirectUrl={Uri.EscapeDataString("/en/invoices")}");
        }

        return TypedResults.Accepted((string?)null);
    }
}
