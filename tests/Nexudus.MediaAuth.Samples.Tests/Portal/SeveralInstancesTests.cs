using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;
using Nexudus.MediaAuth.Tests.Redis;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

public sealed class SeveralInstancesTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [RedisFact]
    public async Task A_media_token_from_one_instance_opens_an_invoice_on_the_other()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);

        var jwt = await instances.A.Client.GetMediaTokenAsync(TestHost.Bearer(instances.AdaBearer));
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt).Kid.Should().Be("media-2026-11", "the instances sign with the key from configuration");
        using var response = await instances.B.GetAsync(TestHost.InvoicePdfPath(1001, jwt));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
    }

    [RedisFact]
    public async Task A_one_time_token_issued_on_one_instance_signs_the_customer_in_on_the_other()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);
        var token = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);

        using var login = await instances.B.RequestLoginAsync(token, "/en/invoices");
        var cookie = login.SignInCookie();
        using var page = await instances.A.GetWithCookieAsync("/en/invoices", cookie!);

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be("/en/invoices");
        cookie.Should().NotBeNull();
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain($"Signed in as {DemoData.Ada.FullName}");
    }

    [RedisFact]
    public async Task A_one_time_token_issued_on_one_instance_is_exchanged_on_the_other_and_then_is_used_up_on_both()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);
        var token = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);

        using var exchange = await instances.B.ExchangeAsync(token);
        var body = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        using var files = await instances.A.GetAsync("/api/public/files/my", body.GetProperty("token").GetString());
        using var againOnA = await instances.A.ExchangeAsync(token);
        using var againOnB = await instances.B.RequestLoginAsync(token, "/en/invoices");

        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        files.StatusCode.Should().Be(HttpStatusCode.OK);
        againOnA.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        againOnB.Headers.Location!.OriginalString.Should().Be("/");
        againOnB.SignInCookie().Should().BeNull();
    }

    [RedisFact]
    public async Task Five_hundred_concurrent_redemptions_on_each_instance_give_exactly_one_success()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);
        var token = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);

        var succeeded = await OneTimeTokenClient.CountConcurrentRedemptionsAsync(token, 1000, instances.A, instances.B);

        succeeded.Should().Be(1);
    }

    [RedisFact]
    public async Task The_instances_keep_their_data_protection_keys_in_the_configured_directory()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);

        Directory.GetFiles(instances.KeysDirectory, "key-*.xml").Should().NotBeEmpty();
    }
}
