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

    public static RouteHandlerBuilder LimitIssuesPerCustomer(this RouteHandlerBuilder endpoint, IssuedTokenKind kind) =>
        kind == IssuedTokenKind.MediaToken
            ? endpoint.AddEndpointFilter(CustomerIssueLimitFilter.MediaToken)
                .WithMetadata(ResponseMetadata.Problem(StatusCodes.Status429TooManyRequests, TooManyRequests))
            : endpoint.AddEndpointFilter(CustomerIssueLimitFilter.OneTimeToken)
                .WithMetadata(new ProducesResponseTypeAttribute(typeof(ActionConfirmation), StatusCodes.Status429TooManyRequests, "application/json")
                {
                    Description = TooManyRequests,
                });
}
