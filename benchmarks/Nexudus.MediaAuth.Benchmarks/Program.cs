using Nexudus.MediaAuth.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Two pipeline modes measured in alternating blocks in one process (InterleavedPipelineComparison).
if (args is ["--interleave", var modeA, var modeB])
{
    InterleavedPipelineComparison.Run(modeA, modeB);
    return;
}

// Short, fixed iteration counts: the machine has 2 cores shared with builds, so medians over a few hundred
// milliseconds per iteration say more than long runs that a neighbour's build disturbs anyway.
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)))
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromAssembly(typeof(MediaTokenValidationBenchmarks).Assembly).Run(args, config);
