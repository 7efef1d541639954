using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Validation;

/// <summary>
/// The lifetime rules for tokens signed by a trusted key, whoever wrote them: the cap counts from the earlier of
/// <c>iat</c> and <c>nbf</c>, a token is valid from the later of them, and no time, however large, is a server fault.
/// </summary>
public sealed class MediaTokenLifetimeTests
{
    private const string LifetimeTooLong = "The token's lifetime is longer than allowed.";
    private const string ExpiresBeforeValid = "The token expires before it is valid.";
    private const string NotYetValid = "The token is not valid yet.";
    private const string Expired = "The token has expired.";
    private const string RsaHeader = """{"alg":"RS256","kid":"rsa-1","typ":"media+jwt"}""";

    public static TheoryData<int> CacheSizes => MediaTokenFastPathTests.CacheSizes;

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task The_cap_counts_from_nbf_when_iat_is_later(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var now = host.Now.ToUnixTimeSeconds();

        // Issued "tomorrow", valid from a minute ago, until tomorrow: exp − iat is 0, but it opens media for a day.
        await host.ExpectRejectedAsync(Sign(iat: now + 86_400, nbf: now - 60, exp: now + 86_400), LifetimeTooLong);
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task The_cap_counts_from_iat_when_nbf_is_later(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var now = host.Now.ToUnixTimeSeconds();

        await host.ExpectRejectedAsync(Sign(iat: now - 3_600, nbf: now, exp: now + 60), LifetimeTooLong);
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task A_token_is_not_valid_before_its_iat(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var now = host.Now.ToUnixTimeSeconds();

        await host.ExpectRejectedAsync(Sign(iat: now + 60, nbf: now, exp: now + 120), NotYetValid);
        (await host.ExpectAcceptedAsync(Sign(iat: now + 5, nbf: now, exp: now + 60))).Should().Be("1", "iat within the clock skew is accepted");
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task A_token_that_expires_before_it_is_valid_is_refused_even_within_the_skew(int cacheSize)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);
        var now = host.Now.ToUnixTimeSeconds();

        // Inside [nbf − skew, exp + skew] with the default 5-second skew, but exp < nbf: no instant is inside [nbf, exp].
        await host.ExpectRejectedAsync(Sign(iat: now - 4, nbf: now + 4, exp: now - 4), ExpiresBeforeValid);
        await host.ExpectRejectedAsync(Sign(iat: now + 4, nbf: null, exp: now - 4), ExpiresBeforeValid);
        await host.ExpectRejectedAsync(Sign(iat: now + 4, nbf: now - 4, exp: now), ExpiresBeforeValid);
        (await host.ExpectAcceptedAsync(Sign(iat: now, nbf: now, exp: now))).Should().Be("1", "a token valid for one instant is valid");
    }

    public static TheoryData<long?, long?, long, string> ExtremeTimes
    {
        get
        {
            const long year9999 = 253_402_300_799;
            return new()
            {
                { 0, 0, year9999, LifetimeTooLong },
                { null, 0, long.MaxValue, LifetimeTooLong },
                { year9999, year9999, year9999, NotYetValid },
                { long.MaxValue, long.MaxValue, long.MaxValue, NotYetValid },
                { long.MaxValue - 1, null, long.MaxValue, NotYetValid },
                { year9999 + 1, year9999 + 1, year9999 + 60, NotYetValid },
                { long.MinValue, long.MinValue, long.MinValue, Expired },
                { long.MinValue, null, long.MaxValue, LifetimeTooLong },
                { -1, -1, 0, Expired },
                { 0, 0, 0, Expired },
                { long.MaxValue, long.MinValue, long.MinValue + 60, ExpiresBeforeValid },
            };
        }
    }

    [Theory]
    [MemberData(nameof(ExtremeTimes))]
    public async Task Extreme_times_are_refused_with_a_reason_never_a_server_error(long? iat, long? nbf, long exp, string reason)
    {
        foreach (var cacheSize in new[] { 0, MediaTokenDefaults.ValidationCacheSize })
        {
            await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize);

            await host.ExpectRejectedAsync(Sign(iat, nbf, exp), reason);
        }
    }

    [Fact]
    public async Task An_accepted_token_is_refused_once_expired_when_answered_by_the_cache()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);
        var token = TestToken.Rsa(RsaHeader, TestToken.ValidClaims(host.Now), TestKeys.Rsa.Rsa);

        (await host.ExpectAcceptedAsync(token)).Should().Be("1");
        host.Time.Advance(TimeSpan.FromSeconds(65));
        (await host.ExpectAcceptedAsync(token)).Should().Be("1", "exp + skew is the last valid instant");
        host.Time.Advance(TimeSpan.FromTicks(1));
        await host.ExpectRejectedAsync(token, Expired);
    }

    /// <summary>A token signed by the scheme's RSA key, so that the validation cache, when on, takes part.</summary>
    private static string Sign(long? iat, long? nbf, long exp)
    {
        var times = (iat is { } i ? $",\"iat\":{i}" : "") + (nbf is { } n ? $",\"nbf\":{n}" : "") + $",\"exp\":{exp}";
        return TestToken.Rsa(RsaHeader, $$"""{"iss":"{{MediaTokenDefaults.Issuer}}","aud":"{{MediaTokenDefaults.Audience}}","sub":"1"{{times}}}""", TestKeys.Rsa.Rsa);
    }
}
