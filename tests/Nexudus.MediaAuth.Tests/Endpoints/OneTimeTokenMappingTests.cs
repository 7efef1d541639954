using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Endpoints;

/// <summary>
/// The one-time token endpoints map together or one by one, at the documented paths or others, under a route group.
/// </summary>
public sealed class OneTimeTokenMappingTests
{
    [Fact]
    public async Task Under_a_culture_group_every_endpoint_answers_below_the_prefix()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync(
            options => options.AllowCulturePrefix = false,
            mapOneTimeTokens: app => app.MapGroup("/{culture}").MapOneTimeTokenEndpoints());
        var login = TestToken.Login(host.Time.GetUtcNow());

        var forLogin = await host.IssueOneTimeTokenAsync(login, "/en" + OneTimeTokenDefaults.RefreshPath);
        var forExchange = await host.IssueOneTimeTokenAsync(login, "/pt-BR" + OneTimeTokenDefaults.RefreshPath);
        var cookie = await host.LoginAsync(forLogin, "/en" + OneTimeTokenDefaults.LoginPath);
        using var exchange = await host.ExchangeAsync(forExchange, path: "/pt-BR" + OneTimeTokenDefaults.ExchangePath);
        using var atRoot = await host.ExchangeAsync(forExchange);

        cookie.Should().NotBeNull();
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        atRoot.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Endpoints_map_one_by_one_and_the_exchange_needs_no_issuer_when_it_is_not_mapped()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync(
            configureExchange: _ => { },
            mapOneTimeTokens: app =>
            {
                app.MapOneTimeTokenRefresh();
                app.MapOneTimeTokenLogin();
            });
        var token = await host.IssueOneTimeTokenAsync(TestToken.Login(host.Time.GetUtcNow()));

        using var exchange = await host.ExchangeAsync(token);
        var cookie = await host.LoginAsync(token);

        exchange.StatusCode.Should().Be(HttpStatusCode.NotFound);
        cookie.Should().NotBeNull("the exchange was never mapped, so the token was still unused");
    }

    [Fact]
    public async Task Refresh_and_exchange_map_at_other_paths()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync(mapOneTimeTokens: app =>
        {
            app.MapOneTimeTokenRefresh("/tokens/one-time");
            app.MapOneTimeTokenExchange("/tokens/exchange");
        });
        var token = await host.IssueOneTimeTokenAsync(TestToken.Login(host.Time.GetUtcNow()), "/tokens/one-time");

        using var documented = await host.ExchangeAsync(token);
        using var exchange = await host.ExchangeAsync(token, path: "/tokens/exchange");

        documented.StatusCode.Should().Be(HttpStatusCode.NotFound);
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_BearerToken_built_in_maps_under_a_group_with_a_named_scheme()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync(
            configureExchange: services =>
            {
                services.AddAuthentication().AddBearerToken("Portal");
                services.AddBearerTokenExchange("Portal");
            },
            mapOneTimeTokens: app =>
            {
                var group = app.MapGroup("/v2");
                group.MapOneTimeTokenRefresh();
                group.MapOneTimeTokenExchange();
            });
        var token = await host.IssueOneTimeTokenAsync(TestToken.Login(host.Time.GetUtcNow()), "/v2" + OneTimeTokenDefaults.RefreshPath);

        using var exchange = await host.ExchangeAsync(token, validForInMinutes: 10, path: "/v2" + OneTimeTokenDefaults.ExchangePath);

        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("expires_in").GetInt64().Should().Be(600);
        body.GetProperty("refresh_token").GetString().Should().NotBeNullOrEmpty("the BearerToken built-in gives the scheme's refresh token");
    }
}
