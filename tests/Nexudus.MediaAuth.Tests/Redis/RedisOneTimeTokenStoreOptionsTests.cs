using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.StackExchangeRedis;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.Tests.Redis;

public sealed class RedisOneTimeTokenStoreOptionsTests
{
    public static TheoryData<Action<RedisOneTimeTokenStoreOptions>, string> InvalidOptions => new()
    {
        { _ => { }, "Set exactly one of" },
        { options => { options.Configuration = "127.0.0.1:6379"; options.ConnectionMultiplexerFactory = () => throw new InvalidOperationException(); }, "Set exactly one of" },
        { options => options.Configuration = "abortConnect=false", "must name at least one endpoint" },
        { options => options.Configuration = "127.0.0.1:6379,connectTimeout=soon", "not a valid StackExchange.Redis configuration string" },
        { options => options.ConfigurationOptions = new ConfigurationOptions(), "must name at least one endpoint" },
        { options => options.Configuration = "redis://127.0.0.1:6391", "is a redis:// URL*'host:port,password=...'" },
        { options => options.Configuration = "rediss://user:secret@redis.example:6380", "is a redis:// URL*'host:port,password=...'" },
        { options => { options.Configuration = "127.0.0.1:6379"; options.InstanceName = null!; }, "InstanceName must not be null" },
        { options => { options.Configuration = "127.0.0.1:6379"; options.ReplicaAcknowledgements = -1; }, "ReplicaAcknowledgements must not be negative" },
        { options => { options.Configuration = "127.0.0.1:6379"; options.ReplicaAcknowledgements = 1; options.ReplicaAcknowledgementTimeout = TimeSpan.Zero; }, "ReplicaAcknowledgementTimeout must be positive" },
        { options => { options.Configuration = "127.0.0.1:6379"; options.ReplicaAcknowledgements = 1; options.ReplicaAcknowledgementTimeout = TimeSpan.FromSeconds(1); }, "ReplicaAcknowledgementTimeout (1000 ms) must be shorter than the connection's command timeout (asyncTimeout, 1000 ms)" },
        { options => { options.ConfigurationOptions = new ConfigurationOptions { EndPoints = { "127.0.0.1:6379" }, AsyncTimeout = 150 }; options.ReplicaAcknowledgements = 1; }, "(200 ms) must be shorter than the connection's command timeout (asyncTimeout, 150 ms)" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_options_stop_the_host_from_starting(Action<RedisOneTimeTokenStoreOptions> configure, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddOneTimeTokens().AddStackExchangeRedisOneTimeTokenStore(configure);
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).WithMessage($"*{expected}*");
    }

    [Fact]
    public void A_configuration_string_gets_fail_fast_defaults_for_what_it_leaves_out()
    {
        var options = FailFastRedisDefaults.Parse("127.0.0.1:6379");

        options.AbortOnConnectFail.Should().BeFalse();
        options.BacklogPolicy.Should().BeSameAs(BacklogPolicy.FailFast);
        options.ConnectTimeout.Should().Be(2000);
        options.SyncTimeout.Should().Be(1000);
        options.AsyncTimeout.Should().Be(1000);
        options.IncludeDetailInExceptions.Should().BeFalse();
    }

    [Fact]
    public void What_a_configuration_string_says_wins_over_the_defaults()
    {
        var options = FailFastRedisDefaults.Parse("127.0.0.1:6379,connectTimeout=5000,syncTimeout=3000,abortConnect=true");

        options.ConnectTimeout.Should().Be(5000);
        options.SyncTimeout.Should().Be(3000);
        options.AsyncTimeout.Should().Be(3000);
        options.AbortOnConnectFail.Should().BeTrue();
    }
}
