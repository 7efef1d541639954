using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// Writes into the OpenAPI document how each operation authenticates, so that a generated client can tell the calls
/// that send the bearer token from the media URLs that carry a media token. It reads the authentication schemes of each
/// endpoint's authorization policy: a media token scheme becomes an API key in its query parameter (<c>t</c>), any
/// other scheme of this API an HTTP bearer token. README.md shows it as a recipe.
/// </summary>
public static class OpenApiSecurity
{
    public static void Describe(OpenApiOptions options) => options.AddOperationTransformer(DescribeOperationAsync);

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var schemeNames = metadata.OfType<AuthorizationPolicy>().SelectMany(policy => policy.AuthenticationSchemes)
            .Concat(metadata.OfType<IAuthorizeData>().SelectMany(data => data.AuthenticationSchemes?.Split(',', StringSplitOptions.TrimEntries) ?? []))
            .Distinct(StringComparer.Ordinal);
        var schemes = context.ApplicationServices.GetRequiredService<IAuthenticationSchemeProvider>();
        foreach (var name in schemeNames)
        {
            if (await schemes.GetSchemeAsync(name) is not { } scheme || context.Document is not { } document)
            {
                continue;
            }

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes.TryAdd(name, typeof(AuthenticationHandler<MediaTokenOptions>).IsAssignableFrom(scheme.HandlerType)
                ? new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Query,
                    Name = "t",
                    Description = "A media token from GET /api/auth/media/customer, in the URL.",
                }
                : new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The customer's bearer token, in the Authorization header.",
                });

            // Each scheme of a policy is an alternative: one requirement each.
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] });
        }
    }
}
