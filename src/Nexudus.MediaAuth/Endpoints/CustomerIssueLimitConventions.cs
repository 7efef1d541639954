using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Puts a token-issuing endpoint under the per-customer limit (<see cref="CustomerIssueLimitFilter"/>), and describes
/// its 429 for OpenAPI, in one call per endpoint.
/// </summary>
internal static class CustomerIssueLimitConventions
{
    private const string TooManyRequests = "The customer asked for more tokens than the limit allows; retry after Retry-After seconds.";

    /// <param name="endpoint">The token-issuing endpoint.</param>
    /// <param name="kind">The kind of token it issues; each kind has buckets of its own.</param>
    /// <param name="customerIdClaimType">The claim that carries the customer id the endpoint issues for, read per request
    /// so that it follows reloaded options.</param>
    public static RouteHandlerBuilder LimitIssuesPerCustomer(this RouteHandlerBuilder endpoint, IssuedTokenKind kind, Func<IServiceProvider, string> customerIdClaimType) =>
        kind == IssuedTokenKind.MediaToken
            ? endpoint.AddEndpointFilter(new CustomerIssueLimitFilter(kind, customerIdClaimType))
                .WithMetadata(ResponseMetadata.Problem(StatusCodes.Status429TooManyRequests, TooManyRequests))
            : endpoint.AddEndpointFilter(new CustomerIssueLimitFilter(kind, customerIdClaimType))
                .WithMetadata(new ProducesResponseTypeAttribute(typeof(ActionConfirmation), StatusCodes.Status429TooManyRequests, "application/json")
                {
                    Description = TooManyRequests,
                });
}
