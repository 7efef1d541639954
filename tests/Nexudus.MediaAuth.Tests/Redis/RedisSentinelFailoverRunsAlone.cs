namespace Nexudus.MediaAuth.Tests.Redis;
/// <summary>Runs the failover floods alone, after the parallel tests: they measure a race, which other tests' load would skew.</summary>
[CollectionDefinition(nameof(RedisSentinelFailoverTests), DisableParallelization = true)]
public sealed class RedisSentinelFailoverRunsAlone;
