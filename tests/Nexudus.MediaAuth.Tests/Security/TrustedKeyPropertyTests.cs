using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Validation;
using Nexudus.MediaAuth.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// The guarantees SECURITY.md states for an accepted token hold for any token a trusted key signed, not just the
/// issuer's: generated headers and claims (<see cref="TrustedTokenCase"/>), signed with the scheme's own keys.
/// </summary>
/// <remarks>
/// The in-process property runs <see cref="Iterations"/> cases, 10,000 in <c>dotnet test</c>; the HTTP one a twentieth
/// of that, at least 500. For a longer run:
/// <c>MEDIAAUTH_PROPERTY_ITERATIONS=1000000 dotnet test tests/Nexudus.MediaAuth.Tests --filter FullyQualifiedName~TrustedKeyPropertyTests</c>.
/// <c>MEDIAAUTH_PROPERTY_SEED</c> replays the seed a failure printed.
/// </remarks>
public sealed partial class TrustedKeyPropertyTests : IAsyncLifetime
{
    internal static readonly long Iterations =
        long.TryParse(Environment.GetEnvironmentVariable("MEDIAAUTH_PROPERTY_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations > 0
            ? iterations
            : 10_000;

    internal static readonly string? Seed = Environment.GetEnvironmentVariable("MEDIAAUTH_PROPERTY_SEED");

    private static readonly Lazy<HashSet<string>> DocumentedDescriptions = new(ReadDocumentedDescriptions);

    private readonly ITestOutputHelper _output;
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private TestHost _host = null!;

    public TrustedKeyPropertyTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _host = await TestHost.StartEveryKeyFamilyHostAsync(MediaTokenDefaults.ValidationCacheSize);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Every_accepted_token_satisfies_the_invariants_and_every_refusal_gives_a_documented_reason()
    {
        var options = _host.MediaTokenOptions;
        var validator = _host.Validator;
        var origin = _host.Now;
        var stopwatch = Stopwatch.StartNew();

        TrustedTokenCase.Generate(origin).Sample(sample =>
        {
            var now = sample.Now(origin);
            var result = validator.Validate(sample.Token, now);
            var description = result.IsValid ? null : MediaTokenHandler.DescribeFailure(result.Failure);
            Count(description);
            if (result.IsValid)
            {
                ShouldSatisfyInvariants(sample, result.Token, now, options);
            }
            else if (!DocumentedDescriptions.Value.Contains(description!))
            {
                description.Should().BeOneOf(DocumentedDescriptions.Value, "README lists every reason a token is refused for");
            }

            if (sample.OnlyTimesVary && description != sample.ExpectedLifetimeFailure(now, options.ClockSkew, options.MaxTokenLifetime))
            {
                description.Should().Be(sample.ExpectedLifetimeFailure(now, options.ClockSkew, options.MaxTokenLifetime), "README's lifetime rules decide this token");
            }
        }, seed: Seed, iter: Iterations, print: sample => sample.ToString());

        Report(stopwatch.Elapsed);
    }

    [Fact]
    public async Task Over_http_a_token_is_answered_200_as_its_subject_or_401_with_a_documented_reason()
    {
        var options = _host.MediaTokenOptions;
        var now = _host.Now;
        var stopwatch = Stopwatch.StartNew();

        await TrustedTokenCase.Generate(now).SampleAsync(async sample =>
        {
            using var response = await _host.Client.GetAsync(TestHost.WithToken(TrustedTokenCase.MediaPath, sample.Token));

            response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized);
            var validation = _host.Validator.Validate(sample.Token, now);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Count(null);
                validation.IsValid.Should().BeTrue();
                ShouldSatisfyInvariants(sample, validation.Token!, now, options);
                TestHost.CustomerOf(await response.Content.ReadAsStringAsync()).Should().Be(validation.Token!.Subject);
                validation.Token!.Resource.Should().BeOneOf(null, TrustedTokenCase.MediaPath, "/");
                return;
            }

            var challenge = response.Headers.WwwAuthenticate.ToString();
            var description = DescriptionOf().Match(challenge).Groups["description"].Value;
            Count(description);
            description.Should().BeOneOf(DocumentedDescriptions.Value);
            description.Should().Be(validation.IsValid ? "The token is not valid for this resource." : MediaTokenHandler.DescribeFailure(validation.Failure));
            if (sample.OnlyTimesVary)
            {
                description.Should().Be(sample.ExpectedLifetimeFailure(now, options.ClockSkew, options.MaxTokenLifetime));
            }
        }, seed: Seed, iter: Math.Max(500, Iterations / 20), print: sample => sample.ToString());

        Report(stopwatch.Elapsed);
    }

