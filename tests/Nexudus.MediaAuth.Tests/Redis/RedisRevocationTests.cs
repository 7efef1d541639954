using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// Revocation across two instances sharing a real Redis: one instance revokes, the other refuses.
/// </summary>
public sealed class RedisRevocationTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [RedisFact]
    public async Task A_revocation_on_one_instance_refuses_earlier_tokens_on_the_other_and_not_later_ones()
    {
        await using var instances = await PortalInstances.StartAsync(redis.Server);
        var before = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);
        var beforeOnB = await instances.B.IssueOneTimeTokenAsync(instances.AdaBearer);

        await instances.A.Services.GetRequiredService<IOneTimeTokenService>().RevokeAsync(TestHost.PortalCustomerId);
        var after = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);

        using var refused = await instances.B.ExchangeAsync(before);
        using var refusedLogin = await instances.B.RequestLoginAsync(beforeOnB, "/en/invoices");
        using var accepted = await instances.B.RequestLoginAsync(after, "/en/invoices");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refusedLogin.SignInCookie().Should().BeNull();
        accepted.SignInCookie().Should().NotBeNull();
    }
}
