using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using CsCheck;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// Random and mutated tokens, query strings and <c>redirectUrl</c> values against the running sample: never a 500,
/// never a success without a valid token, never a redirect off the site.
/// </summary>
/// <remarks>
/// Each property runs <see cref="Iterations"/> cases: 1000 in <c>dotnet test</c>, or <c>FUZZ_ITERATIONS</c> for a longer
/// run, such as <c>FUZZ_ITERATIONS=100000 dotnet test tests/Nexudus.MediaAuth.Tests --filter FullyQualifiedName~FuzzTests</c>.
/// <c>FUZZ_SEED</c> replays the seed a failure printed.
/// </remarks>
public sealed class FuzzTests : IAsyncLifetime
{
    private const string InvoicePath = "/api/public/billing/invoices/1001/pdf";
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string HostileCharacters = ".=&+/%#?\\ \"'<>;:@!$()*,\0\r\n\té€\uFFFD\uD800";

    private static readonly long Iterations =
        long.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations > 0
            ? iterations
            : 1000;

    private static readonly string? Seed = Environment.GetEnvironmentVariable("FUZZ_SEED");

    private static readonly string[] RedirectSeeds =
    [
        "/en/invoices", "/", "/en/invoices?page=2#top", "//evil.example", "/\\evil.example", "https://evil.example/",
        "http:evil.example", "javascript:alert(1)", "\\\\evil.example", "/%2F/evil.example", "/\t/evil.example",
        "/\r\nLocation: https://evil.example", "///evil.example", "~/x", "evil.example", "%2F%2Fevil.example", "/é",
    ];

