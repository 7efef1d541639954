using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;
using static Nexudus.MediaAuth.Tests.MediaTokens.ConfiguredKeys;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Keys;

/// <summary>
/// Keys given in code pass the startup checks keys from configuration pass, and every key, wherever it was given,
/// validates only its one algorithm (RFC 8725 §3.1).
/// </summary>
public sealed class MediaTokenKeyCheckTests
{
    private const string SigningSource = "MediaTokenOptions.SigningCredentials of scheme 'MediaToken'";
    private const string ValidationSource = "MediaTokenOptions.ValidationKeys[0] of scheme 'MediaToken'";

    private static readonly byte[] ShortSecret = RandomNumberGenerator.GetBytes(16);
    private static readonly RSA Rsa1024 = RSA.Create(1024);
    private static readonly ECDsa P384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly string EcdsaPrivatePem = Ecdsa.ExportPkcs8PrivateKeyPem();

    public static TheoryData<string, Action<MediaTokenOptions>, string> WeakKeysInCode() => new()
    {
        {
            "a 16-byte HMAC signing key, which used to start and then answer every mint with an empty 500",
            options => options.SigningCredentials = new(new SymmetricSecurityKey(ShortSecret) { KeyId = "short" }, SecurityAlgorithms.HmacSha256),
            $"The media token key {SigningSource} (HS256) is 16 bytes long; an HMAC key needs at least 32 random bytes for HS256."
        },
        {
            "a 32-byte HMAC key for HS512, which IdentityModel refuses to sign with",
            options => options.SigningCredentials = new(TestKeys.Hmac, SecurityAlgorithms.HmacSha512),
            $"The media token key {SigningSource} (HS512) is 32 bytes long; an HMAC key needs at least 64 random bytes for HS512."
        },
        {
            "a 1024-bit RSA signing key",
            options => options.SigningCredentials = new(new RsaSecurityKey(Rsa1024) { KeyId = "rsa-1024" }, SecurityAlgorithms.RsaSha256),
            $"The media token key {SigningSource} is a 1024-bit RSA key; at least 2048 bits are required."
        },
        {
            "a P-384 key signing ES256",
            options => options.SigningCredentials = new(new ECDsaSecurityKey(P384) { KeyId = "p384" }, SecurityAlgorithms.EcdsaSha256),
            $"The media token key {SigningSource} is a 384-bit EC key on P-384, which does not fit ES256 (curve P-256)."
        },
        {
            "a public RSA key to sign with",
            options => options.SigningCredentials = new(new RsaSecurityKey(TestKeys.Rsa.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = "public" }, SecurityAlgorithms.RsaSha256),
            $"The media token signing key {SigningSource} is a public key; signing needs the private key."
        },
        {
            "a 16-byte HMAC validation key",
            options => options.ValidationKeys.Add(new(new SymmetricSecurityKey(ShortSecret) { KeyId = "short" }, SecurityAlgorithms.HmacSha256)),
            $"The media token key {ValidationSource} (HS256) is 16 bytes long; an HMAC key needs at least 32 random bytes for HS256."
        },
        {
            "a 1024-bit RSA validation key",
            options => options.ValidationKeys.Add(new(new RsaSecurityKey(Rsa1024.ExportParameters(includePrivateParameters: false)) { KeyId = "rsa-1024" }, SecurityAlgorithms.RsaSha256)),
            $"The media token key {ValidationSource} is a 1024-bit RSA key; at least 2048 bits are required."
        },
        {
            "a P-384 validation key for ES512",
            options => options.ValidationKeys.Add(new(new ECDsaSecurityKey(P384) { KeyId = "p384" }, SecurityAlgorithms.EcdsaSha512)),
            $"The media token key {ValidationSource} is a 384-bit EC key on P-384, which does not fit ES512 (curve P-521)."
        },
        {
            "an algorithm the scheme does not support",
            options => options.ValidationKeys.Add(new(TestKeys.Rsa, SecurityAlgorithms.RsaSha256Signature)),
            $"The media token key {ValidationSource} has an unsupported Algorithm '{SecurityAlgorithms.RsaSha256Signature}'; use HS256/384/512, RS256/384/512, PS256/384/512 or ES256/384/512."
        },
        {
            "an EC key for an RSA algorithm",
            options => options.ValidationKeys.Add(new(TestKeys.Ecdsa, SecurityAlgorithms.RsaSha256)),
            $"The media token key {ValidationSource} is an EC key, which does not fit RS256: HS* algorithms take a symmetric key, RS* and PS* an RSA key, ES* an EC key."
        },
    };

    [Theory]
    [MemberData(nameof(WeakKeysInCode))]
    public async Task A_key_given_in_code_gets_the_startup_checks_of_a_configured_key(string because, Action<MediaTokenOptions> configure, string expectedFailure)
    {
        var failure = await TestHost.StartupFailureAsync<OptionsValidationException>(builder => builder.Services.AddMediaTokenAuthentication(options =>
        {
            options.SigningCredentials = TestKeys.HmacCredentials;
            configure(options);
        }));

        failure.Failures.Should().Contain(expectedFailure, because);
        failure.Message.Should().NotContain(Convert.ToBase64String(ShortSecret)).And.NotContain(Convert.ToHexString(ShortSecret));
    }

