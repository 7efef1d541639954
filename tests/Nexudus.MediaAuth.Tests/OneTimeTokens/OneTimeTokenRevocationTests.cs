using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

/// <summary>
/// Lifetimes per use and revocation, in the in-memory store, over HTTP.
/// </summary>
public sealed class OneTimeTokenRevocationTests
{
    [Fact]
    public async Task A_token_issued_before_the_revocation_is_refused_and_one_issued_after_works()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var bearer = server.PortalCustomerToken();
        var tokens = server.Services.GetRequiredService<IOneTimeTokenService>();
        var before = await server.IssueOneTimeTokenAsync(bearer);
        var emailedBefore = await tokens.IssueAsync(ConfirmLoginTests.Ada(), TimeSpan.FromHours(2), OneTimeTokenLoginMode.Immediate, CancellationToken.None);

        await tokens.RevokeAsync(TestHost.PortalCustomerId);
        var after = await server.IssueOneTimeTokenAsync(bearer);

        using var refused = await server.ExchangeAsync(before);
        using var refusedLogin = await server.RequestLoginAsync(emailedBefore, "/en/invoices");
        using var accepted = await server.ExchangeAsync(after);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refusedLogin.SignInCookie().Should().BeNull();
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_one_customer_leaves_the_others_tokens()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var grace = await server.IssueOneTimeTokenAsync(server.PortalCustomerToken("2"));

        await server.Services.GetRequiredService<IOneTimeTokenService>().RevokeAsync(TestHost.PortalCustomerId);

        using var exchange = await server.ExchangeAsync(grace);
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revocation_outlives_the_longest_token_and_then_frees_its_room()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var tokens = server.Services.GetRequiredService<IOneTimeTokenService>();
        var longest = await tokens.IssueAsync(ConfirmLoginTests.Ada(), OneTimeTokenDefaults.MaxTokenLifetime, OneTimeTokenLoginMode.Immediate, CancellationToken.None);
        await tokens.RevokeAsync(TestHost.PortalCustomerId);

        server.Time.Advance(OneTimeTokenDefaults.MaxTokenLifetime - TimeSpan.FromSeconds(1));
        var redemption = await tokens.RedeemAsync(longest);
        var after = await tokens.IssueAsync(ConfirmLoginTests.Ada(), OneTimeTokenDefaults.MaxTokenLifetime, OneTimeTokenLoginMode.Immediate, CancellationToken.None);
        server.Time.Advance(OneTimeTokenDefaults.MaxTokenLifetime);

        redemption.Status.Should().Be(OneTimeTokenRedemptionStatus.Revoked);
        (await tokens.RedeemAsync(after)).Status.Should().Be(OneTimeTokenRedemptionStatus.Expired, "the stamp it carries has expired, not changed");
    }

    [Fact]
    public async Task A_lifetime_per_use_is_honoured()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var tokens = server.Services.GetRequiredService<IOneTimeTokenService>();
        var thirtyMinutes = TimeSpan.FromMinutes(30);
        var early = await tokens.IssueAsync(ConfirmLoginTests.Ada(), thirtyMinutes, OneTimeTokenLoginMode.Confirm, CancellationToken.None);
        var late = await tokens.IssueAsync(ConfirmLoginTests.Ada(), thirtyMinutes, OneTimeTokenLoginMode.Confirm, CancellationToken.None);
        var refresh = await server.IssueOneTimeTokenAsync(server.PortalCustomerToken());

        server.Time.Advance(thirtyMinutes - TimeSpan.FromSeconds(1));
        using var earlyExchange = await server.ExchangeAsync(early);
        using var refreshExchange = await server.ExchangeAsync(refresh);
        server.Time.Advance(TimeSpan.FromSeconds(1));
        var lateRedemption = await tokens.RedeemAsync(late);

        earlyExchange.StatusCode.Should().Be(HttpStatusCode.OK);
        refreshExchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the refresh endpoint's tokens keep their 60 seconds");
        lateRedemption.Status.Should().Be(OneTimeTokenRedemptionStatus.Expired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(24 * 60 + 1)]
    public async Task A_lifetime_beyond_the_maximum_is_refused(int minutes)
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var tokens = server.Services.GetRequiredService<IOneTimeTokenService>();

        var issue = async () => await tokens.IssueAsync(ConfirmLoginTests.Ada(), TimeSpan.FromMinutes(minutes), OneTimeTokenLoginMode.Confirm, CancellationToken.None);

        await issue.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
