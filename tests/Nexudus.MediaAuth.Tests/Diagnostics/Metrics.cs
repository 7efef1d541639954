using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.Tests.Diagnostics;

/// <summary>
/// Collects one of the library's instruments from a host's own <see cref="IMeterFactory"/>, so that hosts of other
/// tests running at the same time are not counted.
/// </summary>
internal static class Metrics
{
    public static MetricCollector<T> Collect<T>(IServiceProvider services, string instrumentName)
        where T : struct =>
        new(services.GetRequiredService<IMeterFactory>(), MediaAuthMetrics.MeterName, instrumentName);

    public static object? Tag<T>(this CollectedMeasurement<T> measurement, string name)
        where T : struct =>
        measurement.Tags.TryGetValue(name, out var value) ? value : null;
}
