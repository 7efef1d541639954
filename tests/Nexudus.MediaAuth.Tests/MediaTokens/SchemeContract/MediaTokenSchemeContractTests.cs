using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.SchemeContract;

/// <summary>
/// The <c>MediaToken</c> scheme keeps the contract of an ASP.NET Core authentication scheme: credentials are a media
/// token in <c>?t=</c>, a challenge is <c>401</c> with <c>WWW-Authenticate: MediaToken</c>, and it is not a sign-in
/// scheme.
/// </summary>
public sealed class MediaTokenSchemeContractTests : AuthenticationSchemeContractTests<MediaTokenOptions>
{
    protected override string SchemeName => MediaTokenDefaults.AuthenticationScheme;

    protected override string? DisplayName => "Media token";

    protected override Type HandlerType => typeof(MediaTokenHandler);

    protected override string ChallengeHeader => MediaTokenDefaults.AuthenticationScheme;

    protected override void RegisterScheme(AuthenticationBuilder authentication, Action<MediaTokenOptions> configure) =>
        authentication.AddMediaToken(options =>
        {
            options.SigningCredentials = TestKeys.HmacCredentials;
            configure(options);
        });

    protected override string WithCredentials(string path, DateTimeOffset now) => TestHost.WithToken(path, TestToken.Create(now));

    [Fact]
    public async Task Forwarded_authenticate_leaves_a_valid_token_in_the_query_unread()
    {
        await using var host = await StartAsync(options => options.ForwardAuthenticate = ForwardDefaultTarget);

        using var response = await host.Client.GetAsync(WithCredentials("/authenticate", host.Time.GetUtcNow()));

        (await response.Content.ReadAsStringAsync()).Should().Be(ForwardDefaultTarget);
        response.Headers.CacheControl.Should().BeNull("the media token handler, which sends no-store with an accepted token, did not run");
    }

    [Fact]
    public async Task Forwarded_challenge_answers_for_the_target_even_after_a_rejected_token()
    {
        await using var host = await StartAsync(options => options.ForwardChallenge = ForwardDefaultTarget);

        using var response = await host.Client.GetAsync(TestHost.WithToken("/challenge", "not-a-token"));

        response.Headers.WwwAuthenticate.ToString().Should().Be(ForwardDefaultTarget, "the media token challenge would name invalid_token");
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        Calls(host).Should().Equal($"{ForwardDefaultTarget}.ChallengeAsync");
    }
}
