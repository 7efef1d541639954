using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Tests.Infrastructure;
using static Nexudus.MediaAuth.Tests.MediaTokens.ConfiguredKeys;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Keys;

/// <summary>
/// Keys from <c>Authentication:Schemes:MediaToken</c>: one <c>SigningKey</c>, any number of <c>ValidationKeys</c>,
/// checked at startup without ever quoting their material.
/// </summary>
public sealed class MediaTokenKeyConfigurationTests
{
    private static readonly string EcdsaPrivatePem = Ecdsa.ExportPkcs8PrivateKeyPem();
    private static readonly string RsaPublicPem = Rsa.ExportSubjectPublicKeyInfoPem();

    [Fact]
    public async Task Issues_and_validates_with_the_configured_signing_key()
    {
        await using var host = await TestHost.StartConfiguredMediaTokenHostAsync(new ReloadableConfiguration(Key("SigningKey", "media-ec-1", "ES256", pem: EcdsaPrivatePem)));

        var token = await host.MintAsync("1");

        var header = new JsonWebToken(token);
        header.Kid.Should().Be("media-ec-1");
        header.Alg.Should().Be("ES256");
        using var response = await host.GetMediaAsync(token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Accepts_tokens_of_a_validation_key_by_kid_and_nothing_else()
    {
        await using var host = await TestHost.StartConfiguredMediaTokenHostAsync(new ReloadableConfiguration(Merge(
            Key("SigningKey", "media-hmac-2", "HS256", base64: Convert.ToBase64String(HmacSecret)),
            Key("ValidationKeys:0", "media-rsa-1", "RS256", pem: RsaPublicPem))));

        var byValidationKey = TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(new RsaSecurityKey(Rsa) { KeyId = "media-rsa-1" }, SecurityAlgorithms.RsaSha256));
        var byUnknownKid = TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(new RsaSecurityKey(Rsa) { KeyId = "media-rsa-0" }, SecurityAlgorithms.RsaSha256));

        using (var accepted = await host.GetMediaAsync(byValidationKey))
        {
            accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var rejected = await host.GetMediaAsync(byUnknownKid);
        rejected.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rejected.Headers.WwwAuthenticate.ToString().Should().Contain("error_description=\"The token's signing key is unknown.\"");
    }

    [Fact]
    public async Task An_unknown_kid_is_logged_by_its_length_never_its_value()
    {
        await using var host = await TestHost.StartConfiguredMediaTokenHostAsync(new ReloadableConfiguration(Key("SigningKey", "media-ec-1", "ES256", pem: EcdsaPrivatePem)));
        const string junkKid = "<script>alert(1)</script>\r\nforged log line";
        var token = TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(new ECDsaSecurityKey(Ecdsa) { KeyId = junkKid }, SecurityAlgorithms.EcdsaSha256));

        using var response = await host.GetMediaAsync(token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        var unknownKid = logs.Should().ContainSingle(log => log.Id.Name == "MediaTokenUnknownKeyId").Which;
        unknownKid.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Information);
        unknownKid.Message.Should().Contain("scheme MediaToken").And.Contain("characters) names none of the scheme's keys");
        logs.Should().NotContain(log => log.Message.Contains("script", StringComparison.Ordinal) || log.Message.Contains("forged", StringComparison.Ordinal));
    }

