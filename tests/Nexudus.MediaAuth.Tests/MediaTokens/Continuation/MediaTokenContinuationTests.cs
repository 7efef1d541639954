using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Continuation;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Continuation;

/// <summary>
/// The browser that opened a file with a valid token keeps reading that file, at the same URL, after the token
/// expired, through the cookie the first response set; nothing else opens with that cookie, and the expired URL alone
/// stays refused.
/// </summary>
public sealed class MediaTokenContinuationTests
{
    private const string FileA = "/files/a";
    private const string FileB = "/files/b";
    private const string NotOptedIn = "/plain/a";

    [Fact]
    public async Task Continuation_reads_the_same_file_after_the_token_expired_and_the_expired_url_alone_is_refused()
    {
        await using var host = await StartAsync();
        var token = await host.MintAsync("42");
        var cookie = await OpenAsync(host, FileA, token);

        host.Time.Advance(TimeSpan.FromMinutes(30));

        using var withoutCookie = await host.Client.GetAsync(TestHost.WithToken(FileA, token));
        await withoutCookie.ShouldBeInvalidTokenAsync("The token has expired.");

        using var expiredUrl = await GetAsync(host, TestHost.WithToken(FileA, token), cookie);
        (await expiredUrl.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=42");
        expiredUrl.Headers.CacheControl!.NoStore.Should().BeTrue();

        using var withoutToken = await GetAsync(host, FileA, cookie);
        (await withoutToken.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=42");
    }

    [Fact]
    public async Task Continuation_cookie_is_HttpOnly_Lax_scoped_to_the_file_path_and_expires_with_the_continuation()
    {
        await using var host = await StartAsync();
        var token = await host.MintAsync("42");

        using var response = await host.Client.GetAsync(TestHost.WithToken(FileA, token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var setCookie = SetCookieHeaderValue.Parse(response.Headers.GetValues(HeaderNames.SetCookie).Single());
        setCookie.HttpOnly.Should().BeTrue();
        setCookie.Secure.Should().BeFalse("the request was plain HTTP");
        setCookie.SameSite.Should().Be(Microsoft.Net.Http.Headers.SameSiteMode.Lax);
        setCookie.Path.ToString().Should().Be(FileA);
        setCookie.Expires.Should().Be(host.Time.GetUtcNow() + MediaTokenDefaults.TokenLifetime + TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Continuation_cookie_is_Secure_over_HTTPS()
    {
        await using var host = await StartAsync();
        var token = await host.MintAsync("42");

        using var response = await host.Client.GetAsync("https://localhost" + TestHost.WithToken(FileA, token));

        SetCookieHeaderValue.Parse(response.Headers.GetValues(HeaderNames.SetCookie).Single()).Secure.Should().BeTrue();
    }

    [Fact]
    public async Task Continuation_of_one_file_opens_no_other_file()
    {
        await using var host = await StartAsync();
        var token = await host.MintAsync("42");
        var cookie = await OpenAsync(host, FileA, token);
        host.Time.Advance(TimeSpan.FromMinutes(5));

        // Both as sent (a name that file B never reads) and renamed to the name file B reads.
        using var asSent = await GetAsync(host, TestHost.WithToken(FileB, token), cookie);
        using var renamed = await GetAsync(host, FileB, (MediaTokenContinuationCookie.Name(MediaTokenDefaults.AuthenticationScheme, FileB), cookie.Value));

        await asSent.ShouldBeInvalidTokenAsync("The token has expired.");
        await renamed.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Continuation_is_refused_for_another_customer()
    {
        await using var host = await StartAsync();
        var cookie = await OpenAsync(host, FileA, await host.MintAsync("42"));
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var parts = cookie.Value.Split('.');
        parts[4] = TestToken.Segment("43");

        using var response = await GetAsync(host, FileA, (cookie.Name, string.Join('.', parts)));

        await response.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Continuation_ends_with_its_lifetime()
    {
        await using var host = await StartAsync(options => options.ContinuationLifetime = TimeSpan.FromMinutes(10));
        var token = await host.MintAsync("42");
        var cookie = await OpenAsync(host, FileA, token);

        host.Time.Advance(MediaTokenDefaults.TokenLifetime + TimeSpan.FromMinutes(10));
        using var last = await GetAsync(host, FileA, cookie);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var after = await GetAsync(host, FileA, cookie);

        last.StatusCode.Should().Be(HttpStatusCode.OK);
        await after.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Continuation_works_on_another_instance_with_the_key_and_is_refused_once_rotation_removed_it()
    {
        await using var first = await StartAsync();
        var cookie = await OpenAsync(first, FileA, await first.MintAsync("42"));
        var rotatedKey = new SymmetricSecurityKey(TestKeys.OtherHmac.Key) { KeyId = "hmac-2" };

        await using var keeping = await StartAsync(options =>
        {
            options.SigningCredentials = new SigningCredentials(rotatedKey, SecurityAlgorithms.HmacSha256);
            options.ValidationKeys.Add(TestKeys.HmacCredentials);
        });
        await using var removed = await StartAsync(options =>
            options.SigningCredentials = new SigningCredentials(rotatedKey, SecurityAlgorithms.HmacSha256));

        using var kept = await GetAsync(keeping, FileA, cookie);
        using var refused = await GetAsync(removed, FileA, cookie);

        (await kept.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=42");
        await refused.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Continuation_does_not_rescue_a_token_refused_for_anything_but_expiry()
    {
        await using var host = await StartAsync();
        var token = await host.MintAsync("42");
        var cookie = await OpenAsync(host, FileA, token);

        using var response = await GetAsync(host, TestHost.WithToken(FileA, TestToken.FlipBit(token, 2, 3)), cookie);

        await response.ShouldBeInvalidTokenAsync("The token's signature is invalid.");
    }

    [Fact]
    public async Task A_token_that_says_it_expired_gives_way_to_the_cookie_before_its_signature_is_checked()
    {
        await using var host = await StartAsync();
        var token = await host.MintAsync("42");
        var cookie = await OpenAsync(host, FileA, token);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var expiredWithBrokenSignature = TestToken.FlipBit(token, 2, 3);

        using var continued = await GetAsync(host, TestHost.WithToken(FileA, expiredWithBrokenSignature), cookie);
        using var alone = await host.Client.GetAsync(TestHost.WithToken(FileA, expiredWithBrokenSignature));

        (await continued.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=42", "the cookie alone opens the file, as without any token");
        await alone.ShouldBeInvalidTokenAsync("The token's signature is invalid.");
    }

    [Fact]
    public async Task The_token_that_opened_the_file_is_answered_by_its_cookie_and_any_other_token_is_validated_first()
    {
        var validated = new List<string>();
        await using var host = await StartAsync(options => options.Events.OnTokenValidated = context =>
        {
            validated.Add(context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier)!);
            return Task.CompletedTask;
        });
        var opener = await host.MintAsync("42");
        var cookie = await OpenAsync(host, FileA, opener);

        // Within the opener's minute: the cookie answers for it (no second validation), not for a fresh token of
        // another customer, which is validated and signs that customer in.
        using var again = await GetAsync(host, TestHost.WithToken(FileA, opener), cookie);
        using var other = await GetAsync(host, TestHost.WithToken(FileA, await host.MintAsync("43")), cookie);

        (await again.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=42");
        (await other.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=43");
        validated.Should().Equal("42", "43");
    }

    [Fact]
    public async Task A_cookie_whose_signature_fails_leaves_the_opening_token_to_its_own_validation()
    {
        await using var host = await StartAsync();
        var opener = await host.MintAsync("42");
        var cookie = await OpenAsync(host, FileA, opener);
        var broken = (cookie.Name, cookie.Value[..^2] + (cookie.Value[^2] == 'A' ? "BA" : "AA"));

        using var valid = await GetAsync(host, TestHost.WithToken(FileA, opener), broken);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        using var expired = await GetAsync(host, TestHost.WithToken(FileA, opener), broken);

        (await valid.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=42");
        await expired.ShouldBeInvalidTokenAsync("The token has expired.");
    }

    [Fact]
    public async Task A_customer_id_too_long_for_a_cookie_opens_the_file_without_a_continuation()
    {
        await using var host = await StartAsync();
        var customerId = new string('7', 1600);

        using var response = await host.Client.GetAsync(TestHost.WithToken(FileA, await host.MintAsync(customerId)));

        (await response.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}={customerId}");
        response.Headers.Contains(HeaderNames.SetCookie).Should().BeFalse("the reader ignores a value of more than 2,048 characters");
    }

    [Fact]
    public async Task Endpoint_that_did_not_opt_in_neither_sets_nor_honours_a_continuation()
    {
        await using var host = await StartAsync();
        using var opened = await host.Client.GetAsync(TestHost.WithToken(NotOptedIn, await host.MintAsync("42")));
        var forged = SignedCookie(host, NotOptedIn, "42");

        using var continued = await GetAsync(host, NotOptedIn, forged);

        opened.StatusCode.Should().Be(HttpStatusCode.OK);
        opened.Headers.Contains(HeaderNames.SetCookie).Should().BeFalse();
        await continued.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Zero_lifetime_turns_continuation_off()
    {
        await using var host = await StartAsync(options => options.ContinuationLifetime = TimeSpan.Zero);
        using var opened = await host.Client.GetAsync(TestHost.WithToken(FileA, await host.MintAsync("42")));
        var forged = SignedCookie(host, FileA, "42");

        using var continued = await GetAsync(host, FileA, forged);

        opened.Headers.Contains(HeaderNames.SetCookie).Should().BeFalse();
        await continued.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Malformed_continuation_cookie_is_ignored()
    {
        await using var host = await StartAsync();
        var name = MediaTokenContinuationCookie.Name(MediaTokenDefaults.AuthenticationScheme, FileA);

        foreach (var value in new[]
                 {
                     "", "x", "HS256.a.b.c.d.e.f", "HS256......", new string('a', 5000), "HS256.aG1hYy0x.99999999999.0.NDI.AAAAAAAAAAA.AAAA",
                     "HS256.aG1hYy0x.99999999999.3.NDI.AAAAAAAAAAA.AAAA", "HS256.aG1hYy0x.99999999999.0.NDI.AAAA.AAAA", "HS256.aG1hYy0x.99999999999.0.NDI.AAAAAAAAAAA.",
                     "HS256.aG1hYy0x.99999999999.0.wyg.AAAAAAAAAAA.AAAA", "HS256.aG1hYy0x.-1.0.NDI.AAAAAAAAAAA.AAAA",
                 })
        {
            using var response = await GetAsync(host, FileA, (name, value));
            await response.ShouldBeBareChallengeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(SigningKeys))]
    public async Task Continuation_cookie_in_a_form_the_decoder_refuses_is_ignored_with_any_signing_key(string algorithm)
    {
        await using var host = await StartAsync(options => options.SigningCredentials = algorithm switch
        {
            SecurityAlgorithms.RsaSha256 => new SigningCredentials(TestKeys.Rsa, algorithm),
            SecurityAlgorithms.EcdsaSha256 => new SigningCredentials(TestKeys.Ecdsa, algorithm),
            _ => TestKeys.HmacCredentials,
        });
        var name = MediaTokenContinuationCookie.Name(MediaTokenDefaults.AuthenticationScheme, FileA);
        var keyId = MediaTokenContinuationCookie.EncodeText(host.MediaTokenOptions.SigningCredentials!.Key.KeyId);
        var prefix = $"{algorithm}.{keyId}.4102444800.0.NDI.AAAAAAAAAAA.";

        // Padding and whitespace that Base64Url.IsValid passes and its decoder then refuses or skips.
        foreach (var value in new[] { prefix + "AA=", prefix + new string('A', 86) + "=", prefix + "AAAA AAAA", $"{algorithm}.{keyId}.4102444800.0.NDIwzA =.AAAAAAAAAAA.AAAA" })
        {
            using var response = await GetAsync(host, FileA, (name, value));
            await response.ShouldBeBareChallengeAsync();
        }
    }

    public static TheoryData<string> SigningKeys => new() { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256 };

    [Fact]
    public async Task Head_with_a_token_answers_like_get_without_a_body_and_the_token_still_works()
    {
        await using var host = await StartAsync();
        var token = await host.MintAsync("42");

        using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, TestHost.WithToken(FileA, token)));
        using var get = await host.Client.GetAsync(TestHost.WithToken(FileA, token));

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        head.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await get.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=42");
    }

    [Fact]
    public async Task Continued_range_request_gets_the_range()
    {
        await using var host = await StartAsync();
        var cookie = await OpenAsync(host, FileA, await host.MintAsync("42"));
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var request = new HttpRequestMessage(HttpMethod.Get, FileA);
        request.Headers.Add(HeaderNames.Cookie, $"{cookie.Name}={cookie.Value}");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 5);

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().Should().StartWith("bytes 0-5/");
        (await response.Content.ReadAsStringAsync()).Should().Be("scheme");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(12 * 60 + 1)]
    public async Task Continuation_lifetime_outside_its_bounds_fails_startup(int minutes)
    {
        var failure = await TestHost.StartupFailureAsync<Microsoft.Extensions.Options.OptionsValidationException>(builder =>
            builder.Services.AddMediaTokenAuthentication(options =>
            {
                options.SigningCredentials = TestKeys.HmacCredentials;
                options.ContinuationLifetime = TimeSpan.FromMinutes(minutes);
            }));

        failure.Message.Should().Contain("MediaTokenOptions.ContinuationLifetime of scheme 'MediaToken' must be between zero (off) and 12:00:00");
    }

    private static Task<TestHost> StartAsync(Action<MediaTokenOptions>? configure = null) =>
        TestHost.StartMediaTokenHostAsync(
            configure,
            configureApp: app =>
            {
                // A file endpoint: GET and HEAD, with ranges.
                app.MapMethods("/files/{id}", [HttpMethods.Get, HttpMethods.Head], (ClaimsPrincipal user) =>
                        Results.Bytes(Encoding.UTF8.GetBytes(Describe(user)), "text/plain", enableRangeProcessing: true))
                    .RequireMediaToken()
                    .AllowMediaTokenContinuation();
                TestHost.MapUserDescription(app, "/plain/{id}").RequireMediaToken();
            });

    private static string Describe(ClaimsPrincipal user) => string.Join(
        '\n',
        user.Claims.Select(claim => $"{claim.Type}={claim.Value}").Prepend($"scheme={user.Identity?.AuthenticationType}"));

    /// <summary>Opens <paramref name="path"/> with the token and returns the continuation cookie the response set.</summary>
    private static async Task<(string Name, string Value)> OpenAsync(TestHost host, string path, string token)
    {
        using var response = await host.Client.GetAsync(TestHost.WithToken(path, token));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var setCookie = SetCookieHeaderValue.Parse(response.Headers.GetValues(HeaderNames.SetCookie).Single());
        setCookie.Name.ToString().Should().Be(MediaTokenContinuationCookie.Name(MediaTokenDefaults.AuthenticationScheme, path));
        return (setCookie.Name.ToString(), setCookie.Value.ToString());
    }

    /// <summary>A continuation for <paramref name="path"/> signed with the host's key, as the scheme would have set it.</summary>
    private static (string Name, string Value) SignedCookie(TestHost host, string path, string customerId)
    {
        var scheme = MediaTokenDefaults.AuthenticationScheme;
        var expires = host.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var fingerprint = MediaTokenContinuationCookie.TokenFingerprint("any.token.here");
        var keyId = MediaTokenContinuationCookie.EncodeText(TestKeys.Hmac.KeyId);
        var customer = MediaTokenContinuationCookie.EncodeText(customerId);
        using var input = new MediaTokenContinuationCookie.SigningInput(
            scheme, SecurityAlgorithms.HmacSha256, keyId, customer, path, expires, MediaTokenDisposition.Unspecified, fingerprint);
        var signature = System.Security.Cryptography.HMACSHA256.HashData(TestKeys.Hmac.Key, input.Array.AsSpan(0, input.Length));
        return (MediaTokenContinuationCookie.Name(scheme, path), MediaTokenContinuationCookie.Format(
            SecurityAlgorithms.HmacSha256, keyId, expires, MediaTokenDisposition.Unspecified, customer, fingerprint, signature));
    }

    private static Task<HttpResponseMessage> GetAsync(TestHost host, string pathAndQuery, (string Name, string Value) cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add(HeaderNames.Cookie, $"{cookie.Name}={cookie.Value}");
        return host.Client.SendAsync(request);
    }
}
