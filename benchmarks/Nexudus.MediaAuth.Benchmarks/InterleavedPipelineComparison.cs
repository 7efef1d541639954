using System.Diagnostics;
using System.Globalization;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// Two <see cref="RequestPipelineBenchmarks"/> modes in one process, measured in alternating blocks: the ratio of
/// each pair of neighbouring blocks is immune to the drift of a shared VM that makes two BenchmarkDotNet runs, minutes
/// apart, disagree by more than the difference sought. Prints each mode's median time per request and the median and
/// range of the per-pair ratios (B / A).
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/Nexudus.MediaAuth.Benchmarks -- --interleave "mediatoken HS256" "continuation HS256"</c>
/// </remarks>
internal static class InterleavedPipelineComparison
{
    private const int WarmupPairs = 10;
    private const int MeasuredPairs = 30;
    private const int RequestsPerBlock = 5000;

    public static void Run(string modeA, string modeB)
    {
        var a = new RequestPipelineBenchmarks { Mode = modeA };
        var b = new RequestPipelineBenchmarks { Mode = modeB };
        a.Setup();
        b.Setup();
        try
        {
            var timesA = new List<double>();
            var timesB = new List<double>();
            var ratios = new List<double>();
            for (var pair = 0; pair < WarmupPairs + MeasuredPairs; pair++)
            {
                var timeA = MicrosecondsPerRequest(a);
                var timeB = MicrosecondsPerRequest(b);
                if (pair >= WarmupPairs)
                {
                    timesA.Add(timeA);
                    timesB.Add(timeB);
                    ratios.Add(timeB / timeA);
                }
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"A '{modeA}': {Median(timesA):F2} us, B '{modeB}': {Median(timesB):F2} us per request (medians of {MeasuredPairs} blocks of {RequestsPerBlock}); B / A per pair: median {Median(ratios):F3}, range {ratios.Min():F3}-{ratios.Max():F3}"));
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    private static double MicrosecondsPerRequest(RequestPipelineBenchmarks benchmark)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < RequestsPerBlock; i++)
        {
            benchmark.Request().GetAwaiter().GetResult();
        }

        return stopwatch.Elapsed.TotalMicroseconds / RequestsPerBlock;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
