using System.Reflection;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Adds the <see cref="QueryParameterMetadata"/> of an endpoint to its API description as required query parameters,
/// so <c>Microsoft.AspNetCore.OpenApi</c>, Swashbuckle and NSwag document them with no work in the host. It reads
/// endpoint metadata only (no reflection over handlers), so it is trimming- and Native AOT-safe.
/// </summary>
internal sealed class QueryParameterApiDescriptionProvider : IApiDescriptionProvider
{
    // After ApiExplorer's own providers (MVC -1000, minimal APIs -1100) have described the endpoint.
    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            foreach (var parameter in description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterMetadata>())
            {
                if (description.ParameterDescriptions.Any(existing =>
                        existing.Source == BindingSource.Query && string.Equals(existing.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var type = parameter.Documentation.ParameterType;
                description.ParameterDescriptions.Add(new ApiParameterDescription
                {
                    Name = parameter.Name,
                    Type = type,
                    Source = BindingSource.Query,
                    IsRequired = true,
                    ModelMetadata = new QueryParameterModelMetadata(type),
                    ParameterDescriptor = new DocumentedParameterDescriptor(parameter),
                });
            }
        }
    }

    private sealed class DocumentedParameterDescriptor : ParameterDescriptor, IParameterInfoParameterDescriptor
    {
        public DocumentedParameterDescriptor(QueryParameterMetadata parameter)
        {
            Name = parameter.Name;
            ParameterType = parameter.Documentation.ParameterType;
            ParameterInfo = parameter.Documentation;
            BindingInfo = new BindingInfo { BindingSource = BindingSource.Query, BinderModelName = parameter.Name };
        }

        public ParameterInfo ParameterInfo { get; }
    }
}