    public static TheoryData<string, Dictionary<string, string?>, string> Misconfigurations()
    {
        var shortSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var rsaPrivatePem = Rsa.ExportPkcs8PrivateKeyPem();
        return new()
        {
            { "a PEM that is not one", Key("SigningKey", "k1", "RS256", pem: "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"), "The media token key 'Authentication:Schemes:MediaToken:SigningKey' could not be read as a RS256 key" },
            { "no kid", Key("SigningKey", "", "ES256", pem: EcdsaPrivatePem), "The media token key 'Authentication:Schemes:MediaToken:SigningKey' has no KeyId." },
            { "no algorithm", Key("SigningKey", "k1", "", pem: EcdsaPrivatePem), "The media token key 'Authentication:Schemes:MediaToken:SigningKey' has no Algorithm" },
            { "an HMAC key of 16 bytes", Key("SigningKey", "k1", "HS256", base64: shortSecret), "The media token key 'Authentication:Schemes:MediaToken:SigningKey' (HS256) is 16 bytes long; an HMAC key needs at least 32 random bytes for HS256." },
            { "a kid used twice", Merge(Key("SigningKey", "k1", "ES256", pem: EcdsaPrivatePem), Key("ValidationKeys:0", "k1", "RS256", pem: RsaPublicPem)), "The KeyId 'k1' is used by more than one key of media token scheme 'MediaToken' ('Authentication:Schemes:MediaToken:SigningKey' and 'Authentication:Schemes:MediaToken:ValidationKeys:0'); give each key its own." },
            { "ES384 on a P-256 key", Key("SigningKey", "k1", "ES384", pem: EcdsaPrivatePem), "The media token key 'Authentication:Schemes:MediaToken:SigningKey' is a 256-bit EC key on P-256, which does not fit ES384 (curve P-384)." },
            { "an RSA algorithm on an EC key", Key("SigningKey", "k1", "RS256", pem: EcdsaPrivatePem), "The media token key 'Authentication:Schemes:MediaToken:SigningKey' could not be read as a RS256 key" },
            { "an HMAC algorithm on a PEM", Key("SigningKey", "k1", "HS256", pem: rsaPrivatePem), "The media token key 'Authentication:Schemes:MediaToken:SigningKey' uses HS256, an HMAC algorithm: give its secret as Base64." },
            { "a public key to sign with", Key("SigningKey", "k1", "RS256", pem: RsaPublicPem), "The media token signing key 'Authentication:Schemes:MediaToken:SigningKey' is a public key; signing needs the private key." },
            { "an unknown algorithm", Key("ValidationKeys:0", "k1", "none", base64: Convert.ToBase64String(HmacSecret)), "The media token key 'Authentication:Schemes:MediaToken:ValidationKeys:0' has an unsupported Algorithm 'none'" },
        };
    }

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task Misconfigured_keys_fail_at_startup_saying_which_key_without_quoting_it(string because, Dictionary<string, string?> configuration, string expectedFailure)
    {
        var failure = await TestHost.StartupFailureAsync<OptionsValidationException>(builder => TestHost.AddConfiguredMediaToken(builder, new ReloadableConfiguration(configuration)));

        failure.Message.Should().Contain(expectedFailure, because);
        foreach (var material in configuration.Where(entry => entry.Key.EndsWith(":Pem", StringComparison.Ordinal) || entry.Key.EndsWith(":Base64", StringComparison.Ordinal)))
        {
            var body = material.Value!.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)).First();
            failure.Message.Should().NotContain(body[..Math.Min(16, body.Length)], "key material is never echoed");
        }
    }

    [Fact]
    public async Task Rotating_keys_in_configuration_keeps_old_links_working_until_the_old_key_is_removed()
    {
        var oldKey = Key("SigningKey", "media-rsa-1", "RS256", pem: Rsa.ExportPkcs8PrivateKeyPem());
        var configuration = new ReloadableConfiguration(oldKey);
        await using var host = await TestHost.StartConfiguredMediaTokenHostAsync(configuration);
        var oldLink = await host.MintAsync("1");
        var unknownKid = TestToken.Create(host.Time.GetUtcNow(), new SigningCredentials(new RsaSecurityKey(NextRsa) { KeyId = "media-rsa-9" }, SecurityAlgorithms.RsaSha256));

        // Step 1 and 2 at once: sign with the new key, keep the old one as a validation key.
        configuration.Replace(Merge(
            Key("SigningKey", "media-rsa-2", "RS256", pem: NextRsa.ExportPkcs8PrivateKeyPem()),
            Key("ValidationKeys:0", "media-rsa-1", "RS256", pem: RsaPublicPem)));
        var newLink = await host.MintAsync("1");
        new JsonWebToken(newLink).Kid.Should().Be("media-rsa-2");
        await ExpectStatusAsync(host, oldLink, HttpStatusCode.OK);
        await ExpectStatusAsync(host, newLink, HttpStatusCode.OK);
        await ExpectStatusAsync(host, unknownKid, HttpStatusCode.Unauthorized);

        // Step 3, once the longest-lived old token has expired: remove the old key.
        host.Time.Advance(TimeSpan.FromSeconds(30));
        configuration.Replace(Key("SigningKey", "media-rsa-2", "RS256", pem: NextRsa.ExportPkcs8PrivateKeyPem()));
        await ExpectStatusAsync(host, oldLink, HttpStatusCode.Unauthorized);
        await ExpectStatusAsync(host, newLink, HttpStatusCode.OK);
        await ExpectStatusAsync(host, unknownKid, HttpStatusCode.Unauthorized);
    }

    private static async Task ExpectStatusAsync(TestHost host, string token, HttpStatusCode expected)
    {
        using var response = await host.GetMediaAsync(token);
        response.StatusCode.Should().Be(expected);
    }
}
