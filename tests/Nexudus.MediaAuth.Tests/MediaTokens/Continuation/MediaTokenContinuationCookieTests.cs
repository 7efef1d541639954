using Microsoft.Extensions.Primitives;
using Nexudus.MediaAuth.MediaTokens.Continuation;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Continuation;

/// <summary>
/// The continuation's value is found in the <c>Cookie</c> header as <c>Request.Cookies</c> would find it, without
/// building the collection.
/// </summary>
public sealed class MediaTokenContinuationCookieTests
{
    [Theory]
    [InlineData("mtc_a=v", "v")]
    [InlineData("x=1; mtc_a=v; y=2", "v")]
    [InlineData("x=1;mtc_a=v;y=2", "v")]
    [InlineData("  mtc_a=v  ", "v")]
    [InlineData("mtc_ab=w; mtc_a=v", "v")]
    [InlineData("xmtc_a=w; mtc_a=v", "v")]
    [InlineData("mtc_a=v; mtc_a=w", "v")]
    [InlineData("mtc_a=", "")]
    [InlineData("mtc_a", "")]
    [InlineData("mtc_ab=w", "")]
    [InlineData("x=mtc_a=w", "")]
    [InlineData("", "")]
    public void Finds_the_first_cookie_of_that_name(string header, string expected) =>
        MediaTokenContinuationCookie.Find(header, "mtc_a").ToString().Should().Be(expected);

    [Fact]
    public void Finds_the_cookie_in_any_of_several_headers() =>
        MediaTokenContinuationCookie.Find(new StringValues(["x=1", "y=2; mtc_a=v"]), "mtc_a").ToString().Should().Be("v");

    [Fact]
    public void Names_differ_per_path_and_scheme()
    {
        MediaTokenContinuationCookie.Name("MediaToken", "/files/a").Should().NotBe(MediaTokenContinuationCookie.Name("MediaToken", "/files/b"));
        MediaTokenContinuationCookie.Name("MediaToken", "/files/a").Should().NotBe(MediaTokenContinuationCookie.Name("Other", "/files/a"));
    }

    [Fact]
    public void Name_and_fingerprint_are_fixed_values()
    {
        // Computed independently (FNV-1a over little-endian 64-bit words of UTF-16, then base64url): a hash that changed
        // between versions or instances would orphan every cookie set before an upgrade or by another instance.
        MediaTokenContinuationCookie.Name("MediaToken", "/files/a").Should().Be("mtc_6RDETD8AIes");
        MediaTokenContinuationCookie.TokenFingerprint("eyJhbGciOiJIUzI1NiJ9.e30.c2ln").Should().Be("fWwbPh-sE9I");
    }
}
