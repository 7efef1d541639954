using System.Globalization;
using CsCheck;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// A token signed by one of the scheme's own keys (the HMAC key, or now and then the EC key) whose header and claims
/// are generated whole: every claim the scheme checks is kept, replaced by another value or type, removed or repeated,
/// the times range over integers near the clock, the extremes of <see cref="long"/> and values that are no integer at
/// all, and the header's <c>alg</c>, <c>kid</c>, <c>typ</c> and extra members vary. About half the cases vary the
/// times only, so that the reason a lifetime check gives can be predicted exactly (<see cref="ExpectedLifetimeFailure"/>).
/// </summary>
/// <param name="Token">The signed compact JWS.</param>
/// <param name="HeaderJson">The header as signed.</param>
/// <param name="ClaimsJson">The claims as signed.</param>
/// <param name="OnlyTimesVary">Whether everything but the three times is the issuer's.</param>
/// <param name="Times">The <c>iat</c>, <c>nbf</c> and <c>exp</c> as written.</param>
/// <param name="ClockOffsetTicks">How far the clock of this case is from the whole second its times are built around.</param>
internal sealed record TrustedTokenCase(string Token, string HeaderJson, string ClaimsJson, bool OnlyTimesVary, TrustedTokenCase.TimeClaims Times, long ClockOffsetTicks)
{
    public const string MediaPath = "/media";

    private const string ValidHeader = """{"alg":"HS256","kid":"hmac-1","typ":"media+jwt"}""";
    private const string EcHeader = """{"alg":"ES256","kid":"ec-1","typ":"media+jwt"}""";

    /// <summary>The clock of this case: <paramref name="origin"/>, the second the times are built around, plus the offset.</summary>
    public DateTimeOffset Now(DateTimeOffset origin) => origin.AddTicks(ClockOffsetTicks);

    /// <summary>
    /// Cases around the clock <paramref name="origin"/>, which must be a whole second.
    /// </summary>
    public static Gen<TrustedTokenCase> Generate(DateTimeOffset origin)
    {
        var now = origin.ToUnixTimeSeconds();
        var clockOffset = Gen.Long[-2 * TimeSpan.TicksPerSecond, 2 * TimeSpan.TicksPerSecond];
        var times = Gen.Frequency(
            (3, Gen.Select(Time(now), Time(now), Time(now), (iat, nbf, exp) => new TimeClaims(iat, nbf, exp))),
            (2, PlausibleTimes(now)));
        var timesOnly = Gen.Select(times, Gen.Int[0, 9], clockOffset, (t, keyChoice, offset) =>
        {
            var claims = Claims($"\"{MediaTokenDefaults.Issuer}\"", $"\"{MediaTokenDefaults.Audience}\"", "\"1\"", t, res: null, disp: null, extra: string.Empty);
            var header = keyChoice == 0 ? EcHeader : ValidHeader;
            return new TrustedTokenCase(Sign(header, claims), header, claims, OnlyTimesVary: true, t, offset);
        });
        var claimValues = Gen.Select(Issuer(), Audience(), Subject(), Resource(), Disposition(), Extra(now), (iss, aud, sub, res, disp, extra) => (iss, aud, sub, res, disp, extra));
        var everything = Gen.Select(Header(), claimValues, times, clockOffset, (header, values, t, offset) =>
        {
            var claims = Claims(values.iss, values.aud, values.sub, t, values.res, values.disp, values.extra);
            return new TrustedTokenCase(Sign(header, claims), header, claims, OnlyTimesVary: false, t, offset);
        });
        return Gen.Frequency((1, timesOnly), (1, everything));
    }

    /// <summary>
    /// The description the scheme must give a token whose only defects are in its times, or <see langword="null"/>
    /// when it must be accepted: the rules of README's "What is validated", in their documented order.
    /// </summary>
    public string? ExpectedLifetimeFailure(DateTimeOffset now, TimeSpan clockSkew, TimeSpan maxTokenLifetime)
    {
        if (Times.Iat.IsMalformed || Times.Nbf.IsMalformed || Times.Exp.IsMalformed)
        {
            return "The token is malformed.";
        }

        if (Times.Exp.Seconds is not { } exp)
        {
            return "The token has no expiration time.";
        }

        if ((Times.Iat.Seconds ?? Times.Nbf.Seconds) is not { } iat || (Times.Nbf.Seconds ?? Times.Iat.Seconds) is not { } nbf)
        {
            return "The token has neither an issue time nor a not-before time.";
        }

        var nowTicks = (Int128)now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (Ticks(exp) - Ticks(Math.Min(iat, nbf)) > maxTokenLifetime.Ticks)
        {
            return "The token's lifetime is longer than allowed.";
        }

        if (exp < Math.Max(iat, nbf))
        {
            return "The token expires before it is valid.";
        }

        if (nowTicks - clockSkew.Ticks > Ticks(exp))
        {
            return "The token has expired.";
        }

        return nowTicks + clockSkew.Ticks < Ticks(Math.Max(iat, nbf)) ? "The token is not valid yet." : null;
    }

