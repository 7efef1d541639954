using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Puts the library's source-generated JSON metadata first in the host's minimal API JSON options, as
/// <c>AddIdentityApiEndpoints</c> does, so the endpoints serialize without reflection (trimming and Native AOT).
/// </summary>
internal sealed class MediaAuthJsonOptionsSetup : IConfigureOptions<JsonOptions>
{
    public void Configure(JsonOptions options) =>
        options.SerializerOptions.TypeInfoResolverChain.Insert(0, MediaAuthJsonSerializerContext.Default);
}
