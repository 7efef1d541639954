using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// Misconfigured schemes fail at <c>StartAsync</c> with a message that says what to fix.
/// </summary>
public sealed class MediaTokenOptionsValidationTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task No_key_outside_Development_fails_at_startup_saying_how_to_configure_one(string environment)
    {
        var failure = await StartupFailureAsync(options => options.SigningCredentials = null, environment);

        failure.OptionsName.Should().Be(MediaTokenDefaults.AuthenticationScheme);
        failure.Message.Should().Contain("The media token scheme 'MediaToken' has no key. Set MediaTokenOptions.SigningCredentials")
            .And.Contain("SecurityAlgorithms.HmacSha256")
            .And.Contain("An ephemeral key is generated only in the Development environment.");
    }

    [Fact]
    public async Task No_key_in_Development_runs_on_an_ephemeral_key_and_logs_a_warning()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(
            options => options.SigningCredentials = null,
            builder => builder.Logging.AddFakeLogging(),
            environment: Environments.Development);

        var jwt = await host.MintAsync("1");
        using var response = await host.GetMediaAsync(jwt);

        new JsonWebToken(jwt).Kid.Should().Be("development-ephemeral");
        (await response.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=1");
        var warning = host.Services.GetFakeLogCollector().GetSnapshot().Should()
            .ContainSingle(record => record.Id.Name == "MediaTokenEphemeralKey").Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Id.Id.Should().Be(3);
        warning.Message.Should().Contain("media token scheme MediaToken").And.Contain("Set MediaTokenOptions.SigningCredentials");
    }

    [Fact]
    public async Task The_Development_key_outlives_a_configuration_reload_so_links_handed_out_keep_working()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(
            options => options.SigningCredentials = null,
            builder => builder.Logging.AddFakeLogging(),
            environment: Environments.Development);
        var jwt = await host.MintAsync("1");

        // What a reload of the scheme's configuration section does: the options are built again.
        host.Services.GetRequiredService<IOptionsMonitorCache<MediaTokenOptions>>().TryRemove(MediaTokenDefaults.AuthenticationScheme);
        using var response = await host.GetMediaAsync(jwt);

        await response.ShouldDescribeUserAsync();
        host.Services.GetFakeLogCollector().GetSnapshot().Should().ContainSingle(record => record.Id.Name == "MediaTokenEphemeralKey");
    }

    [Fact]
    public async Task Configured_key_in_Development_is_used_without_a_warning()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(
            configureServices: builder => builder.Logging.AddFakeLogging(),
            environment: Environments.Development);

        var jwt = await host.MintAsync("1");

        new JsonWebToken(jwt).Kid.Should().Be(TestKeys.Hmac.KeyId);
        host.Services.GetFakeLogCollector().GetSnapshot().Should().NotContain(record => record.Id.Name == "MediaTokenEphemeralKey");
    }

    public static TheoryData<string, Action<MediaTokenOptions>, string> Misconfigurations() => new()
    {
        {
            "lifetime over the cap",
            options => options.TokenLifetime = TimeSpan.FromMinutes(6),
            "MediaTokenOptions.TokenLifetime of scheme 'MediaToken' must be more than zero and at most MaxTokenLifetime (00:05:00); it is 00:06:00."
        },
        {
            "zero lifetime",
            options => options.TokenLifetime = TimeSpan.Zero,
            "MediaTokenOptions.TokenLifetime of scheme 'MediaToken' must be more than zero and at most MaxTokenLifetime (00:05:00); it is 00:00:00."
        },
        {
            "cap over an hour",
            options => options.MaxTokenLifetime = TimeSpan.FromHours(2),
            "MediaTokenOptions.MaxTokenLifetime of scheme 'MediaToken' must be more than zero and at most 01:00:00; it is 02:00:00."
        },
        {
            "skew over a minute",
            options => options.ClockSkew = TimeSpan.FromMinutes(5),
            "MediaTokenOptions.ClockSkew of scheme 'MediaToken' must be between zero and 00:01:00; it is 00:05:00."
        },
        {
            "none allowed",
            options => options.ValidAlgorithms.Add(SecurityAlgorithms.None),
            "MediaTokenOptions.ValidAlgorithms of scheme 'MediaToken' must not contain 'none': media tokens are always signed."
        },
        {
            "no algorithms",
            options => options.ValidAlgorithms.Clear(),
            "MediaTokenOptions.ValidAlgorithms of scheme 'MediaToken' must name at least one algorithm."
        },
        {
            "symmetric key without kid",
            options => options.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(TestKeys.Hmac.Key), SecurityAlgorithms.HmacSha256),
            "The media token key MediaTokenOptions.SigningCredentials of scheme 'MediaToken' has no KeyId. Every key needs one: tokens name their key by kid."
        },
        {
            "hmac algorithm for an rsa key",
            options => options.SigningCredentials = new SigningCredentials(TestKeys.Rsa, SecurityAlgorithms.HmacSha256),
            "The media token key MediaTokenOptions.SigningCredentials of scheme 'MediaToken' is an RSA key, which does not fit HS256: HS* algorithms take a symmetric key, RS* and PS* an RSA key, ES* an EC key."
        },
        {
            "signing algorithm not allowed",
            options =>
            {
                options.ValidAlgorithms.Clear();
                options.ValidAlgorithms.Add(SecurityAlgorithms.RsaSha256);
            },
            "The algorithm 'HS256' of media token key MediaTokenOptions.SigningCredentials of scheme 'MediaToken' is not in MediaTokenOptions.ValidAlgorithms; allow it there or give the key an allowed algorithm."
        },
        {
            "two keys under one kid",
            options => options.ValidationKeys.Add(new SigningCredentials(TestKeys.OtherHmac, SecurityAlgorithms.HmacSha256)),
            "The KeyId 'hmac-1' is used by more than one key of media token scheme 'MediaToken' (MediaTokenOptions.SigningCredentials of scheme 'MediaToken' and MediaTokenOptions.ValidationKeys[0] of scheme 'MediaToken'); give each key its own."
        },
        {
            "empty audience",
            options => options.Audience = " ",
            "MediaTokenOptions.Audience of scheme 'MediaToken' must not be empty."
        },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task Misconfiguration_fails_at_startup_saying_what_to_fix(string because, Action<MediaTokenOptions> misconfigure, string expectedFailure)
    {
        var failure = await StartupFailureAsync(misconfigure);

        failure.Failures.Should().Contain(expectedFailure, because);
        failure.Message.Should().Contain(expectedFailure);
    }

    [Fact]
    public async Task All_failures_of_a_scheme_are_reported_together()
    {
        var failure = await StartupFailureAsync(options =>
        {
            options.ClockSkew = TimeSpan.FromMinutes(5);
            options.ValidAlgorithms.Add(SecurityAlgorithms.None);
        });

        failure.Failures.Should().HaveCount(2);
    }

    [Fact]
    public async Task Failures_name_the_scheme_they_belong_to()
    {
        var failure = await TestHost.StartupFailureAsync<OptionsValidationException>(builder =>
            builder.Services.AddAuthentication().AddMediaToken("Downloads", options =>
            {
                options.SigningCredentials = TestKeys.HmacCredentials;
                options.ClockSkew = TimeSpan.FromMinutes(5);
            }));

        failure.OptionsName.Should().Be("Downloads");
        failure.Message.Should().Contain("MediaTokenOptions.ClockSkew of scheme 'Downloads'");
    }

    private static Task<OptionsValidationException> StartupFailureAsync(Action<MediaTokenOptions> misconfigure, string environment = "Production") =>
        TestHost.StartupFailureAsync<OptionsValidationException>(
            builder => builder.Services.AddMediaTokenAuthentication(options =>
            {
                options.SigningCredentials = TestKeys.HmacCredentials;
                misconfigure(options);
            }),
            environment);
}
