using Microsoft.AspNetCore.Mvc;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Response metadata for the API description (OpenAPI) of responses the endpoint's return type does not declare. MVC's
/// attribute is the metadata ApiExplorer takes a response description from, for minimal APIs too.
/// </summary>
internal static class ResponseMetadata
{
    public static ProducesResponseTypeAttribute Problem(int statusCode, string description) =>
        new(typeof(ProblemDetails), statusCode, "application/problem+json") { Description = description };

    public static ProducesResponseTypeAttribute Empty(int statusCode, string description) =>
        new(typeof(void), statusCode) { Description = description };
}
