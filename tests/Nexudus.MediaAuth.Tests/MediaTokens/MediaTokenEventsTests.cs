using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// The JwtBearer-style events a host uses to take part in media token authentication.
/// </summary>
public sealed class MediaTokenEventsTests
{
    [Fact]
    public async Task OnMessageReceived_can_supply_the_token_from_elsewhere()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.Events.OnMessageReceived = context =>
        {
            context.Token = context.Request.Headers["X-Media-Token"].FirstOrDefault();
            return Task.CompletedTask;
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, TestHost.MediaPath);
        request.Headers.Add("X-Media-Token", TestToken.Create(host.Time.GetUtcNow()));

        using var fromHeader = await host.Client.SendAsync(request);
        using var withoutHeader = await host.Client.GetAsync(TestHost.MediaPath);

        (await fromHeader.ShouldDescribeUserAsync()).Should().Contain("scheme=MediaToken");
        await withoutHeader.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Token_supplied_by_OnMessageReceived_is_validated_like_one_from_the_query()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.Events.OnMessageReceived = context =>
        {
            context.Token = "not-a-jwt";
            return Task.CompletedTask;
        });

        using var response = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow()));

        await response.ShouldBeInvalidTokenAsync("The token is malformed.");
    }

    [Fact]
    public async Task OnTokenValidated_can_add_a_claim_that_authorization_then_sees()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(
            options => options.Events.OnTokenValidated = context =>
            {
                ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim(ClaimTypes.Role, "admin"));
                return Task.CompletedTask;
            },
            configureApp: TestHost.MapAdminEndpoint);

        using var response = await host.Client.GetAsync(TestHost.WithToken(TestHost.AdminPath, TestToken.Create(host.Time.GetUtcNow())));

        (await response.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.Role}=admin");
    }

    [Fact]
    public async Task OnTokenValidated_can_fail_a_valid_token()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.Events.OnTokenValidated = context =>
        {
            context.Fail("Customer suspended.");
            return Task.CompletedTask;
        });

        using var response = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow()));

        // The host's own reason is not echoed to the client.
        await response.ShouldBeInvalidTokenAsync("The token is invalid.");
    }

    [Fact]
    public async Task OnAuthenticationFailed_sees_why_the_token_was_rejected()
    {
        Exception? failure = null;
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.Events.OnAuthenticationFailed = context =>
        {
            failure = context.Exception;
            return Task.CompletedTask;
        });
        var issuedAt = host.Time.GetUtcNow();
        var token = TestToken.Create(issuedAt);

        host.Time.Advance(TimeSpan.FromMinutes(2));
        using var response = await host.GetMediaAsync(token);

        await response.ShouldBeInvalidTokenAsync("The token has expired.");
        failure.Should().BeOfType<SecurityTokenExpiredException>()
            .Which.Expires.Should().Be((issuedAt + MediaTokenDefaults.TokenLifetime).UtcDateTime);
    }

    [Fact]
    public async Task OnAuthenticationFailed_can_replace_the_failure()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.Events.OnAuthenticationFailed = context =>
        {
            context.NoResult();
            return Task.CompletedTask;
        });

        using var response = await host.GetMediaAsync("not-a-jwt");

        await response.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task OnChallenge_sees_the_error_and_can_write_its_own_response()
    {
        MediaTokenChallengeContext? challenge = null;
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.Events.OnChallenge = context =>
        {
            challenge = context;
            context.Response.Redirect("/signin");
            context.HandleResponse();
            return Task.CompletedTask;
        });

        using var response = await host.GetMediaAsync("not-a-jwt");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/signin");
        response.WwwAuthenticate().Should().BeNull();
        challenge!.Error.Should().Be("invalid_token");
        challenge.ErrorDescription.Should().Be("The token is malformed.");
    }

    [Fact]
    public async Task OnChallenge_without_a_token_has_no_error()
    {
        MediaTokenChallengeContext? challenge = null;
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.Events.OnChallenge = context =>
        {
            challenge = context;
            return Task.CompletedTask;
        });

        using var response = await host.Client.GetAsync(TestHost.MediaPath);

        await response.ShouldBeBareChallengeAsync();
        challenge!.Error.Should().BeNull();
        challenge.ErrorDescription.Should().BeNull();
    }

    [Fact]
    public async Task Forbid_after_the_response_has_started_leaves_the_response_alone()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(configureApp: app =>
            app.MapGet("/media/streaming", async (HttpContext context) =>
            {
                await context.Response.WriteAsync("partial ");
                await context.Response.Body.FlushAsync();
                await context.ForbidAsync(MediaTokenDefaults.AuthenticationScheme);
                await context.Response.WriteAsync("rest");
            }).RequireMediaToken());

        using var response = await host.Client.GetAsync(TestHost.WithToken("/media/streaming", TestToken.Create(host.Time.GetUtcNow())));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the status was sent before the forbid");
        (await response.Content.ReadAsStringAsync()).Should().Be("partial rest");
    }

    [Fact]
    public async Task Events_registered_as_a_service_through_EventsType_are_used()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(
            options => options.EventsType = typeof(TierEvents),
            builder => builder.Services.AddScoped<TierEvents>());

        using var response = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow()));

        (await response.ShouldDescribeUserAsync()).Should().Contain("tier=gold");
    }

    private sealed class TierEvents : MediaTokenEvents
    {
        public TierEvents() => OnTokenValidated = context =>
        {
            ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim("tier", "gold"));
            return Task.CompletedTask;
        };
    }
}
