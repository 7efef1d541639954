using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// The documented <c>POST /api/token</c> password grant. Tokens are protected and later validated by ASP.NET Core's
/// BearerToken scheme; only the response is shaped here, because the documented body is snake_case
/// (<c>access_token</c>) where the BearerToken handler writes camelCase.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<Results<JsonHttpResult<TokenResponse>, JsonHttpResult<TokenError>>> HandleAsync(
        HttpContext context, DemoData data, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider timeProvider)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error("unsupported_grant_type", "The request body must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "password")
        {
            return Error("unsupported_grant_type", "This sample supports grant_type=password only.");
        }

        var customer = data.FindByCredentials(form["username"], form["password"]);
        if (customer is null)
        {
            return Error("invalid_grant", "The email or password is incorrect.");
        }

        var scheme = BearerTokenDefaults.AuthenticationScheme;
        var options = bearerOptions.Get(scheme);
        var now = timeProvider.GetUtcNow();
        var principal = CreatePrincipal(customer, scheme);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new TokenResponse
            {
                AccessToken = options.BearerTokenProtector.Protect(new AuthenticationTicket(
                    principal, new AuthenticationProperties { ExpiresUtc = now + options.BearerTokenExpiration }, $"{scheme}:AccessToken")),
                ExpiresIn = (long)options.BearerTokenExpiration.TotalSeconds,
                RefreshToken = options.RefreshTokenProtector.Protect(new AuthenticationTicket(
                    principal, new AuthenticationProperties { ExpiresUtc = now + options.RefreshTokenExpiration }, $"{scheme}:RefreshToken")),
            },
            SampleJsonSerializerContext.Default.TokenResponse);
    }

    public static ClaimsPrincipal CreatePrincipal(DemoCustomer customer, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, customer.Id),
                new Claim(ClaimTypes.Name, customer.Email),
                new Claim(ClaimTypes.GivenName, customer.FullName),
            ],
            authenticationType));

    private static JsonHttpResult<TokenError> Error(string error, string description) =>
        TypedResults.Json(
            new TokenError { Error = error, ErrorDescription = description },
            SampleJsonSerializerContext.Default.TokenError,
            statusCode: StatusCodes.Status400BadRequest);
}
