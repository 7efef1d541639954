using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using FluentAssertions.Execution;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// What the <c>MediaToken</c> scheme accepts and rejects, and what it answers, on a bare host over HTTP.
/// </summary>
public sealed class MediaTokenHandlerTests
{
    private const string NoToken = "(no token parameter)";

    [Fact]
    public async Task Valid_token_signs_in_the_customer_under_the_scheme_name()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        using var response = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow(), subject: "42"));

        var user = await response.ShouldDescribeUserAsync();
        user.Should().Equal("scheme=MediaToken", $"{ClaimTypes.NameIdentifier}=42");
    }

    [Fact]
    public async Task Endpoint_without_t_gets_a_bare_challenge()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        using var response = await host.Client.GetAsync(TestHost.MediaPath);

        await response.ShouldBeBareChallengeAsync();
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("at+jwt")]
    public async Task Ordinary_bearer_jwt_signed_by_the_same_key_is_not_a_media_token(string tokenType)
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var bearerJwt = TestToken.Create(host.Time.GetUtcNow(), tokenType: tokenType);

        using var response = await host.GetMediaAsync(bearerJwt);

        await response.ShouldBeInvalidTokenAsync("The token is not a media token.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(30)]
    public async Task Token_is_valid_until_expiry_plus_clock_skew_then_expired(int skewSeconds)
    {
        var skew = TimeSpan.FromSeconds(skewSeconds);
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.ClockSkew = skew);
        var token = TestToken.Create(host.Time.GetUtcNow());

        host.Time.Advance(MediaTokenDefaults.TokenLifetime + skew);
        using var lastValidSecond = await host.GetMediaAsync(token);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await host.GetMediaAsync(token);

        await lastValidSecond.ShouldDescribeUserAsync();
        await expired.ShouldBeInvalidTokenAsync("The token has expired.");
    }

    [Fact]
    public async Task Token_not_valid_yet_is_rejected_until_the_clock_reaches_not_before_minus_skew()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var now = host.Time.GetUtcNow();
        var token = TestToken.Create(now, notBefore: now + TimeSpan.FromSeconds(30));

        using var early = await host.GetMediaAsync(token);
        host.Time.Advance(TimeSpan.FromSeconds(24));
        using var stillEarly = await host.GetMediaAsync(token);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var valid = await host.GetMediaAsync(token);

        await early.ShouldBeInvalidTokenAsync("The token is not valid yet.");
        await stillEarly.ShouldBeInvalidTokenAsync("The token is not valid yet.");
        await valid.ShouldDescribeUserAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Token_living_longer_than_MaxTokenLifetime_is_rejected_even_though_signed_by_the_key(bool hasIssueTime)
    {
        // Without iat, the lifetime is measured from nbf.
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var now = host.Time.GetUtcNow();
        var overCapLifetime = MediaTokenDefaults.MaxTokenLifetime + TimeSpan.FromSeconds(1);

        using var atCap = await host.GetMediaAsync(TestToken.Create(now, includeIssuedAt: hasIssueTime, lifetime: MediaTokenDefaults.MaxTokenLifetime));
        using var overCap = await host.GetMediaAsync(TestToken.Create(now, includeIssuedAt: hasIssueTime, lifetime: overCapLifetime));

        await atCap.ShouldDescribeUserAsync();
        await overCap.ShouldBeInvalidTokenAsync("The token's lifetime is longer than allowed.");
    }

    public static TheoryData<string, Func<DateTimeOffset, string>, string> MalformedClaims() => new()
    {
        { "no exp", now => TestToken.Create(now, includeExpires: false), "The token has no expiration time." },
        { "no sub", now => TestToken.Create(now, subject: null), "The token has no subject." },
        { "empty sub", now => TestToken.Create(now, subject: ""), "The token has no subject." },
        { "no iat or nbf", now => TestToken.Create(now, includeIssuedAt: false, includeNotBefore: false), "The token has neither an issue time nor a not-before time." },
        { "other issuer", now => TestToken.Create(now, issuer: "https://login.example.com"), "The token's issuer is invalid." },
        { "no issuer", now => TestToken.Create(now, issuer: null), "The token's issuer is invalid." },
        { "other audience", now => TestToken.Create(now, audience: "nexudus-api"), "The token's audience is invalid." },
        { "no audience", now => TestToken.Create(now, audience: null), "The token's audience is invalid." },
    };

    [Theory]
    [MemberData(nameof(MalformedClaims))]
    public async Task Token_with_missing_or_foreign_claims_is_rejected(string defect, Func<DateTimeOffset, string> createToken, string description)
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        using var response = await host.GetMediaAsync(createToken(host.Time.GetUtcNow()));

        using var scope = new AssertionScope(defect);
        await response.ShouldBeInvalidTokenAsync(description);
    }

    [Fact]
    public async Task Token_whose_kid_names_no_key_is_rejected_without_trying_the_other_keys()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var sameSecretOtherKid = new SigningCredentials(new SymmetricSecurityKey(TestKeys.Hmac.Key) { KeyId = "hmac-2" }, SecurityAlgorithms.HmacSha256);

        using var response = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow(), sameSecretOtherKid));

        await response.ShouldBeInvalidTokenAsync("The token's signing key is unknown.");
    }

    [Fact]
    public async Task Token_signed_by_another_secret_under_a_known_kid_is_rejected()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var forged = TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(TestKeys.OtherHmac, SecurityAlgorithms.HmacSha256));

        using var response = await host.GetMediaAsync(forged);

        await response.ShouldBeInvalidTokenAsync("The token's signature is invalid.");
    }

    [Fact]
    public async Task Token_with_an_algorithm_outside_ValidAlgorithms_is_rejected()
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)) { KeyId = "hmac-512" };
        await using var host = await TestHost.StartMediaTokenHostAsync(options =>
        {
            options.SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha512);
            options.ValidAlgorithms.Clear();
            options.ValidAlgorithms.Add(SecurityAlgorithms.HmacSha512);
        });
        var now = host.Time.GetUtcNow();

        using var allowed = await host.GetMediaAsync(TestToken.Create(now, new SigningCredentials(key, SecurityAlgorithms.HmacSha512)));
        using var notAllowed = await host.GetMediaAsync(TestToken.Create(now, new SigningCredentials(key, SecurityAlgorithms.HmacSha256)));

        await allowed.ShouldDescribeUserAsync();
        await notAllowed.ShouldBeInvalidTokenAsync("The token's signing algorithm is not allowed.");
    }

    [Fact]
    public async Task Hmac_token_keyed_to_an_rsa_public_key_is_rejected()
    {
        // Algorithm confusion: the attacker signs HS256 with the RSA public key's bytes and names the RSA key's kid.
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.ValidationKeys.Add(new SigningCredentials(TestKeys.Rsa, SecurityAlgorithms.RsaSha256)));
        var publicKeyAsSecret = new SymmetricSecurityKey(TestKeys.Rsa.Rsa.ExportSubjectPublicKeyInfo()) { KeyId = TestKeys.Rsa.KeyId };
        var now = host.Time.GetUtcNow();

        using var rsaSigned = await host.GetMediaAsync(TestToken.Create(now, new SigningCredentials(TestKeys.Rsa, SecurityAlgorithms.RsaSha256)));
        using var confused = await host.GetMediaAsync(TestToken.Create(now, new SigningCredentials(publicKeyAsSecret, SecurityAlgorithms.HmacSha256)));

        await rsaSigned.ShouldDescribeUserAsync();
        await confused.ShouldBeInvalidTokenAsync("The token's signing algorithm is not allowed.");
    }

    [Fact]
    public async Task Token_signed_by_a_retired_key_kept_in_ValidationKeys_is_accepted()
    {
        var retired = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "hmac-retired" };
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.ValidationKeys.Add(new SigningCredentials(retired, SecurityAlgorithms.HmacSha256)));

        using var response = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(retired, SecurityAlgorithms.HmacSha256)));

        await response.ShouldDescribeUserAsync();
    }

    public static TheoryData<string> AsymmetricAlgorithms() =>
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];

    [Theory]
    [MemberData(nameof(AsymmetricAlgorithms))]
    public async Task Rsa_and_ecdsa_keys_issue_tokens_the_scheme_accepts(string algorithm)
    {
        SecurityKey key = algorithm switch
        {
            SecurityAlgorithms.EcdsaSha256 => TestKeys.Ecdsa,
            SecurityAlgorithms.RsaSsaPssSha256 => TestKeys.RsaPss,
            _ => TestKeys.Rsa,
        };
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.SigningCredentials = new SigningCredentials(key, algorithm));

        var jwt = await host.MintAsync("7");
        using var response = await host.GetMediaAsync(jwt);

        new JsonWebToken(jwt).Alg.Should().Be(algorithm);
        new JsonWebToken(jwt).Kid.Should().Be(key.KeyId);
        (await response.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=7");
    }

    [Fact]
    public async Task Asymmetric_key_without_kid_is_named_by_its_jwk_thumbprint()
    {
        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256));

        var jwt = await host.MintAsync("7");
        using var response = await host.GetMediaAsync(jwt);

        new JsonWebToken(jwt).Kid.Should().Be(Base64UrlEncoder.Encode(key.ComputeJwkThumbprint()));
        await response.ShouldDescribeUserAsync();
        key.KeyId.Should().BeNull("the host's own key object is never written to");
    }

    [Fact]
    public async Task Repeated_t_is_rejected_even_when_both_values_are_valid()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var token = TestToken.Create(host.Time.GetUtcNow());

        using var response = await host.Client.GetAsync($"{TestHost.MediaPath}?t={token}&t={token}");

        await response.ShouldBeInvalidTokenAsync("The token parameter appears more than once.");
    }

    /// <summary>
    /// The handler reads the query string itself, without building <c>Request.Query</c>; it must find the same
    /// parameters that would: names unescaped and compared ignoring case, values unescaped, <c>+</c> as a space.
    /// </summary>
    [Theory]
    [InlineData("?T={0}", null)]
    [InlineData("?%74={0}", null)]
    [InlineData("?a=1&&t={0}&b=2", null)]
    [InlineData("?t={1}", null)]
    [InlineData("?t={0}&%54=x", "The token parameter appears more than once.")]
    [InlineData("?t+={0}", NoToken)]
    [InlineData("?t={0}+", "The token is malformed.")]
    [InlineData("?t={0}%20", "The token is malformed.")]
    public async Task Token_parameter_is_found_as_Request_Query_finds_it(string query, string? rejection)
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var token = TestToken.Create(host.Time.GetUtcNow());

        using var response = await host.Client.GetAsync(TestHost.MediaPath + string.Format(
            System.Globalization.CultureInfo.InvariantCulture, query, token, token.Replace(".", "%2E", StringComparison.Ordinal)));

        if (rejection is null)
        {
            await response.ShouldDescribeUserAsync();
        }
        else if (rejection == NoToken)
        {
            await response.ShouldBeBareChallengeAsync();
        }
        else
        {
            await response.ShouldBeInvalidTokenAsync(rejection);
        }
    }

    [Theory]
    [InlineData("?t=")]
    [InlineData("?t")]
    public async Task Empty_t_is_rejected(string query)
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        using var response = await host.Client.GetAsync(TestHost.MediaPath + query);

        await response.ShouldBeInvalidTokenAsync("The token is empty.");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30")]
    public async Task Malformed_token_is_rejected(string token)
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        using var response = await host.GetMediaAsync(token);

        await response.ShouldBeInvalidTokenAsync("The token is malformed.");
    }

    [Fact]
    public async Task Unsigned_token_is_rejected()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var signed = new JsonWebToken(TestToken.Create(host.Time.GetUtcNow()));
        var unsigned = $"{Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"{{MediaTokenDefaults.TokenType}}","kid":"{{TestKeys.Hmac.KeyId}}"}""")}.{signed.EncodedPayload}.";

        using var response = await host.GetMediaAsync(unsigned);

        await response.ShouldBeInvalidTokenAsync("The token's signing algorithm is not allowed.");
    }

    [Fact]
    public async Task Token_longer_than_MaxTokenLength_is_rejected_before_parsing()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        using var response = await host.GetMediaAsync(new string('a', MediaTokenDefaults.MaxTokenLength + 1));

        await response.ShouldBeInvalidTokenAsync("The token is longer than allowed.");
    }

    [Theory]
    [InlineData("Authorization", "Bearer {0}")]
    [InlineData("Authorization", "MediaToken {0}")]
    [InlineData("Cookie", "t={0}")]
    [InlineData("X-Media-Token", "{0}")]
    public async Task Valid_token_outside_the_query_string_is_ignored(string header, string format)
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var token = TestToken.Create(host.Time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Get, TestHost.MediaPath);
        request.Headers.TryAddWithoutValidation(header, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, token));

        using var response = await host.Client.SendAsync(request);

        await response.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Token_is_read_from_the_t_query_parameter_only()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var token = TestToken.Create(host.Time.GetUtcNow());

        using var fromT = await host.GetMediaAsync(token);
        await fromT.ShouldDescribeUserAsync();
        foreach (var name in new[] { "token", "access_token", "jwt", "media" })
        {
            using var fromOther = await host.Client.GetAsync($"{TestHost.MediaPath}?{name}={token}");
            await fromOther.ShouldBeBareChallengeAsync();
        }
    }

    [Fact]
    public async Task Authenticated_principal_lacking_a_required_role_is_forbidden_with_403()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(configureApp: TestHost.MapAdminEndpoint);

        using var response = await host.Client.GetAsync(TestHost.WithToken(TestHost.AdminPath, TestToken.Create(host.Time.GetUtcNow())));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.WwwAuthenticate().Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }
}
