using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// Puts middleware in front of an application's pipeline, for hosts such as the sample whose pipeline a test cannot edit.
/// </summary>
public sealed class StartupMiddleware(Action<IApplicationBuilder> configure) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        configure(app);
        next(app);
    };
}
