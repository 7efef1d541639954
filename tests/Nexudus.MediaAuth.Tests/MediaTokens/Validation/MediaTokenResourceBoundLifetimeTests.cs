using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Validation;

/// <summary>
/// A token bound to a resource may live up to <c>MaxResourceBoundTokenLifetime</c> (the recipe for a viewer on another
/// site, which gets no continuation cookie); an unbound one stays within <c>MaxTokenLifetime</c>.
/// </summary>
public sealed class MediaTokenResourceBoundLifetimeTests
{
    private const string LifetimeTooLong = "The token's lifetime is longer than allowed.";

    private static readonly ClaimsPrincipal Customer = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "42")], "test"));

    [Fact]
    public async Task Bound_token_of_thirty_minutes_opens_its_file_at_minute_29_and_not_at_31()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var token = Issuer(host).IssueToken(Customer, new PathString(TestHost.MediaPath), lifetime: TimeSpan.FromMinutes(30));

        host.Time.Advance(TimeSpan.FromMinutes(29));
        (await host.ExpectAcceptedAsync(token)).Should().Be("42");
        host.Time.Advance(TimeSpan.FromMinutes(2));
        await host.ExpectRejectedAsync(token, "The token has expired.");
    }

    [Fact]
    public async Task Unbound_token_claiming_thirty_minutes_is_refused()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        await host.ExpectRejectedAsync(TestToken.Create(host.Now, lifetime: TimeSpan.FromMinutes(30)), LifetimeTooLong);
    }

    [Fact]
    public async Task Bound_token_is_accepted_up_to_the_cap_and_refused_beyond_it()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var now = host.Now.ToUnixTimeSeconds();

        (await host.ExpectAcceptedAsync(Bound(now, now + 3600))).Should().Be("1");
        await host.ExpectRejectedAsync(Bound(now, now + 3601), LifetimeTooLong);
        await host.ExpectRejectedAsync(Bound(now - 3600, now + 1), LifetimeTooLong);
    }

    [Fact]
    public async Task The_cap_is_the_option()
    {
        await using var longer = await TestHost.StartMediaTokenHostAsync(options => options.MaxResourceBoundTokenLifetime = TimeSpan.FromHours(2));
        await using var same = await TestHost.StartMediaTokenHostAsync(options => options.MaxResourceBoundTokenLifetime = options.MaxTokenLifetime);
        var now = longer.Now.ToUnixTimeSeconds();

        (await longer.ExpectAcceptedAsync(Bound(now, now + 7200))).Should().Be("1");
        await same.ExpectRejectedAsync(Bound(now, now + 301), LifetimeTooLong);
    }

    [Fact]
    public async Task Issuer_gives_a_bound_token_TokenLifetime_unless_told_otherwise()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        var token = new JsonWebToken(Issuer(host).IssueToken(Customer, new PathString(TestHost.MediaPath)));
        var longer = new JsonWebToken(Issuer(host).IssueToken(Customer, new PathString(TestHost.MediaPath), lifetime: TimeSpan.FromHours(1)));

        (token.ValidTo - token.IssuedAt).Should().Be(host.MediaTokenOptions.TokenLifetime);
        (longer.ValidTo - longer.IssuedAt).Should().Be(TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3601)]
    public async Task Issuer_refuses_a_lifetime_that_is_not_positive_or_beyond_the_cap(int seconds)
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        var issue = () => Issuer(host).IssueToken(Customer, new PathString(TestHost.MediaPath), lifetime: TimeSpan.FromSeconds(seconds));

        issue.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("lifetime");
    }

    [Theory]
    [InlineData(4 * 60, "must be at least MaxTokenLifetime (00:05:00)")]
    [InlineData(24 * 3600 + 1, "at most 1.00:00:00")]
    public async Task Cap_outside_its_bounds_fails_startup(int seconds, string message)
    {
        var failure = await TestHost.StartupFailureAsync<OptionsValidationException>(builder =>
            builder.Services.AddMediaTokenAuthentication(options =>
            {
                options.SigningCredentials = TestKeys.HmacCredentials;
                options.MaxResourceBoundTokenLifetime = TimeSpan.FromSeconds(seconds);
            }));

        failure.Message.Should().Contain("MediaTokenOptions.MaxResourceBoundTokenLifetime of scheme 'MediaToken'").And.Contain(message);
    }

    private static IMediaTokenIssuer Issuer(TestHost host) => host.Services.GetRequiredService<IMediaTokenIssuer>();

    /// <summary>A token bound to <see cref="TestHost.MediaPath"/>, signed with the scheme's key by hand: the issuer would not write one beyond the cap.</summary>
    private static string Bound(long issuedAt, long expires) => TestToken.Hmac(
        TestToken.ValidHeader,
        $$"""{"iss":"{{MediaTokenDefaults.Issuer}}","aud":"{{MediaTokenDefaults.Audience}}","sub":"1","iat":{{issuedAt}},"nbf":{{issuedAt}},"exp":{{expires}},"res":"{{TestHost.MediaPath}}"}""");
}
