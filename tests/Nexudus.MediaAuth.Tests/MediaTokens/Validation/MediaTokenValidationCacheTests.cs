using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Validation;

/// <summary>
/// The validation cache lets a repeated token skip the signature check, and must keep every property of the uncached
/// path: a remembered token still expires on time, only tokens that passed every check are remembered, and a change
/// of keys or options forgets them all.
/// </summary>
public sealed class MediaTokenValidationCacheTests
{
    [Fact]
    public async Task Remembered_token_still_expires_on_time()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);
        var token = TestToken.Create(host.Now);

        await host.ExpectAcceptedAsync(token);
        host.Cache!.Count.Should().Be(1);

        // Lifetime 60 s plus the 5 s clock skew: the last accepted instant, from the cache.
        host.Time.Advance(TimeSpan.FromSeconds(65));
        await host.ExpectAcceptedAsync(token);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.ExpectRejectedAsync(token, "The token has expired.");
        host.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task Token_not_yet_valid_is_not_remembered()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);
        var token = TestToken.Create(host.Now, notBefore: host.Now.AddSeconds(30));

        await host.ExpectRejectedAsync(token, "The token is not valid yet.");
        host.Cache!.Count.Should().Be(0);

        host.Time.Advance(TimeSpan.FromSeconds(30));
        await host.ExpectAcceptedAsync(token);
        host.Cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task Tampered_token_never_hits_the_cache()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);
        var token = TestToken.Create(host.Now);
        var parts = token.Split('.');
        await host.ExpectAcceptedAsync(token);

        var otherCustomer = TestToken.Segment(TestToken.ValidClaims(host.Now).Replace("\"sub\":\"1\"", "\"sub\":\"2\"", StringComparison.Ordinal));
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[0] ^= 1;

        await host.ExpectRejectedAsync($"{parts[0]}.{otherCustomer}.{parts[2]}", "The token's signature is invalid.");
        await host.ExpectRejectedAsync($"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}", "The token's signature is invalid.");
        await host.ExpectRejectedAsync($"{TestToken.Segment("""{"alg":"HS256","kid":"hmac-1","typ":"JWT"}""")}.{parts[1]}.{parts[2]}", "The token's signature is invalid.");
        await host.ExpectRejectedAsync($"{token}x", "The token's signature is invalid.");
        host.Cache!.Count.Should().Be(1);

        (await host.ExpectAcceptedAsync(token)).Should().Be("1");
    }

    [Fact]
    public async Task Removing_a_key_forgets_the_tokens_it_signed()
    {
        var retiredKey = new SymmetricSecurityKey(Convert.FromHexString("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0")) { KeyId = "hmac-retired" };
        var validationKeys = new List<SigningCredentials> { new(retiredKey, SecurityAlgorithms.HmacSha256) };
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize, options =>
        {
            foreach (var key in validationKeys)
            {
                options.ValidationKeys.Add(key);
            }
        });
        var token = TestToken.Create(host.Now, new SigningCredentials(retiredKey, SecurityAlgorithms.HmacSha256));
        await host.ExpectAcceptedAsync(token);
        host.Cache!.Count.Should().Be(1);

        validationKeys.Clear();
        host.ReloadOptions();

        host.Cache!.Count.Should().Be(0);
        await host.ExpectRejectedAsync(token, "The token's signing key is unknown.");
    }

    [Fact]
    public async Task Reloading_options_forgets_every_token()
    {
        var issuer = MediaTokenDefaults.Issuer;
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize, options => options.Issuer = issuer);
        var token = TestToken.Create(host.Now);
        await host.ExpectAcceptedAsync(token);

        issuer = "https://portal.example.com/media";
        host.ReloadOptions();

        await host.ExpectRejectedAsync(token, "The token's issuer is invalid.");
        host.Cache!.Count.Should().Be(0);
    }

    [Fact]
    public async Task Holds_no_more_tokens_than_its_size()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize: 2);

        for (var customer = 1; customer <= 5; customer++)
        {
            var token = TestToken.Create(host.Now, subject: customer.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (await host.ExpectAcceptedAsync(token)).Should().Be(customer.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (await host.ExpectAcceptedAsync(token)).Should().Be(customer.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.Cache!.Count.Should().BeInRange(1, 2);
        }
    }

    [Fact]
    public async Task Size_zero_turns_the_cache_off()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize: 0);
        var token = TestToken.Create(host.Now);

        (await host.ExpectAcceptedAsync(token)).Should().Be("1");
        (await host.ExpectAcceptedAsync(token)).Should().Be("1");
        host.Cache.Should().BeNull();
    }

    [Fact]
    public async Task Scheme_with_only_hmac_keys_has_no_cache()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize, options => options.ValidationKeys.Clear());
        var token = TestToken.Create(host.Now);

        (await host.ExpectAcceptedAsync(token)).Should().Be("1");
        (await host.ExpectAcceptedAsync(token)).Should().Be("1");
        host.Cache.Should().BeNull();
    }

    [Fact]
    public async Task Negative_size_fails_at_startup()
    {
        var start = () => TestHost.StartEveryKeyFamilyHostAsync(cacheSize: -1);

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("ValidationCacheSize");
    }
}
