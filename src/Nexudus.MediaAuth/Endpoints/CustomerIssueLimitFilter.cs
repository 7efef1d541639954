using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.Hosting;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Refuses a token-issuing request once the customer has used up <see cref="CustomerAuthenticationOptions.IssueLimit"/>:
/// HTTP 429 with <c>Retry-After</c>, as a ProblemDetails for the media token endpoint and as the
/// <see cref="ActionConfirmation"/> envelope (<c>Status</c> 429, honouring <c>_shape</c>) for the one-time token one.
/// </summary>
/// <remarks>
/// An endpoint filter rather than ASP.NET Core's rate limiting middleware, so that the limit holds without the host
/// calling <c>UseRateLimiter()</c>. Customers are told apart by the claim the endpoint issues for (its
/// <c>CustomerIdClaimType</c>); a user without it is not limited here, since the endpoint refuses it (403) without
/// issuing anything.
/// </remarks>
internal sealed class CustomerIssueLimitFilter(IssuedTokenKind kind, Func<IServiceProvider, string> customerIdClaimType) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        if (httpContext.User.FindFirst(customerIdClaimType(httpContext.RequestServices))?.Value is not { } customerId)
        {
            return await next(context);
        }

        var limiter = httpContext.RequestServices.GetRequiredService<CustomerIssueLimiter>();
        using var lease = await limiter.AcquireAsync(kind, customerId, httpContext.RequestAborted);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        var response = httpContext.Response;
        response.Headers.CacheControl = "no-store";
        // RFC 9110 delay-seconds: whole seconds, rounded up so that a retry at that time finds a token.
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var delay) ? delay : TimeSpan.FromSeconds(1);
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return kind == IssuedTokenKind.MediaToken
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many media tokens were requested.",
                detail: "Try again after the number of seconds in Retry-After.")
            : new ActionConfirmationResult(
                new ActionConfirmation
                {
                    WasSuccessful = false,
                    Status = StatusCodes.Status429TooManyRequests,
                    Message = "Too many one-time tokens were requested. Try again later.",
                },
                httpContext.Request.Query[QueryParameterNames.Shape]);
    }
}
