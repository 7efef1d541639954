using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.SchemeContract;

/// <summary>
/// What every scheme that authenticates requests owes the host, after ASP.NET Core's <c>SharedAuthenticationTests</c>:
/// forwarding (a per-action forward wins over <see cref="AuthenticationSchemeOptions.ForwardDefaultSelector"/>, which
/// wins over <see cref="AuthenticationSchemeOptions.ForwardDefault"/> unless it answers null), behaviour as the
/// host's default scheme or as a named one, a 401 challenge with the scheme's <c>WWW-Authenticate</c>, a 403 forbid,
/// and the registered handler type and display name. Such a scheme does not sign in or out: both throw, forwarded or not.
/// </summary>
/// <remarks>
/// Each test runs a host on a TestServer whose endpoints call <c>AuthenticateAsync</c>, <c>ChallengeAsync</c>,
/// <c>ForbidAsync</c>, <c>SignInAsync</c> and <c>SignOutAsync</c> on the scheme by name, and endpoints that require
/// authorization by the default scheme or by this one; forward targets are
/// <see cref="RecordingAuthenticationHandler"/> schemes, whose calls the <see cref="AuthenticationCallLog"/> keeps.
/// </remarks>
/// <typeparam name="TOptions">The options of the scheme under test.</typeparam>
public abstract class AuthenticationSchemeContractTests<TOptions>
    where TOptions : AuthenticationSchemeOptions
{
    /// <summary>The recording scheme the tests name in <see cref="AuthenticationSchemeOptions.ForwardDefault"/>.</summary>
    protected const string ForwardDefaultTarget = "auth1";

    private const string SelectorTarget = "selector";
    private const string SpecificTarget = "specific";

    /// <summary>The name under which <see cref="RegisterScheme"/> registers the scheme.</summary>
    protected abstract string SchemeName { get; }

    /// <summary>The display name the scheme gets by default.</summary>
    protected abstract string? DisplayName { get; }

    /// <summary>The scheme's handler type.</summary>
    protected abstract Type HandlerType { get; }

    /// <summary>The <c>WWW-Authenticate</c> value of a challenge to a request without credentials.</summary>
    protected abstract string ChallengeHeader { get; }

    /// <summary>Registers the scheme under <see cref="SchemeName"/>, able to authenticate <see cref="WithCredentials"/>.</summary>
    protected abstract void RegisterScheme(AuthenticationBuilder authentication, Action<TOptions> configure);

    /// <summary>A request URI for <paramref name="path"/> that carries credentials the scheme accepts at <paramref name="now"/>.</summary>
    protected abstract string WithCredentials(string path, DateTimeOffset now);

    [Fact]
    public async Task ForwardDefault_receives_authenticate_challenge_and_forbid()
    {
        await using var host = await StartAsync(options => options.ForwardDefault = ForwardDefaultTarget);

        using var authenticate = await host.Client.GetAsync("/authenticate");
        using var challenge = await host.Client.GetAsync("/challenge");
        using var forbid = await host.Client.GetAsync("/forbid");

        (await authenticate.Content.ReadAsStringAsync()).Should().Be(ForwardDefaultTarget);
        challenge.Should().HaveStatusCode(HttpStatusCode.Unauthorized);
        challenge.Headers.WwwAuthenticate.ToString().Should().Be(ForwardDefaultTarget);
        forbid.Should().HaveStatusCode(HttpStatusCode.Forbidden);
        Calls(host).Should().Equal($"{ForwardDefaultTarget}.AuthenticateAsync", $"{ForwardDefaultTarget}.ChallengeAsync", $"{ForwardDefaultTarget}.ForbidAsync");
    }

    [Theory]
    [InlineData("authenticate", "AuthenticateAsync")]
    [InlineData("challenge", "ChallengeAsync")]
    [InlineData("forbid", "ForbidAsync")]
    public async Task Forward_for_one_action_wins_over_ForwardDefault(string action, string expectedCall)
    {
        await using var host = await StartAsync(options =>
        {
            options.ForwardDefault = ForwardDefaultTarget;
            ForwardOne(options, action, SpecificTarget);
        });

        using var response = await host.Client.GetAsync($"/{action}");

        Calls(host).Should().Equal($"{SpecificTarget}.{expectedCall}");
    }

    [Fact]
    public async Task ForwardDefaultSelector_wins_over_ForwardDefault()
    {
        await using var host = await StartAsync(options =>
        {
            options.ForwardDefault = ForwardDefaultTarget;
            options.ForwardDefaultSelector = _ => SelectorTarget;
        });

        await CallEveryActionAsync(host);

        Calls(host).Should().Equal($"{SelectorTarget}.AuthenticateAsync", $"{SelectorTarget}.ChallengeAsync", $"{SelectorTarget}.ForbidAsync");
    }

    [Fact]
    public async Task ForwardDefaultSelector_answering_null_leaves_ForwardDefault()
    {
        await using var host = await StartAsync(options =>
        {
            options.ForwardDefault = ForwardDefaultTarget;
            options.ForwardDefaultSelector = _ => null;
        });

        await CallEveryActionAsync(host);

        Calls(host).Should().Equal($"{ForwardDefaultTarget}.AuthenticateAsync", $"{ForwardDefaultTarget}.ChallengeAsync", $"{ForwardDefaultTarget}.ForbidAsync");
    }

    [Fact]
    public async Task Forwards_for_each_action_win_over_the_selector_and_ForwardDefault()
    {
        await using var host = await StartAsync(options =>
        {
            options.ForwardDefault = ForwardDefaultTarget;
            options.ForwardDefaultSelector = _ => SelectorTarget;
            options.ForwardAuthenticate = SpecificTarget;
            options.ForwardChallenge = SpecificTarget;
            options.ForwardForbid = SpecificTarget;
        });

        await CallEveryActionAsync(host);

        Calls(host).Should().Equal($"{SpecificTarget}.AuthenticateAsync", $"{SpecificTarget}.ChallengeAsync", $"{SpecificTarget}.ForbidAsync");
    }

    /// <summary>
    /// ASP.NET Core refuses to sign in or out with a handler that is not a sign-in handler before it looks at the
    /// scheme's forwards, as its own tests assert for schemes that do not support them.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sign_in_and_sign_out_are_not_supported_even_when_forwarded(bool forwarded)
    {
        await using var host = await StartAsync(options =>
        {
            if (forwarded)
            {
                options.ForwardDefault = ForwardDefaultTarget;
                options.ForwardSignIn = SpecificTarget;
                options.ForwardSignOut = SpecificTarget;
            }
        });

        var signIn = () => host.Client.GetAsync("/sign-in");
        var signOut = () => host.Client.GetAsync("/sign-out");

        await signIn.Should().ThrowAsync<InvalidOperationException>().WithMessage("*cannot be used for SignInAsync*");
        await signOut.Should().ThrowAsync<InvalidOperationException>().WithMessage("*cannot be used for SignOutAsync*");
        Calls(host).Should().BeEmpty();
    }

    /// <summary>
    /// <c>SharedAuthenticationTests</c> calls the scheme as the host's default, naming no scheme: forwarding holds there
    /// too, and sign-in and sign-out still throw rather than reach <see cref="AuthenticationSchemeOptions.ForwardDefault"/>.
    /// </summary>
    [Fact]
    public async Task As_the_default_scheme_it_forwards_calls_that_name_no_scheme()
    {
        await using var host = await StartAsync(options => options.ForwardDefault = ForwardDefaultTarget, defaultScheme: SchemeName);

        using var authenticate = await host.Client.GetAsync("/default/authenticate");
        using var challenge = await host.Client.GetAsync("/default/challenge");
        using var forbid = await host.Client.GetAsync("/default/forbid");
        var signIn = () => host.Client.GetAsync("/default/sign-in");
        var signOut = () => host.Client.GetAsync("/default/sign-out");

        (await authenticate.Content.ReadAsStringAsync()).Should().Be(ForwardDefaultTarget);
        challenge.Should().HaveStatusCode(HttpStatusCode.Unauthorized);
        challenge.Headers.WwwAuthenticate.ToString().Should().Be(ForwardDefaultTarget);
        forbid.Should().HaveStatusCode(HttpStatusCode.Forbidden);
        await signIn.Should().ThrowAsync<InvalidOperationException>().WithMessage("*cannot be used for SignInAsync*");
        await signOut.Should().ThrowAsync<InvalidOperationException>().WithMessage("*cannot be used for SignOutAsync*");
        Calls(host).Should().Contain(new[] { $"{ForwardDefaultTarget}.ChallengeAsync", $"{ForwardDefaultTarget}.ForbidAsync" })
            .And.OnlyContain(call => call.StartsWith($"{ForwardDefaultTarget}.", StringComparison.Ordinal), "the authentication middleware's calls are forwarded too")
            .And.NotContain(call => call.EndsWith(".SignInAsync", StringComparison.Ordinal) || call.EndsWith(".SignOutAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task As_the_default_scheme_it_authenticates_every_request_and_answers_challenge_and_forbid()
    {
        await using var host = await StartAsync(_ => { }, defaultScheme: SchemeName);
        var now = host.Time.GetUtcNow();

        using var protectedWithCredentials = await host.Client.GetAsync(WithCredentials("/protected/by-default", now));
        using var protectedWithout = await host.Client.GetAsync("/protected/by-default");
        using var forbid = await host.Client.GetAsync(WithCredentials("/protected/forbidden", now));

        protectedWithCredentials.Should().HaveStatusCode(HttpStatusCode.OK);
        (await protectedWithCredentials.Content.ReadAsStringAsync()).Should().Be(SchemeName);
        protectedWithout.Should().HaveStatusCode(HttpStatusCode.Unauthorized);
        protectedWithout.Headers.WwwAuthenticate.ToString().Should().Be(ChallengeHeader);
        forbid.Should().HaveStatusCode(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Not_the_default_scheme_it_authenticates_only_endpoints_that_name_it()
    {
        await using var host = await StartAsync(_ => { }, defaultScheme: ForwardDefaultTarget);
        var now = host.Time.GetUtcNow();

        using var byDefault = await host.Client.GetAsync(WithCredentials("/protected/by-default", now));
        using var namingItWithCredentials = await host.Client.GetAsync(WithCredentials("/protected/by-name", now));
        using var namingItWithout = await host.Client.GetAsync("/protected/by-name");

        (await byDefault.Content.ReadAsStringAsync()).Should().Be(ForwardDefaultTarget, "the default scheme, not this one, authenticates by default");
        (await namingItWithCredentials.Content.ReadAsStringAsync()).Should().Be(SchemeName);
        namingItWithout.Should().HaveStatusCode(HttpStatusCode.Unauthorized);
        namingItWithout.Headers.WwwAuthenticate.ToString().Should().Be(ChallengeHeader);
    }

    [Fact]
    public async Task Challenge_is_401_with_the_scheme_WWW_Authenticate_and_forbid_is_403()
    {
        await using var host = await StartAsync(_ => { });

        using var challenge = await host.Client.GetAsync("/challenge");
        using var forbid = await host.Client.GetAsync("/forbid");

        challenge.Should().HaveStatusCode(HttpStatusCode.Unauthorized);
        challenge.Headers.WwwAuthenticate.ToString().Should().Be(ChallengeHeader);
        forbid.Should().HaveStatusCode(HttpStatusCode.Forbidden);
        forbid.Headers.WwwAuthenticate.Should().BeEmpty();
    }

    [Fact]
    public async Task Scheme_is_registered_with_its_handler_type_and_display_name()
    {
        await using var host = await StartAsync(_ => { });

        var scheme = await host.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(SchemeName);

        scheme.Should().NotBeNull();
        scheme!.HandlerType.Should().Be(HandlerType);
        scheme.DisplayName.Should().Be(DisplayName);
    }

    /// <summary>
    /// A host with the scheme under test configured by <paramref name="configure"/>, three recording schemes to forward
    /// to, and <paramref name="defaultScheme"/> as the default scheme: with none, the middleware authenticates nothing
    /// and each action endpoint makes exactly one call, to the scheme under test by name.
    /// </summary>
    protected Task<TestHost> StartAsync(Action<TOptions> configure, string? defaultScheme = null) => TestHost.StartAsync(
        builder =>
        {
            builder.Services.AddSingleton<AuthenticationCallLog>();
            var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = defaultScheme;
                options.AddScheme<RecordingAuthenticationHandler>(ForwardDefaultTarget, ForwardDefaultTarget);
                options.AddScheme<RecordingAuthenticationHandler>(SelectorTarget, SelectorTarget);
                options.AddScheme<RecordingAuthenticationHandler>(SpecificTarget, SpecificTarget);
            });
            RegisterScheme(authentication, configure);
            builder.Services.AddAuthorization();
        },
        app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/authenticate", async context => await context.Response.WriteAsync(Describe(await context.AuthenticateAsync(SchemeName))));
            app.MapGet("/challenge", context => context.ChallengeAsync(SchemeName));
            app.MapGet("/forbid", context => context.ForbidAsync(SchemeName));
            app.MapGet("/sign-in", context => context.SignInAsync(SchemeName, new ClaimsPrincipal(new ClaimsIdentity("test"))));
            app.MapGet("/sign-out", context => context.SignOutAsync(SchemeName));
            app.MapGet("/default/authenticate", async context => await context.Response.WriteAsync(Describe(await context.AuthenticateAsync())));
            app.MapGet("/default/challenge", context => context.ChallengeAsync());
            app.MapGet("/default/forbid", context => context.ForbidAsync());
            app.MapGet("/default/sign-in", context => context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity("test"))));
            app.MapGet("/default/sign-out", context => context.SignOutAsync());
            app.MapGet("/protected/by-default", (ClaimsPrincipal user) => user.Identity!.AuthenticationType).RequireAuthorization();
            app.MapGet("/protected/forbidden", () => "never").RequireAuthorization(policy => policy.RequireAssertion(_ => false));
            app.MapGet("/protected/by-name", (ClaimsPrincipal user) => user.Identity!.AuthenticationType)
                .RequireAuthorization(policy => policy.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser());
        });

    protected static IReadOnlyList<string> Calls(TestHost host) => host.Services.GetRequiredService<AuthenticationCallLog>().Calls;

    private static string Describe(AuthenticateResult result) =>
        result.Succeeded ? result.Principal.Identity!.AuthenticationType! : result.None ? "none" : "failed";

    private static void ForwardOne(TOptions options, string action, string target)
    {
        switch (action)
        {
            case "authenticate":
                options.ForwardAuthenticate = target;
                break;
            case "challenge":
                options.ForwardChallenge = target;
                break;
            case "forbid":
                options.ForwardForbid = target;
                break;
        }
    }

    private static async Task CallEveryActionAsync(TestHost host)
    {
        foreach (var action in new[] { "/authenticate", "/challenge", "/forbid" })
        {
            using var response = await host.Client.GetAsync(action);
        }
    }
}