    private static readonly ClaimsPrincipal Ada = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, TestHost.PortalCustomerId), new Claim(ClaimTypes.Name, "ada@example.com")],
        "test"));

    private readonly ITestOutputHelper _output;
    private TestHost _server = null!;
    private string _jwt = null!;
    private long _cases;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _server = await TestHost.StartPortalHostAsync();
        _jwt = await _server.MintPortalMediaTokenAsync();
    }

    public async Task DisposeAsync()
    {
        _output.WriteLine($"{Interlocked.Read(ref _cases)} cases run ({Iterations} per property).");
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Mutated_media_tokens_never_succeed_unless_equivalent_to_the_valid_one()
    {
        await MutatedToken(_jwt).SampleAsync(async token =>
        {
            using var response = await SendAsync(HttpMethod.Get, $"{InvoicePath}?t={Uri.EscapeDataString(token)}");

            response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                IsEquivalentToValidToken(token).Should().BeTrue($"only the valid token opens the invoice, not {token}");
            }
        }, seed: Seed, iter: Iterations, print: Printable);
    }

    [Fact]
    public async Task Random_query_strings_never_500_and_open_the_invoice_only_with_one_valid_t()
    {
        await QueryString().SampleAsync(async query =>
        {
            var uri = new Uri(_server.Client.BaseAddress!, $"{InvoicePath}?{query}");
            using var response = await SendAsync(HttpMethod.Get, uri.PathAndQuery);

            response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                // What the server read: the query the client sent, parsed as ASP.NET Core parses it.
                var values = QueryHelpers.ParseQuery(uri.Query).TryGetValue("t", out var t) ? t : default;
                values.Should().ContainSingle().Which.Should().Match(value => IsEquivalentToValidToken(value!), $"the query was {uri.Query}");
            }
        }, seed: Seed, iter: Iterations, print: Printable);
    }

    [Fact]
    public async Task Login_redirect_never_leaves_the_site_and_signs_in_only_with_a_valid_token()
    {
        var gen = Gen.Select(Gen.Bool, OneTimeTokenGuess(), RedirectUrl(), (useValidToken, guess, redirectUrl) => (useValidToken, guess, redirectUrl));
        await gen.SampleAsync(async sample =>
        {
            var token = sample.useValidToken ? await IssueOneTimeTokenAsync() : sample.guess;
            using var response = await SendAsync(HttpMethod.Get, $"/user/login?t={Uri.EscapeDataString(token)}&redirectUrl={Uri.EscapeDataString(sample.redirectUrl)}");

            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var location = response.Headers.GetValues("Location").Single();
            IsOnSite(location).Should().BeTrue($"'{location}' must stay on the site");
            var signedIn = response.Headers.Contains("Set-Cookie");
            signedIn.Should().Be(sample.useValidToken);
            if (!signedIn)
            {
                location.Should().Be("/");
            }
        }, seed: Seed, iter: Iterations, print: sample => $"{sample.useValidToken} {Printable(sample.guess)} {Printable(sample.redirectUrl)}");
    }

    [Fact]
    public async Task Exchange_never_500_and_answers_200_only_for_a_valid_token()
    {
        var minutes = Gen.OneOf(Gen.Const("5"), Gen.Const("0"), Gen.Const("-1"), Gen.Const("99999999999"), Gen.Const(""), Gen.Int[0, 100_000].Select(value => value.ToString(CultureInfo.InvariantCulture)), RandomText());
        var gen = Gen.Select(Gen.Bool, OneTimeTokenGuess(), minutes, (useValidToken, guess, validFor) => (useValidToken, guess, validFor));
        await gen.SampleAsync(async sample =>
        {
            var token = sample.useValidToken ? await IssueOneTimeTokenAsync() : sample.guess;
            using var response = await SendAsync(HttpMethod.Post, $"/api/sys/users/exchange?token={Uri.EscapeDataString(token)}&validForInMinutes={Uri.EscapeDataString(sample.validFor)}");

            response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                sample.useValidToken.Should().BeTrue($"a guess ({token}) must never be exchanged");
            }
        }, seed: Seed, iter: Iterations, print: sample => $"{sample.useValidToken} {Printable(sample.guess)} {Printable(sample.validFor)}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery)
    {
        Interlocked.Increment(ref _cases);
        using var request = new HttpRequestMessage(method, pathAndQuery);
        return await _server.Client.SendAsync(request);
    }

    private async Task<string> IssueOneTimeTokenAsync() =>
        await _server.Services.GetRequiredService<IOneTimeTokenService>().IssueAsync(Ada);

    /// <summary>
    /// The same header and payload text and the same signature bytes: base64url leaves the low bits of a segment's last
    /// character unused, so one signature has several spellings, all equally valid.
    /// </summary>
    private bool IsEquivalentToValidToken(string token)
    {
        var parts = token.Split('.');
        var valid = _jwt.Split('.');
        return parts.Length == 3 && parts[0] == valid[0] && parts[1] == valid[1]
            && Base64Url.IsValid(parts[2]) && Base64Url.DecodeFromChars(parts[2]).AsSpan().SequenceEqual(Base64Url.DecodeFromChars(valid[2]));
    }

    /// <summary>Where a browser on <c>https://portal.example/app/</c> would go; only that host is on site.</summary>
    private static bool IsOnSite(string location) =>
        location.StartsWith('/')
        && Uri.TryCreate(new Uri("https://portal.example/app/"), location, out var target)
        && target is { Scheme: "https", Host: "portal.example" };

    private static Gen<string> RandomText() => Gen.Frequency(
        (3, Gen.String[0, 40]),
        (3, Gen.Char[HostileCharacters + Base64UrlAlphabet].Array[0, 60].Select(chars => new string(chars))),
        (1, Gen.Char[Base64UrlAlphabet].Array[1000, 5000].Select(chars => new string(chars))));

    private static Gen<string> MutatedToken(string valid)
    {
        var mutation = Gen.OneOf<Func<string, string>>(
            Gen.Select(Gen.Int[0, int.MaxValue], Gen.Char[HostileCharacters + Base64UrlAlphabet], (index, c) => (Func<string, string>)(token => token.Length == 0 ? token : token.Remove(index % token.Length, 1).Insert(index % token.Length, c.ToString()))),
            Gen.Select(Gen.Int[0, int.MaxValue], Gen.Char[HostileCharacters + Base64UrlAlphabet], (index, c) => (Func<string, string>)(token => token.Insert(index % (token.Length + 1), c.ToString()))),
            Gen.Int[0, int.MaxValue].Select(index => (Func<string, string>)(token => token.Length == 0 ? token : token.Remove(index % token.Length, 1))),
            Gen.Int[0, int.MaxValue].Select(length => (Func<string, string>)(token => token[..(length % (token.Length + 1))])),
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Int[0, 7], (segment, index, bit) => (Func<string, string>)(token => FlipBit(token, segment, index, bit))),
            Gen.Int[0, 2].Select(segment => (Func<string, string>)(token => string.Join('.', token.Split('.').Append(token.Split('.')[Math.Min(segment, token.Split('.').Length - 1)])))),
            Gen.Const<Func<string, string>>(token => string.Join('.', token.Split('.').Reverse())));
        return Gen.Frequency(
            (8, mutation.Array[1, 4].Select(mutations => mutations.Aggregate(valid, (token, mutate) => mutate(token)))),
            (1, RandomText()));
    }

    private static string FlipBit(string token, int segment, int index, int bit)
    {
        var parts = token.Split('.');
        if (segment >= parts.Length || !Base64Url.IsValid(parts[segment]) || Base64Url.DecodeFromChars(parts[segment]) is not { Length: > 0 } bytes)
        {
            return token;
        }

        return TestToken.FlipBit(token, segment, index % bytes.Length, bit);
    }

    private Gen<string> QueryString()
    {
        var name = Gen.OneOf(Gen.Const("t"), Gen.Const("T"), Gen.Const("%74"), Gen.Const("t%20"), Gen.Const("token"), Gen.Const("redirectUrl"), Gen.Const(""), RandomText());
        var value = Gen.Frequency(
            (3, Gen.Const(_jwt)),
            (4, MutatedToken(_jwt).Select(Uri.EscapeDataString)),
            (2, RandomText()),
            (1, Gen.Const(string.Empty)));
        var pair = Gen.Frequency(
            (6, Gen.Select(name, value, (n, v) => $"{n}={v}")),
            (1, name));
        return Gen.Frequency(
            (6, pair.Array[0, 5].Select(pairs => string.Join('&', pairs))),
            (1, RandomText()));
    }

    private static Gen<string> OneTimeTokenGuess() => Gen.Frequency(
        (3, Gen.Char["0123456789abcdef"].Array[32].Select(chars => new string(chars))),
        (1, Gen.Char["0123456789abcdefABCDEF"].Array[30, 34].Select(chars => new string(chars))),
        (2, RandomText()));

    private static Gen<string> RedirectUrl() => Gen.Frequency(
        (4, Gen.OneOf(RedirectSeeds.Select(Gen.Const).ToArray())),
        (3, Gen.Select(Gen.OneOf(RedirectSeeds.Select(Gen.Const).ToArray()), Gen.Int[0, int.MaxValue], Gen.Char[HostileCharacters + "/\\:"], (seed, index, c) => seed.Insert(index % (seed.Length + 1), c.ToString()))),
        (2, RandomText()));

    private static string Printable(string value) => value.Length > 200 ? $"{value[..200]}... ({value.Length} chars)" : value;
}
