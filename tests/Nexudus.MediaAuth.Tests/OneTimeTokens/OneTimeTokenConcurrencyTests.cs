using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

public sealed class OneTimeTokenConcurrencyTests
{
    [Fact]
    public async Task A_thousand_concurrent_redemptions_over_http_give_exactly_one_success()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var bearer = server.PortalCustomerToken();
        var token = await server.IssueOneTimeTokenAsync(bearer);

        var succeeded = await OneTimeTokenClient.CountConcurrentRedemptionsAsync(token, 1000, server);

        succeeded.Should().Be(1);
    }

    [Fact]
    public async Task The_memory_store_gives_each_ticket_to_exactly_one_of_many_concurrent_takers()
    {
        await using var services = DefaultServices();
        var store = services.GetRequiredService<OneTimeTicketStore>();
        const int Keys = 200;
        const int TakersPerKey = 16;
        for (var key = 0; key < Keys; key++)
        {
            (await store.TryAddAsync($"key-{key}", Ticket($"customer-{key}"), TimeSpan.FromMinutes(1), default)).Should().BeTrue();
        }

        using var start = new ManualResetEventSlim();
        var takes = Enumerable.Range(0, Keys * TakersPerKey).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await store.TryTakeAsync($"key-{i % Keys}", default);
        })).ToArray();
        start.Set();
        var taken = await Task.WhenAll(takes);

        taken.Where(take => take.Found).Select(take => CustomerId(take.Ticket))
            .Should().OnlyHaveUniqueItems().And.HaveCount(Keys);
    }

    [Fact]
    public async Task The_memory_store_refuses_to_overwrite_a_key()
    {
        await using var services = DefaultServices();
        var store = services.GetRequiredService<OneTimeTicketStore>();

        (await store.TryAddAsync("key", Ticket("first"), TimeSpan.FromMinutes(1), default)).Should().BeTrue();
        (await store.TryAddAsync("key", Ticket("second"), TimeSpan.FromMinutes(1), default)).Should().BeFalse();

        CustomerId((await store.TryTakeAsync("key", default)).Ticket).Should().Be("first");
        (await store.TryTakeAsync("key", default)).Found.Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_redemptions_through_the_service_give_exactly_one_principal()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var service = server.Services.GetRequiredService<IOneTimeTokenService>();
        var token = await service.IssueAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], "Test")));

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => service.RedeemAsync(token).AsTask())));

        results.Count(result => result.Status == OneTimeTokenRedemptionStatus.Redeemed).Should().Be(1);
        results.Where(result => result.Principal is null).Should().OnlyContain(result => result.Status == OneTimeTokenRedemptionStatus.Unknown);
    }

    /// <summary>The services of <c>AddOneTimeTokens()</c> without a registered store: the in-memory one.</summary>
    private static ServiceProvider DefaultServices()
    {
        var services = new ServiceCollection().AddLogging().AddOneTimeTokens().BuildServiceProvider();
        services.GetRequiredService<OneTimeTicketStore>().Should().BeOfType<MemoryOneTimeTicketStore>();
        return services;
    }

    private static OneTimeTicket Ticket(string customerId) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, customerId)], "Test")),
        DateTimeOffset.UtcNow.AddMinutes(1),
        RequiresConfirmation: false,
        RevocationStamp: null);

    private static string? CustomerId(OneTimeTicket? ticket) => ticket?.Customer.FindFirstValue(ClaimTypes.NameIdentifier);
}
