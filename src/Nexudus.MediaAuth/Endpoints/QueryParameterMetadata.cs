using System.Reflection;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Endpoint metadata for a required query parameter that the handler does not bind itself: a media token read by the
/// authentication handler, or a value the handler insists on receiving exactly once. ApiExplorer (and so OpenAPI) only
/// sees a handler's own parameters; <see cref="QueryParameterApiDescriptionProvider"/> adds these.
/// </summary>
/// <param name="Name">The query parameter's name.</param>
/// <param name="Documentation">A parameter of <see cref="QueryParameterDocumentation"/>: the type and description.</param>
internal sealed record QueryParameterMetadata(string Name, ParameterInfo Documentation);
