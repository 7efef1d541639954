using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Exchange;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

public sealed class OneTimeTokenOptionsValidationTests
{
    public static TheoryData<Action<OneTimeTokenOptions>, string> InvalidOptions => new()
    {
        { options => options.TokenLifetime = TimeSpan.FromMinutes(11), "OneTimeTokenOptions.TokenLifetime" },
        { options => options.TokenLifetime = TimeSpan.Zero, "OneTimeTokenOptions.TokenLifetime" },
        { options => options.MaxExchangedTokenLifetime = TimeSpan.FromSeconds(30), "OneTimeTokenOptions.MaxExchangedTokenLifetime" },
        { options => options.CustomerIdClaimType = "", "OneTimeTokenOptions.CustomerIdClaimType" },
        { options => options.CustomerIdClaimType = "iss", "OneTimeTokenOptions.CustomerIdClaimType" },
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
    [InlineData("Missing")]
    [InlineData("Bearer")]
    public void Mapping_the_login_fails_when_the_sign_in_scheme_is_not_registered(string signInScheme)
    {
        var app = BuildHost(services => services.AddOneTimeTokens(options => options.SignInScheme = signInScheme));

        var map = () => app.MapOneTimeTokenLogin();

        map.Should().Throw<InvalidOperationException>().WithMessage("*not a registered sign-in scheme*OneTimeTokenOptions.SignInScheme*");
    }

    [Theory]
    [InlineData("Missing")]
    [InlineData("Cookies")]
    public void Mapping_the_exchange_fails_when_the_BearerToken_scheme_of_the_built_in_issuer_is_not_registered(string bearerScheme)
    {
        var app = BuildHost(services => services.AddOneTimeTokens().AddBearerTokenExchange(bearerScheme));

        var map = () => app.MapOneTimeTokenExchange();

        map.Should().Throw<InvalidOperationException>().WithMessage("*not a registered BearerToken scheme*AddBearerToken()*AddJwtExchange()*");
    }

    [Fact]
    public void Mapping_the_exchange_fails_naming_the_fix_when_no_issuer_is_registered()
    {
        var app = BuildHost(services => services.AddOneTimeTokens(options => options.SignInScheme = "Cookies"));

        var map = () => app.MapOneTimeTokenEndpoints();

        map.Should().Throw<InvalidOperationException>()
            .WithMessage("*exactly one IExchangedTokenIssuer; 0 are registered*AddJwtExchange(...)*AddBearerTokenExchange()*");
    }

    [Fact]
    public void Mapping_the_exchange_fails_when_two_issuers_are_registered()
    {
        var app = BuildHost(services => services.AddOneTimeTokens().AddBearerTokenExchange().AddBearerTokenExchange("BearerToken"));

        var map = () => app.MapOneTimeTokenExchange();

        map.Should().Throw<InvalidOperationException>().WithMessage("*exactly one IExchangedTokenIssuer; 2 are registered*");
    }

    [Fact]
    public void Without_the_exchange_the_other_endpoints_map_with_no_issuer()
    {
        var app = BuildHost(services => services.AddOneTimeTokens(options => options.SignInScheme = "Cookies"));

        var map = () =>
        {
            app.MapOneTimeTokenLogin();
            app.MapOneTimeTokenRefresh();
        };

        map.Should().NotThrow();
    }

    public static TheoryData<Action<JwtExchangeOptions>, string> InvalidJwtExchangeOptions => new()
    {
        { options => options.SigningCredentials = null, "JwtExchangeOptions.SigningCredentials" },
        { options => options.Issuer = " ", "JwtExchangeOptions.Issuer" },
        { options => options.Audience = null, "JwtExchangeOptions.Audience" },
        {
            options => options.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[16]) { KeyId = "short" }, SecurityAlgorithms.HmacSha256),
            "JwtExchangeOptions.SigningCredentials cannot sign"
        },
        {
            options => options.SigningCredentials = new SigningCredentials(new RsaSecurityKey(PublicOnlyRsaKey()) { KeyId = "public" }, SecurityAlgorithms.RsaSha256),
            "JwtExchangeOptions.SigningCredentials cannot sign"
        },
    };

    // A key of its own: IdentityModel caches signature providers by key thumbprint, so the public half of a key that
    // signed before in this process would sign with the cached private key.
    private static RSAParameters PublicOnlyRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: false);
    }

    [Theory]
    [MemberData(nameof(InvalidJwtExchangeOptions))]
    public async Task Invalid_jwt_exchange_options_fail_at_startup_naming_the_option(Action<JwtExchangeOptions> configure, string expectedMessage)
    {
        await using var app = TestHost.Build(
            builder => builder.Services.AddOneTimeTokens().AddJwtExchange(options =>
            {
                options.SigningCredentials = TestKeys.HmacCredentials;
                options.Issuer = "https://issuer.example";
                options.Audience = "api";
                configure(options);
            }),
            app => { },
            new FakeTimeProvider());

        var start = () => app.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expectedMessage);
    }

    private static WebApplication BuildHost(Action<IServiceCollection> configureServices) =>
        TestHost.Build(
            builder =>
            {
                builder.Services.AddAuthentication("TestBearer").AddCookie("Cookies").AddBearerToken("BearerToken")
                    .AddScheme<AuthenticationSchemeOptions, NoOpHandler>("Bearer", null)
                    .AddScheme<TestBearerOptions, TestBearerHandler>("TestBearer", null);
                configureServices(builder.Services);
            },
            app => { },
            new FakeTimeProvider());

    private sealed class NoOpHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
