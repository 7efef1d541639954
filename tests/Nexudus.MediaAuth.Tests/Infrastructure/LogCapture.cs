using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

public static class LogCapture
{
    /// <summary>
    /// Replaces the host's log providers with a fake one that records every category at Trace level. The provider rule
    /// outranks the category levels of appsettings.json, so ASP.NET Core's own loggers are recorded too.
    /// </summary>
    public static void CaptureAllLogs(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        builder.Logging.AddFilter<FakeLoggerProvider>(category: null, LogLevel.Trace);
    }
}