    public static TheoryData<string, string> OtherAlgorithmsOfAKeysFamily() => new()
    {
        { TestKeys.Ecdsa.KeyId, SecurityAlgorithms.EcdsaSha384 },
        { TestKeys.Ecdsa.KeyId, SecurityAlgorithms.EcdsaSha512 },
        { TestKeys.Rsa.KeyId, SecurityAlgorithms.RsaSsaPssSha256 },
        { TestKeys.Rsa.KeyId, SecurityAlgorithms.RsaSha512 },
        { TestKeys.RsaPss.KeyId, SecurityAlgorithms.RsaSha256 },
    };

    [Theory]
    [MemberData(nameof(OtherAlgorithmsOfAKeysFamily))]
    public async Task A_key_validates_only_its_configured_algorithm_not_the_rest_of_its_family(string keyId, string algorithm)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);
        SecurityKey key = keyId switch
        {
            "ec-1" => TestKeys.Ecdsa,
            "rsa-1" => TestKeys.Rsa,
            "rsa-pss-1" => TestKeys.RsaPss,
            _ => TestKeys.Hmac,
        };

        await host.ExpectRejectedAsync(TestToken.Create(host.Now, new SigningCredentials(key, algorithm)), "The token's signing algorithm is not allowed.");
    }

    [Theory]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public async Task An_HMAC_key_validates_only_its_configured_algorithm(string algorithm)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);
        var hash = algorithm == "HS384" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512;

        var token = TestToken.Hmac($$"""{"alg":"{{algorithm}}","kid":"hmac-1","typ":"media+jwt"}""", TestToken.ValidClaims(host.Now), TestKeys.Hmac.Key, hash);

        await host.ExpectRejectedAsync(token, "The token's signing algorithm is not allowed.");
    }

    [Fact]
    public async Task A_configured_key_validates_only_its_configured_algorithm()
    {
        await using var host = await TestHost.StartConfiguredMediaTokenHostAsync(new ReloadableConfiguration(Key("SigningKey", "media-rsa-1", "RS256", pem: Rsa.ExportPkcs8PrivateKeyPem())));
        var key = new RsaSecurityKey(Rsa) { KeyId = "media-rsa-1" };

        using var rs256 = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(key, SecurityAlgorithms.RsaSha256)));
        using var ps256 = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(key, SecurityAlgorithms.RsaSsaPssSha256)));

        rs256.StatusCode.Should().Be(HttpStatusCode.OK);
        await ps256.ShouldBeInvalidTokenAsync("The token's signing algorithm is not allowed.");
    }

    [Fact]
    public async Task A_signing_key_both_in_code_and_in_configuration_fails_at_startup()
    {
        var failure = await TestHost.StartupFailureAsync<OptionsValidationException>(builder => TestHost.AddConfiguredMediaToken(
            builder,
            new ReloadableConfiguration(Key("SigningKey", "media-ec-1", "ES256", pem: EcdsaPrivatePem)),
            options => options.SigningCredentials = TestKeys.HmacCredentials));

        failure.Failures.Should().Contain(
            "The media token scheme 'MediaToken' has a signing key both in code (MediaTokenOptions.SigningCredentials) and in configuration ('Authentication:Schemes:MediaToken:SigningKey'); keep one.");
    }

    [Fact]
    public async Task A_kid_both_in_code_and_in_configuration_fails_at_startup()
    {
        var failure = await TestHost.StartupFailureAsync<OptionsValidationException>(builder => TestHost.AddConfiguredMediaToken(
            builder,
            new ReloadableConfiguration(Key("SigningKey", "media-ec-1", "ES256", pem: EcdsaPrivatePem)),
            options => options.ValidationKeys.Add(new(new RsaSecurityKey(Rsa) { KeyId = "media-ec-1" }, SecurityAlgorithms.RsaSha256))));

        failure.Failures.Should().Contain(
            "The KeyId 'media-ec-1' is used by more than one key of media token scheme 'MediaToken' ('Authentication:Schemes:MediaToken:SigningKey' and MediaTokenOptions.ValidationKeys[0] of scheme 'MediaToken'); give each key its own.");
    }

    [Fact]
    public async Task Validation_keys_in_code_add_to_the_keys_in_configuration()
    {
        var retired = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "media-hmac-0" };
        await using var host = await TestHost.StartConfiguredMediaTokenHostAsync(
            new ReloadableConfiguration(Key("SigningKey", "media-ec-1", "ES256", pem: EcdsaPrivatePem)),
            configureInCode: options => options.ValidationKeys.Add(new(retired, SecurityAlgorithms.HmacSha256)));

        using var byConfiguredKey = await host.GetMediaAsync(await host.MintAsync("1"));
        using var byKeyInCode = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(retired, SecurityAlgorithms.HmacSha256)));

        byConfiguredKey.StatusCode.Should().Be(HttpStatusCode.OK);
        byKeyInCode.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
