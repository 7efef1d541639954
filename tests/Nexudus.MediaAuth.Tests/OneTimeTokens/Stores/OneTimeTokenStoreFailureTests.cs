using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens.Stores;

public sealed class OneTimeTokenStoreFailureTests
{
    [Theory]
    [InlineData("", """{"WasSuccessful":false,"Value":null,"Status":500,"Message":"The one-time token could not be issued. Try again later.","Errors":null}""")]
    [InlineData("?_shape=Value,WasSuccessful", """{"WasSuccessful":false,"Value":null}""")]
    public async Task Issuing_when_the_store_fails_returns_the_failure_envelope_with_500(string query, string expectedBody)
    {
        await using var server = await TestHost.StartPortalHostAsync(builder =>
            builder.Services.AddSingleton<IOneTimeTokenStore, FailingStore>());
        var bearer = server.PortalCustomerToken();

        using var response = await server.RequestOneTimeTokenAsync(bearer, query);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().Be(expectedBody);
    }

    [Fact]
    public async Task Redeeming_when_the_store_fails_signs_nobody_in()
    {
        await using var server = await TestHost.StartPortalHostAsync(builder =>
            builder.Services.AddSingleton<IOneTimeTokenStore, FailingStore>());

        using var login = await server.RequestLoginAsync("a3f8c2d1e5b74091bc6e2f3a4d5c6b7e", "/en/invoices");
        using var exchange = await server.ExchangeAsync("a3f8c2d1e5b74091bc6e2f3a4d5c6b7e");

        login.Headers.Location!.OriginalString.Should().Be("/");
        login.SignInCookie().Should().BeNull();
        exchange.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task The_store_sees_a_hash_of_the_token_and_a_protected_payload_never_the_token_or_claims()
    {
        var spy = new RecordingOneTimeTokenStore();
        await using var server = await TestHost.StartPortalHostAsync(builder =>
            builder.Services.AddSingleton<IOneTimeTokenStore>(spy));
        var bearer = server.PortalCustomerToken();

        var token = await server.IssueOneTimeTokenAsync(bearer);

        var (key, payload) = spy.Added.Should().ContainSingle().Subject;
        key.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token))));
        payload.Should().NotContain(token).And.NotContain("ada@example.com");
        using var exchange = await server.ExchangeAsync(token);
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        spy.Taken.Should().Equal(key);
    }

    private sealed class FailingStore : IOneTimeTokenStore
    {
        public ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("The store did not answer.");

        public ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("The store did not answer.");

        public ValueTask SetAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("The store did not answer.");

        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("The store did not answer.");
    }
}
