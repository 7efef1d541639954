using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;
using Nexudus.MediaAuth.Tests.Security;
using Xunit.Abstractions;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// The scheme reads media tokens itself instead of through JsonWebTokenHandler. These tests pin that it accepts the
/// tokens the issuer writes for every key family and refuses every kind of token JsonWebTokenHandler refuses, with the
/// validation cache off and on.
/// </summary>
public sealed class MediaTokenFastPathTests
{
    private readonly ITestOutputHelper _output;

    public MediaTokenFastPathTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<int> CacheSizes => new() { 0, MediaTokenDefaults.ValidationCacheSize };

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Accepts_tokens_of_every_key_family(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);

        foreach (var credentials in new[]
        {
            TestKeys.HmacCredentials,
            new SigningCredentials(TestKeys.Rsa, SecurityAlgorithms.RsaSha256),
            new SigningCredentials(TestKeys.RsaPss, SecurityAlgorithms.RsaSsaPssSha256),
            new SigningCredentials(TestKeys.Ecdsa, SecurityAlgorithms.EcdsaSha256),
        })
        {
            (await host.ExpectAcceptedAsync(TestToken.Create(host.Now, credentials, subject: "42"))).Should().Be("42");
        }
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Token_validated_event_gets_the_parsed_token_and_its_key(int cacheSize)
    {
        SecurityToken? seen = null;
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize, options => options.Events.OnTokenValidated = context =>
        {
            seen = context.SecurityToken;
            return Task.CompletedTask;
        });
        var token = TestToken.Create(host.Now, new SigningCredentials(TestKeys.Ecdsa, SecurityAlgorithms.EcdsaSha256), subject: "7");

        await host.ExpectAcceptedAsync(token);
        await host.ExpectAcceptedAsync(token);

