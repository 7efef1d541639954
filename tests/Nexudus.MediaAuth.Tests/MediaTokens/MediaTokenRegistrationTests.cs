using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// Registering media token schemes: configuration binding, more than one scheme, and their issuers.
/// </summary>
public sealed class MediaTokenRegistrationTests
{
    private const string OtherScheme = "Other";
    private const string OtherPath = "/other";

    [Fact]
    public async Task Options_bound_from_configuration_change_the_issued_and_accepted_tokens()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(configureServices: builder => AddConfiguration(builder, new()
        {
            ["Authentication:Schemes:MediaToken:Issuer"] = "https://portal.example.com",
            ["Authentication:Schemes:MediaToken:Audience"] = "portal-media",
            ["Authentication:Schemes:MediaToken:TokenLifetime"] = "00:00:30",
        }));
        var now = host.Time.GetUtcNow();

        var jwt = new JsonWebToken(await host.MintAsync("1"));
        using var issued = await host.GetMediaAsync(jwt.EncodedToken);
        using var defaultAudience = await host.GetMediaAsync(TestTokens.Create(now, issuer: "https://portal.example.com"));

        jwt.Issuer.Should().Be("https://portal.example.com");
        jwt.Audiences.Should().Equal("portal-media");
        (jwt.ValidTo - jwt.IssuedAt).Should().Be(TimeSpan.FromSeconds(30));
        await issued.ShouldDescribeUserAsync();
        await defaultAudience.ShouldBeInvalidTokenAsync("The token's audience is invalid.");
    }

    [Fact]
    public async Task ValidAlgorithms_bound_from_configuration_replace_the_defaults()
    {
        var failure = await StartupFailureAsync<OptionsValidationException>("ValidAlgorithms:0", SecurityAlgorithms.EcdsaSha256);

        failure.Message.Should().Contain("The algorithm 'HS256' of media token key MediaTokenOptions.SigningCredentials of scheme 'MediaToken' is not in MediaTokenOptions.ValidAlgorithms;");
    }

    [Fact]
    public async Task Configuration_value_that_is_not_a_time_span_fails_at_startup_naming_the_key()
    {
        var failure = await StartupFailureAsync<InvalidOperationException>("TokenLifetime", "a minute");

        failure.Message.Should().Be("The configuration value 'TokenLifetime' of a media token scheme must be a time span such as '00:01:00'; it is 'a minute'.");
    }

    [Fact]
    public async Task Second_scheme_with_its_own_options_protects_its_endpoints_with_its_own_tokens()
    {
        await using var host = await StartWithOtherSchemeAsync();
        var customer = Customer("9");

        var otherToken = host.Services.GetRequiredKeyedService<IMediaTokenIssuer>(OtherScheme).IssueToken(customer);
        var mediaToken = host.Services.GetRequiredKeyedService<IMediaTokenIssuer>(MediaTokenDefaults.AuthenticationScheme).IssueToken(customer);
        using var otherAccepted = await host.Client.GetAsync(TestHost.WithToken(OtherPath, otherToken));
        using var mediaRefusedByOther = await host.Client.GetAsync(TestHost.WithToken(OtherPath, mediaToken));
        using var otherRefusedByMedia = await host.GetMediaAsync(otherToken);

        new JsonWebToken(otherToken).Audiences.Should().Equal("other-media");
        (await otherAccepted.ShouldDescribeUserAsync()).Should().Equal("scheme=Other", $"{ClaimTypes.NameIdentifier}=9");
        await mediaRefusedByOther.ShouldBeInvalidTokenAsync("The token's audience is invalid.", OtherScheme);
        await otherRefusedByMedia.ShouldBeInvalidTokenAsync("The token's audience is invalid.");
    }

    [Fact]
    public async Task Unkeyed_issuer_issues_tokens_of_the_first_scheme_registered()
    {
        await using var host = await StartWithOtherSchemeAsync();

        var token = host.Services.GetRequiredService<IMediaTokenIssuer>().IssueToken(Customer("9"));

        new JsonWebToken(token).Audiences.Should().Equal(MediaTokenDefaults.Audience);
    }

    [Fact]
    public async Task Every_media_token_scheme_is_displayed_as_a_media_token_and_handled_by_the_handler()
    {
        await using var host = await StartWithOtherSchemeAsync();
        var schemes = host.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        (await schemes.GetSchemeAsync(MediaTokenDefaults.AuthenticationScheme))!.DisplayName.Should().Be(MediaTokenDefaults.DisplayName);
        (await schemes.GetSchemeAsync(OtherScheme))!.DisplayName.Should().Be("Media token");
        (await schemes.GetSchemeAsync(OtherScheme))!.HandlerType.Should().Be<MediaTokenHandler>();
    }

    [Fact]
    public async Task Handler_is_internal_and_sealed_and_schemes_are_told_apart_by_their_options()
    {
        // As ASP.NET Core's BearerTokenHandler: hosts customise through options and events, not by deriving.
        (typeof(MediaTokenHandler).IsPublic, typeof(MediaTokenHandler).IsSealed).Should().Be((false, true));
        await using var host = await StartWithOtherSchemeAsync();
        var schemes = host.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        (await schemes.GetAllSchemesAsync())
            .Where(scheme => typeof(AuthenticationHandler<MediaTokenOptions>).IsAssignableFrom(scheme.HandlerType))
            .Select(scheme => scheme.Name)
            .Should().BeEquivalentTo(MediaTokenDefaults.AuthenticationScheme, OtherScheme);
    }

    [Fact]
    public async Task Parameterless_AddMediaToken_registers_the_default_scheme_bound_from_configuration()
    {
        await using var host = await TestHost.StartAsync(
            builder =>
            {
                AddConfiguration(builder, new() { ["Authentication:Schemes:MediaToken:Audience"] = "configured-only" });
                builder.Services.AddAuthentication().AddMediaToken();
                builder.Services.Configure<MediaTokenOptions>(MediaTokenDefaults.AuthenticationScheme, options =>
                    options.SigningCredentials = TestKeys.HmacCredentials);
            },
            _ => { });

        var token = host.Services.GetRequiredService<IMediaTokenIssuer>().IssueToken(Customer("1"));

        new JsonWebToken(token).Audiences.Should().Equal("configured-only");
    }

    private static Task<TestHost> StartWithOtherSchemeAsync() =>
        TestHost.StartMediaTokenHostAsync(
            configureServices: builder =>
            {
                AddConfiguration(builder, new() { [$"Authentication:Schemes:{OtherScheme}:Audience"] = "other-media" });
                builder.Services.AddAuthentication().AddMediaToken(OtherScheme, options =>
                    options.SigningCredentials = TestKeys.HmacCredentials);
            },
            configureApp: app => TestHost.MapUserDescription(app, OtherPath).RequireMediaToken(OtherScheme));

    private static Task<TException> StartupFailureAsync<TException>(string key, string value)
        where TException : Exception =>
        TestHost.StartupFailureAsync<TException>(builder =>
        {
            AddConfiguration(builder, new() { [$"Authentication:Schemes:MediaToken:{key}"] = value });
            builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
        });

    private static void AddConfiguration(WebApplicationBuilder builder, Dictionary<string, string?> values) =>
        builder.Configuration.AddInMemoryCollection(values);

    private static ClaimsPrincipal Customer(string customerId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, customerId)], "test"));
}