    public override string ToString() => $"header {HeaderJson} claims {ClaimsJson} clock {ClockOffsetTicks:+0;-0} ticks";

    private static Int128 Ticks(long seconds) => (Int128)seconds * TimeSpan.TicksPerSecond;

    private static string Sign(string header, string claims) =>
        header.Contains("\"ec-1\"", StringComparison.Ordinal)
            ? TestToken.Ecdsa(header, claims, TestKeys.Ecdsa.ECDsa)
            : TestToken.Hmac(header, claims, TestKeys.Hmac.Key);

    private static string Claims(string? iss, string? aud, string? sub, TimeClaims times, string? res, string? disp, string extra)
    {
        var members = new[] { ("iss", iss), ("aud", aud), ("sub", sub), ("iat", times.Iat.Json), ("nbf", times.Nbf.Json), ("exp", times.Exp.Json), ("res", res), ("disp", disp) }
            .Where(member => member.Item2 is not null)
            .Select(member => $"\"{member.Item1}\":{member.Item2}");
        return "{" + string.Join(',', members) + extra + "}";
    }

    private static Gen<string?> Json(string? json) => Gen.Const(json);

    private static Gen<string?> OneOf(params string?[] values) => Gen.Int[0, values.Length - 1].Select(index => values[index]);

    /// <summary>
    /// Times as an issuer would write them, give or take: a start around now, <c>iat</c> and <c>nbf</c> at or near it
    /// (one of them sometimes missing), <c>exp</c> up to a little more than the cap after it.
    /// </summary>
    private static Gen<TimeClaims> PlausibleTimes(long now) => Gen.Select(
        Gen.Long[-320, 10], Gen.Long[-5, 5], Gen.Long[-5, 5], Gen.Long[-5, 320], Gen.Int[0, 9],
        (start, iatShift, nbfShift, lifetime, missing) => new TimeClaims(
            missing == 0 ? TimeClaim.Absent : TimeClaim.Integer(now + start + iatShift),
            missing == 1 ? TimeClaim.Absent : TimeClaim.Integer(now + start + nbfShift),
            TimeClaim.Integer(now + start + lifetime)));

    /// <summary>A time claim: mostly integers near now, then the extremes, then values the reader must refuse.</summary>
    private static Gen<TimeClaim> Time(long now) => Gen.Frequency(
        (8, Gen.Long[-400, 400].Select(delta => TimeClaim.Integer(now + delta))),
        (2, Gen.OneOf<long>(0L, -1L, 1L, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 253_402_300_799L, 253_402_300_800L,
            -62_135_596_800L, -62_135_596_801L, int.MaxValue, uint.MaxValue, 1L << 53, now + 86_400, now - 86_400).Select(TimeClaim.Integer)),
        (1, Gen.Long.Select(TimeClaim.Integer)),
        (1, Gen.Const(new TimeClaim("-0", 0))),
        (1, Gen.OneOf<string>("1e400", "-1e400", "1e3", "1E3", "1.5", "-0.0", "0.0", $"{now}.0", $"{now}.5", $"{now}e0", $"\"{now}\"", "\"soon\"", "null", "true",
            "false", "[]", "{}", $"[{now}]", $$"""{"t":{{now}}}""", "9223372036854775808", "-9223372036854775809", "1" + new string('0', 400)).Select(TimeClaim.NotAnInteger)),
        (2, Gen.Const(TimeClaim.Absent)));

    private static Gen<string?> Issuer() => Gen.Frequency(
        (6, Json($"\"{MediaTokenDefaults.Issuer}\"")),
        (1, OneOf($"\"{MediaTokenDefaults.Issuer.ToUpperInvariant()}\"", "\"https://attacker.example\"", "\"\"", "null", "1", $"[\"{MediaTokenDefaults.Issuer}\"]", null)));

    private static Gen<string?> Audience() => Gen.Frequency(
        (5, Json($"\"{MediaTokenDefaults.Audience}\"")),
        (1, OneOf($"[\"other\",\"{MediaTokenDefaults.Audience}\"]", $"[\"{MediaTokenDefaults.Audience}\"]", "[\"other\"]", "[]", $"[\"{MediaTokenDefaults.Audience}\",1]",
            $"\"{MediaTokenDefaults.Audience.ToUpperInvariant()}\"", "\"portal-api\"", "null", "1", null)));