    /// <summary>What SECURITY.md says every accepted token satisfies, read from the token as signed.</summary>
    internal static void ShouldSatisfyInvariants(TrustedTokenCase sample, ValidatedMediaToken token, DateTimeOffset now, MediaTokenOptions options)
    {
        using var header = JsonDocument.Parse(sample.HeaderJson);
        using var claims = JsonDocument.Parse(sample.ClaimsJson);

        Single(header, "typ")!.Value.GetString().Should().Be(MediaTokenDefaults.TokenType);
        options.ValidAlgorithms.Should().Contain(Single(header, "alg")!.Value.GetString());
        Single(header, "kid")!.Value.GetString().Should().Be(token.SigningKey.KeyId);
        Single(header, "crit").Should().BeNull("no extension is understood");

        Single(claims, "iss")!.Value.GetString().Should().Be(options.Issuer);
        var audience = Single(claims, "aud")!.Value;
        (audience.ValueKind == JsonValueKind.String ? [audience.GetString()] : audience.EnumerateArray().Select(value => value.GetString())).Should().Contain(options.Audience);
        Single(claims, "sub")!.Value.GetString().Should().NotBeNullOrEmpty().And.Be(token.Subject);
        Single(claims, "res")?.GetString().Should().Be(token.Resource);
        if (Single(claims, "res") is null)
        {
            token.Resource.Should().BeNull();
        }

        (Single(claims, "disp")?.GetString() switch
        {
            null => MediaTokenDisposition.Unspecified,
            "inline" => MediaTokenDisposition.Inline,
            "attachment" => MediaTokenDisposition.Attachment,
            var other => throw new InvalidOperationException($"disp {other} was accepted"),
        }).Should().Be(token.Disposition, "disp is absent, inline or attachment");

        var exp = Seconds(Single(claims, "exp")).Should().NotBeNull().And.Subject!.Value;
        var iat = Seconds(Single(claims, "iat"));
        var nbf = Seconds(Single(claims, "nbf"));
        (iat ?? nbf).Should().NotBeNull("a token needs iat or nbf");
        var earliest = Math.Min(iat ?? long.MaxValue, nbf ?? long.MaxValue);
        var validFrom = Math.Max(iat ?? long.MinValue, nbf ?? long.MinValue);
        var cap = token.Resource is null ? options.MaxTokenLifetime : options.MaxResourceBoundTokenLifetime;
        (Ticks(exp) - Ticks(earliest) <= cap.Ticks).Should().BeTrue("exp − min(iat, nbf) ≤ MaxTokenLifetime, or MaxResourceBoundTokenLifetime for a bound token");
        exp.Should().BeGreaterThanOrEqualTo(validFrom);
        var nowTicks = (Int128)now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        (nowTicks >= Ticks(validFrom) - options.ClockSkew.Ticks).Should().BeTrue("now ≥ max(iat, nbf) − skew");
        (nowTicks <= Ticks(exp) + options.ClockSkew.Ticks).Should().BeTrue("now ≤ exp + skew");
        (token.ValidFrom, token.Expires).Should().Be((validFrom, exp));
    }

    private static Int128 Ticks(long seconds) => (Int128)seconds * TimeSpan.TicksPerSecond;

    /// <summary>The one member of that name, <see langword="null"/> when there is none; a repeated member fails.</summary>
    private static JsonElement? Single(JsonDocument document, string name)
    {
        var members = document.RootElement.EnumerateObject().Where(member => member.NameEquals(name)).ToList();
        members.Should().HaveCountLessThanOrEqualTo(1, $"{name} appears at most once in an accepted token");
        return members.Count == 1 ? members[0].Value : null;
    }

    private static long? Seconds(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        element.ValueKind.Should().Be(JsonValueKind.Number);
        element.TryGetInt64(out var seconds).Should().BeTrue("times are integers");
        return seconds;
    }

    private static HashSet<string> ReadDocumentedDescriptions()
    {
        var readme = File.ReadAllText(RepositoryFiles.Readme()).ReplaceLineEndings(" ");
        var list = readme[readme.IndexOf("`error_description` is one of:", StringComparison.Ordinal)..];
        list = list[..list.IndexOf("(anything else", StringComparison.Ordinal)];
        var descriptions = Backticked().Matches(list).Select(match => match.Groups["text"].Value).ToHashSet(StringComparer.Ordinal);
        descriptions.Should().Contain("The token's lifetime is longer than allowed.");
        return descriptions;
    }

    private void Count(string? description) => _outcomes.AddOrUpdate(description ?? "accepted", 1, (_, count) => count + 1);

    private void Report(TimeSpan elapsed)
    {
        _output.WriteLine($"{_outcomes.Values.Sum()} cases in {elapsed.TotalSeconds:F1} s:");
        foreach (var (outcome, count) in _outcomes.OrderByDescending(pair => pair.Value))
        {
            _output.WriteLine($"  {count,9} {outcome}");
        }
    }

    [GeneratedRegex("`(?<text>[^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex("error_description=\"(?<description>[^\"]*)\"")]
    private static partial Regex DescriptionOf();
}
