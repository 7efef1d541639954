using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

public sealed class OneTimeTokenOptionsValidationTests
{
    public static TheoryData<Action<OneTimeTokenOptions>, string> InvalidOptions => new()
    {
        { options => options.TokenLifetime = TimeSpan.FromMinutes(11), "OneTimeTokenOptions.TokenLifetime" },
        { options => options.TokenLifetime = TimeSpan.Zero, "OneTimeTokenOptions.TokenLifetime" },
        { options => options.MaxExchangedTokenLifetime = TimeSpan.FromSeconds(30), "OneTimeTokenOptions.MaxExchangedTokenLifetime" },
        { options => options.BearerScheme = "", "OneTimeTokenOptions.BearerScheme" },
        { options => options.LoginPath = "user/login", "OneTimeTokenOptions.LoginPath" },
        { options => options.LoginPath = "/user/login?x=1", "OneTimeTokenOptions.LoginPath" },
        { options => options.DefaultRedirectPath = "//evil.example", "OneTimeTokenOptions.DefaultRedirectPath" },
        { options => options.DefaultRedirectPath = "https://evil.example/", "OneTimeTokenOptions.DefaultRedirectPath" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_options_fail_at_startup_naming_the_option(Action<OneTimeTokenOptions> configure, string expectedMessage)
    {
        await using var app = TestHost.Build(
            builder => builder.Services.AddOneTimeTokens(configure),
            app => { },
            new FakeTimeProvider());

        var start = () => app.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expectedMessage);
    }

    [Theory]
    [InlineData("Missing", "BearerToken", "not a registered sign-in scheme")]
    [InlineData("Bearer", "BearerToken", "not a registered sign-in scheme")]
    [InlineData("Cookies", "Missing", "not a registered BearerToken scheme")]
    [InlineData("Cookies", "Cookies", "not a registered BearerToken scheme")]
    public void Mapping_fails_when_the_redemption_schemes_are_not_registered(string signInScheme, string bearerScheme, string expectedMessage)
    {
        var app = TestHost.Build(
            builder =>
            {
                builder.Services.AddAuthentication().AddCookie("Cookies").AddBearerToken("BearerToken").AddScheme<AuthenticationSchemeOptions, NoOpHandler>("Bearer", null);
                builder.Services.AddOneTimeTokens(options =>
                {
                    options.SignInScheme = signInScheme;
                    options.BearerScheme = bearerScheme;
                });
            },
            app => { },
            new FakeTimeProvider());

        var map = () => app.MapOneTimeTokenEndpoints();

        map.Should().Throw<InvalidOperationException>().WithMessage($"*{expectedMessage}*");
    }

    private sealed class NoOpHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
