using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

public sealed class OneTimeTokenConcurrencyTests
{
    [Fact]
    public async Task A_thousand_concurrent_redemptions_over_http_give_exactly_one_success()
    {
        await using var server = await SampleServer.StartAsync();
        var bearer = await server.SignInAsync(DemoData.Ada);
        var token = await server.IssueOneTimeTokenAsync(bearer);

        var succeeded = await OneTimeTokenClient.CountConcurrentRedemptionsAsync(token, 1000, server);

        succeeded.Should().Be(1);
    }

    [Fact]
    public async Task The_memory_store_gives_each_payload_to_exactly_one_of_many_concurrent_takers()
    {
        using var store = new MemoryOneTimeTokenStore();
        const int Keys = 200;
        const int TakersPerKey = 16;
        for (var key = 0; key < Keys; key++)
        {
            (await store.TryAddAsync($"key-{key}", $"payload-{key}", TimeSpan.FromMinutes(1))).Should().BeTrue();
        }

        using var start = new ManualResetEventSlim();
        var takes = Enumerable.Range(0, Keys * TakersPerKey).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await store.TryTakeAsync($"key-{i % Keys}");
        })).ToArray();
        start.Set();
        var payloads = await Task.WhenAll(takes);

        payloads.Where(payload => payload is not null).Should().OnlyHaveUniqueItems().And.HaveCount(Keys);
    }

    [Fact]
    public async Task The_memory_store_refuses_to_overwrite_a_key()
    {
        using var store = new MemoryOneTimeTokenStore();

        (await store.TryAddAsync("key", "first", TimeSpan.FromMinutes(1))).Should().BeTrue();
        (await store.TryAddAsync("key", "second", TimeSpan.FromMinutes(1))).Should().BeFalse();

        (await store.TryTakeAsync("key")).Should().Be("first");
        (await store.TryTakeAsync("key")).Should().BeNull();
    }

    [Fact]
    public async Task Concurrent_redemptions_through_the_service_give_exactly_one_principal()
    {
        await using var server = await SampleServer.StartAsync();
        var service = server.Services.GetRequiredService<IOneTimeTokenService>();
        var token = await service.IssueAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], "Test")));

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => service.RedeemAsync(token).AsTask())));

        results.Count(result => result.Succeeded).Should().Be(1);
        results.Where(result => !result.Succeeded).Should().OnlyContain(result => result.Status == OneTimeTokenRedemptionStatus.Unknown);
    }
}