    private static Gen<string?> Subject() => Gen.Frequency(
        (5, Json("\"1\"")),
        (2, Gen.Long[0, long.MaxValue].Select(id => (string?)$"\"{id}\"")),
        (1, Gen.String[0, 20].Select(text => (string?)System.Text.Json.JsonSerializer.Serialize(text))),
        (1, OneOf("\"\"", "null", "1", "{\"id\":\"1\"}", "[\"1\"]", "true", null)));

    private static Gen<string?> Resource() => Gen.Frequency(
        (6, Json(null)),
        (1, OneOf($"\"{MediaPath}\"", "\"/\"", "\"/other\"", "\"/media/../media\"", "\"//media\"", "\"\"", "\"media\"", "1", "null", $"[\"{MediaPath}\"]")));

    /// <summary>Mostly none; the two values the scheme knows, or one it must refuse.</summary>
    private static Gen<string?> Disposition() => Gen.Frequency(
        (6, Json(null)),
        (2, OneOf("\"inline\"", "\"attachment\"", "\"inl\\u0069ne\"")),
        (1, OneOf("\"Inline\"", "\"download\"", "\"inline \"", "\"\"", "1", "null", "true", "[\"inline\"]", "{}")));

    /// <summary>Nothing, a member the scheme ignores, or a second copy of a member it checks.</summary>
    private static Gen<string> Extra(long now) => Gen.Frequency(
        (6, Gen.Const(string.Empty)),
        (2, Gen.OneOf<string>(",\"jti\":\"abc\"", ",\"jti\":\"abc\",\"jti\":\"def\"", ",\"x\":{\"exp\":1}", ",\"scope\":[\"a\",\"b\"]", ",\"nonce\":null", ",\"\":1")),
        (1, Gen.OneOf<string>(",\"sub\":\"2\"", ",\"iss\":\"Nexudus.MediaAuth\"", ",\"aud\":\"nexudus-media\"", $",\"exp\":{now + 86_400}", $",\"iat\":{now}", $",\"nbf\":{now}", ",\"res\":\"/media\"", ",\"disp\":\"inline\"")));

    /// <summary>The issuer's header, one member changed or dropped, members added or repeated.</summary>
    private static Gen<string> Header()
    {
        var alg = Gen.Frequency((8, Json("\"HS256\"")), (1, OneOf("\"hs256\"", "\"HS384\"", "\"none\"", "\"RS256\"", "\"ES256\"", "\"\"", "256", "null", null)));
        var kid = Gen.Frequency((8, Json("\"hmac-1\"")), (1, OneOf("\"HMAC-1\"", "\"hmac-2\"", "\"ec-1\"", "\"rsa-1\"", "\"\"", "1", "null", "[\"hmac-1\"]", null)));
        var typ = Gen.Frequency((8, Json("\"media+jwt\"")), (1, OneOf("\"JWT\"", "\"MEDIA+JWT\"", "\"media+jwt \"", "\"at+jwt\"", "\"\"", "1", "null", null)));
        var extra = Gen.Frequency(
            (6, Gen.Const(string.Empty)),
            (2, Gen.OneOf<string>(",\"jku\":\"http://127.0.0.1/jwks\"", ",\"x5u\":\"http://127.0.0.1/x\"", ",\"cty\":\"JWT\"", ",\"zip\":\"DEF\"", ",\"enc\":\"A256GCM\"", ",\"b64\":false", ",\"x\":[1,{}]")),
            (1, Gen.OneOf<string>(",\"crit\":[\"exp\"]", ",\"crit\":[]", ",\"alg\":\"none\"", ",\"kid\":\"hmac-2\"", ",\"typ\":\"JWT\"", ",\"typ\":\"media+jwt\"")));
        var issuers = Gen.Select(alg, kid, typ, extra, (a, k, t, x) =>
        {
            var members = new[] { ("alg", a), ("kid", k), ("typ", t) }
                .Where(member => member.Item2 is not null)
                .Select(member => $"\"{member.Item1}\":{member.Item2}");
            return "{" + string.Join(',', members) + x + "}";
        });
        return Gen.Frequency((9, issuers), (1, Gen.Const(EcHeader)));
    }

    /// <summary>The three times of a token.</summary>
    internal sealed record TimeClaims(TimeClaim Iat, TimeClaim Nbf, TimeClaim Exp);

    /// <summary>A time claim as written: its JSON (<see langword="null"/> when absent) and, when that is an integer that fits a <see cref="long"/>, its value.</summary>
    internal sealed record TimeClaim(string? Json, long? Seconds)
    {
        public static readonly TimeClaim Absent = new(null, null);

        public bool IsMalformed => Json is not null && Seconds is null;

        public static TimeClaim Integer(long seconds) => new(seconds.ToString(CultureInfo.InvariantCulture), seconds);

        public static TimeClaim NotAnInteger(string json) => new(json, null);
    }
}
