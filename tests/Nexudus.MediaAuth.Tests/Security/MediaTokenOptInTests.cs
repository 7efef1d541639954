using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// A media token authenticates the endpoints that opt in with <c>RequireMediaToken()</c> and nothing else: not the
/// endpoints that issue tokens, not the one-time token endpoints, not the host's own protected endpoints.
/// </summary>
public sealed class MediaTokenOptInTests : PortalHostTest
{
    [Theory]
    [InlineData("GET", "/api/auth/media/customer")]
    [InlineData("POST", "/api/sys/users/token/refresh")]
    [InlineData("GET", "/api/public/files/my")]
    public async Task Media_token_in_the_query_or_as_bearer_does_not_open_a_bearer_endpoint(string method, string path)
    {
        var jwt = await Server.Client.GetMediaTokenAsync(TestHost.Bearer(Bearer));

        using var inQuery = await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{path}?t={jwt}"));
        using var asBearer = await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", jwt) },
        });

        inQuery.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "neither the mint endpoints nor a plain RequireAuthorization endpoint opted in");
        asBearer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Media_token_is_not_a_one_time_token_for_login_or_exchange()
    {
        var jwt = await Server.Client.GetMediaTokenAsync(TestHost.Bearer(Bearer));

        using var login = await Server.RequestLoginAsync(jwt, "/en/invoices");
        using var exchange = await Server.ExchangeAsync(jwt);

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be("/");
        login.SignInCookie().Should().BeNull();
        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Media_token_does_not_open_a_cookie_protected_server_page()
    {
        var jwt = await Server.Client.GetMediaTokenAsync(TestHost.Bearer(Bearer));

        using var page = await Server.GetAsync($"/en/invoices?t={jwt}");

        page.StatusCode.Should().Be(HttpStatusCode.Redirect, "the cookie scheme sends the browser to sign in");
        page.Headers.Location!.OriginalString.Should().StartWith("http://localhost/?ReturnUrl=");
    }

    /// <summary>
    /// A host whose only scheme is the media token scheme: ASP.NET Core would make a lone scheme the default, and then
    /// every endpoint that requires an authenticated user, and <c>HttpContext.User</c> everywhere, would accept a media
    /// token.
    /// </summary>
    [Theory]
    [InlineData("/plain")]
    [InlineData("/fallback")]
    public async Task In_a_host_with_only_the_media_token_scheme_other_endpoints_stay_closed(string path)
    {
        await using var host = await StartMediaOnlyHostAsync();
        var jwt = TestToken.Create(host.Time.GetUtcNow());

        using var optedIn = await host.Client.GetAsync($"/media?t={jwt}");
        using var other = await host.Client.GetAsync($"{path}?t={jwt}");

        optedIn.StatusCode.Should().Be(HttpStatusCode.OK, "the control: the token is valid");
        other.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task In_a_host_with_only_the_media_token_scheme_the_request_user_stays_anonymous()
    {
        await using var host = await StartMediaOnlyHostAsync();
        var jwt = TestToken.Create(host.Time.GetUtcNow());

        using var response = await host.Client.GetAsync($"/anonymous?t={jwt}");

        (await response.Content.ReadAsStringAsync()).Should().Be("anonymous");
    }

    [Fact]
    public void Hosts_with_another_scheme_or_a_chosen_default_keep_their_defaults()
    {
        static AuthenticationOptions Configure(Action<IServiceCollection> configure)
        {
            var services = new ServiceCollection().AddLogging();
            configure(services);
            return services.BuildServiceProvider().GetRequiredService<IOptions<AuthenticationOptions>>().Value;
        }

        Configure(services => services.AddAuthentication().AddCookie().AddMediaToken())
            .DefaultAuthenticateScheme.Should().BeNull("two schemes leave ASP.NET Core no lone scheme to pick");
        Configure(services => services.AddAuthentication("MediaToken").AddMediaToken())
            .DefaultAuthenticateScheme.Should().BeNull("a default the host names is the host's choice");
        Configure(services => services.AddMediaTokenAuthentication())
            .DefaultAuthenticateScheme.Should().BeEmpty();
    }

    private static Task<TestHost> StartMediaOnlyHostAsync() => TestHost.StartAsync(
        builder =>
        {
            builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
            builder.Services.AddAuthorization(options =>
                options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        },
        app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/media", () => "media").RequireMediaToken();
            app.MapGet("/plain", () => "plain").RequireAuthorization();
            app.MapGet("/fallback", () => "fallback");
            app.MapGet("/anonymous", (ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? "authenticated" : "anonymous")
                .AllowAnonymous();
        });
}