        var jwt = seen.Should().BeOfType<JsonWebToken>().Subject;
        jwt.Subject.Should().Be("7");
        jwt.SigningKey.Should().BeSameAs(TestKeys.Ecdsa);
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Accepts_an_audience_array_that_names_the_audience(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var claims = TestToken.ValidClaims(host.Now).Replace("\"aud\":\"nexudus-media\"", "\"aud\":[\"other\",\"nexudus-media\"]", StringComparison.Ordinal);

        (await host.ExpectAcceptedAsync(TestToken.Hmac(TestToken.ValidHeader, claims))).Should().Be("1");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Refuses_bad_signatures(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var token = TestToken.Create(host.Now);
        var parts = token.Split('.');
        var otherPayload = TestToken.Segment(TestToken.ValidClaims(host.Now).Replace("\"sub\":\"1\"", "\"sub\":\"2\"", StringComparison.Ordinal));
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);

        await host.ExpectRejectedAsync($"{parts[0]}.{otherPayload}.{parts[2]}", "The token's signature is invalid.");
        await host.ExpectRejectedAsync($"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature[..16])}", "The token's signature is invalid.");
        await host.ExpectRejectedAsync($"{parts[0]}.{parts[1]}.", "The token's signature is invalid.");
        await host.ExpectRejectedAsync(TestToken.Create(host.Now, new SigningCredentials(TestKeys.OtherHmac, SecurityAlgorithms.HmacSha256)), "The token's signature is invalid.");
        await host.ExpectRejectedAsync(TestToken.Create(host.Now, new SigningCredentials(new ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)) { KeyId = TestKeys.Ecdsa.KeyId }, SecurityAlgorithms.EcdsaSha256)), "The token's signature is invalid.");
    }

    /// <summary>
    /// An ECDSA signature (r, s) has a twin (r, n − s) over the same header and payload; .NET signs with either half of
    /// the range, so both are accepted, as the same claims (see SECURITY.md).
    /// </summary>
    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Accepts_both_spellings_of_an_ECDSA_signature_as_the_same_customer(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var token = TestToken.Create(host.Now, new SigningCredentials(TestKeys.Ecdsa, SecurityAlgorithms.EcdsaSha256), subject: "42");
        var parts = token.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        var order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var twin = signature[..32].Concat(new byte[32]).ToArray();
        (order - s).TryWriteBytes(twin.AsSpan(64 - (order - s).GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true).Should().BeTrue();
        var twinToken = $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(twin)}";

        (await host.ExpectAcceptedAsync(token)).Should().Be("42");
        (await host.ExpectAcceptedAsync(twinToken)).Should().Be("42");
        host.Cache?.Count.Should().Be(2, "the cache keys by the token's text, so each spelling is its own entry");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Finds_keys_by_kid_only(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var claims = TestToken.ValidClaims(host.Now);

        await host.ExpectRejectedAsync(TestToken.Hmac("""{"alg":"HS256","typ":"media+jwt"}""", claims), "The token's signing key is unknown.");
        await host.ExpectRejectedAsync(TestToken.Hmac("""{"alg":"HS256","kid":"hmac-2","typ":"media+jwt"}""", claims), "The token's signing key is unknown.");
        await host.ExpectRejectedAsync(TestToken.Hmac($$"""{"alg":"HS256","kid":"{{new string('k', 5000)}}","typ":"media+jwt"}""", claims), "The token is longer than allowed.");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Refuses_algorithms_not_allowed_or_not_of_the_keys_family(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize, options =>
        {
            options.ValidAlgorithms.Remove(SecurityAlgorithms.HmacSha384);
        });
        var claims = TestToken.ValidClaims(host.Now);
        var unsigned = $"{TestToken.Segment("""{"alg":"none","kid":"hmac-1","typ":"media+jwt"}""")}.{TestToken.Segment(claims)}.";
        var rsaPublicKeyAsSecret = TestKeys.Rsa.Rsa.ExportParameters(false).Modulus!;

        await host.ExpectRejectedAsync(unsigned, "The token's signing algorithm is not allowed.");
        var hs384SigningInput = $"{TestToken.Segment("""{"alg":"HS384","kid":"hmac-1","typ":"media+jwt"}""")}.{TestToken.Segment(claims)}";
        var hs384 = $"{hs384SigningInput}.{Base64UrlEncoder.Encode(System.Security.Cryptography.HMACSHA384.HashData(TestKeys.Hmac.Key, Encoding.ASCII.GetBytes(hs384SigningInput)))}";
        await host.ExpectRejectedAsync(hs384, "The token's signing algorithm is not allowed.");
        await host.ExpectRejectedAsync(TestToken.Hmac("""{"alg":"HS256","kid":"rsa-1","typ":"media+jwt"}""", claims, rsaPublicKeyAsSecret), "The token's signing algorithm is not allowed.");
        await host.ExpectRejectedAsync(TestToken.Hmac("""{"alg":"ES256","kid":"hmac-1","typ":"media+jwt"}""", claims), "The token's signing algorithm is not allowed.");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Refuses_tokens_whose_type_issuer_or_audience_differ(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var claims = TestToken.ValidClaims(host.Now);

        await host.ExpectRejectedAsync(TestToken.Create(host.Now, tokenType: "JWT"), "The token is not a media token.");
        await host.ExpectRejectedAsync(TestToken.Hmac("""{"alg":"HS256","kid":"hmac-1"}""", claims), "The token is not a media token.");
        await host.ExpectRejectedAsync(TestToken.Create(host.Now, issuer: "someone-else"), "The token's issuer is invalid.");
        await host.ExpectRejectedAsync(TestToken.Create(host.Now, issuer: null), "The token's issuer is invalid.");
        await host.ExpectRejectedAsync(TestToken.Create(host.Now, audience: "nexudus-media/"), "The token's audience is invalid.");
        await host.ExpectRejectedAsync(TestToken.Create(host.Now, audience: null), "The token's audience is invalid.");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Checks_lifetime_against_the_time_provider(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var now = host.Now;
        var expiry = now.AddSeconds(60).ToUnixTimeSeconds();

        await host.ExpectRejectedAsync(TestToken.Create(now.AddSeconds(-120)), "The token has expired.");
        await host.ExpectRejectedAsync(TestToken.Create(now, notBefore: now.AddSeconds(30)), "The token is not valid yet.");
        await host.ExpectRejectedAsync(TestToken.Create(now, lifetime: TimeSpan.FromMinutes(10)), "The token's lifetime is longer than allowed.");
        await host.ExpectRejectedAsync(TestToken.Hmac(TestToken.ValidHeader, $$"""{"iss":"Nexudus.MediaAuth","aud":"nexudus-media","sub":"1","iat":{{now.ToUnixTimeSeconds()}}}"""), "The token has no expiration time.");
        await host.ExpectRejectedAsync(TestToken.Hmac(TestToken.ValidHeader, $$"""{"iss":"Nexudus.MediaAuth","aud":"nexudus-media","sub":"1","exp":{{expiry}}}"""), "The token has neither an issue time nor a not-before time.");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Requires_a_subject(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);

        await host.ExpectRejectedAsync(TestToken.Create(host.Now, subject: null), "The token has no subject.");
        await host.ExpectRejectedAsync(TestToken.Create(host.Now, subject: ""), "The token has no subject.");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Refuses_malformed_tokens(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var claims = TestToken.ValidClaims(host.Now);
        var token = TestToken.Create(host.Now);
        var parts = token.Split('.');

        string[] malformed =
        [
            $"{parts[0]}.{parts[1]}",
            $"{token}.{parts[2]}",
            $"{parts[0]}.{parts[1]}.{parts[2]}.{parts[2]}.{parts[2]}",
            $".{parts[1]}.{parts[2]}",
            $"{parts[0]}..{parts[2]}",
            $"{parts[0]}.{parts[1]}.{parts[2]}=",
            $"{parts[0]}.{parts[1]}.{parts[2][..^1]}*",
            $"{parts[0]}.{parts[1]}.{parts[2][..^1]}é",
            $"{parts[0]} .{parts[1]}.{parts[2]}",
            TestToken.Hmac("not json", claims),
            TestToken.Hmac("""["alg","HS256"]""", claims),
            TestToken.Hmac(TestToken.ValidHeader + "{}", claims),
            TestToken.Hmac("""{"alg":"HS256","alg":"HS256","kid":"hmac-1","typ":"media+jwt"}""", claims),
            TestToken.Hmac("""{"alg":"HS256","kid":"hmac-1","typ":"media+jwt","crit":["exp"]}""", claims),
            TestToken.Hmac("""{"alg":256,"kid":"hmac-1","typ":"media+jwt"}""", claims),
            TestToken.Hmac("""{"alg":"HS256","kid":"\uD800","typ":"media+jwt"}""", claims),
            TestToken.Hmac(TestToken.ValidHeader, "[]"),
            TestToken.Hmac(TestToken.ValidHeader, TestToken.ValidClaims(host.Now, ",\"sub\":\"2\"")),
            TestToken.Hmac(TestToken.ValidHeader, TestToken.ValidClaims(host.Now, ",\"iss\":\"Nexudus.MediaAuth\"")),
            TestToken.Hmac(TestToken.ValidHeader, claims.Replace("\"sub\":\"1\"", "\"sub\":1", StringComparison.Ordinal)),
            TestToken.Hmac(TestToken.ValidHeader, claims.Replace("\"exp\":", "\"exp\":\"soon\",\"x\":", StringComparison.Ordinal)),
            TestToken.Hmac(TestToken.ValidHeader, claims.Replace("\"aud\":\"nexudus-media\"", "\"aud\":[\"nexudus-media\",1]", StringComparison.Ordinal)),
            TestToken.Hmac(TestToken.ValidHeader, claims + "x"),
        ];

        foreach (var candidate in malformed)
        {
            await host.ExpectRejectedAsync(candidate, "The token is malformed.");
        }
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Refuses_empty_and_oversized_tokens(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);

        await host.ExpectRejectedAsync("", "The token is empty.");
        await host.ExpectRejectedAsync(TestToken.Create(host.Now, subject: new string('1', 4096)), "The token is longer than allowed.");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Never_accepts_a_token_JsonWebTokenHandler_refuses(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var validator = host.Validator;
        var reference = new JsonWebTokenHandler();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = MediaTokenDefaults.Issuer,
            ValidAudience = MediaTokenDefaults.Audience,
            ValidTypes = [MediaTokenDefaults.TokenType],
            IssuerSigningKey = TestKeys.Hmac,
            ValidateLifetime = false,
        };
        var token = TestToken.Create(host.Now);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

        // Every single-character change of a valid token, in every part.
        for (var position = 0; position < token.Length; position++)
        {
            var changed = new StringBuilder(token) { [position] = alphabet[(alphabet.IndexOf(token[position], StringComparison.Ordinal) + 7) % alphabet.Length] }.ToString();
            if (validator.Validate(changed, host.Now).IsValid)
            {
                (await reference.ValidateTokenAsync(changed, parameters)).IsValid.Should().BeTrue($"the change at {position} was accepted");
            }
        }

        validator.Validate(token, host.Now).IsValid.Should().BeTrue();
    }

    /// <summary>
    /// Whole claims and header members replaced, removed, added or repeated (<see cref="TrustedTokenCase"/>), signed
    /// with the scheme's own keys: whatever the scheme accepts, JsonWebTokenHandler, given the same keys, issuer,
    /// audience, type, algorithms, clock skew and clock, accepts too. The scheme may refuse more (the lifetime cap,
    /// the subject, iat, duplicates, crit), never less.
    /// </summary>
    [Fact]
    public async Task Never_accepts_a_token_JsonWebTokenHandler_refuses_whatever_its_claims()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);
        var options = host.MediaTokenOptions;
        var origin = host.Now;
        var reference = new JsonWebTokenHandler();
        var accepted = 0;

        await TrustedTokenCase.Generate(origin).SampleAsync(async sample =>
        {
            var now = sample.Now(origin);
            if (!host.Validator.Validate(sample.Token, now).IsValid)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            var theirs = await reference.ValidateTokenAsync(sample.Token, new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                ValidTypes = [MediaTokenDefaults.TokenType],
                ValidAlgorithms = options.ValidAlgorithms,
                IssuerSigningKeys = [TestKeys.Hmac, TestKeys.Rsa, TestKeys.Ecdsa],
                ClockSkew = options.ClockSkew,
                LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, now, options.ClockSkew),
            });

            theirs.IsValid.Should().BeTrue($"the scheme accepted it, so JsonWebTokenHandler must too ({theirs.Exception?.Message})");
        }, seed: TrustedKeyPropertyTests.Seed, iter: TrustedKeyPropertyTests.Iterations, print: sample => sample.ToString());

        _output.WriteLine($"{accepted} of {TrustedKeyPropertyTests.Iterations} cases accepted by the scheme, and by JsonWebTokenHandler.");
        accepted.Should().BePositive();
    }

    /// <summary>
    /// IdentityModel's own lifetime rule (<c>Validators.ValidateLifetime</c>: <c>exp</c> required, <c>nbf</c> not after
    /// <c>exp</c>, <c>nbf − skew ≤ now ≤ exp + skew</c>) on the case's clock: this IdentityModel reads the system clock,
    /// and its <c>TimeProvider</c> is not public.
    /// </summary>
    private static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, DateTimeOffset now, TimeSpan clockSkew) =>
        expires is { } exp
        && (notBefore is not { } nbf || (nbf <= exp && nbf <= now.UtcDateTime + clockSkew))
        && exp >= now.UtcDateTime - clockSkew;
}
