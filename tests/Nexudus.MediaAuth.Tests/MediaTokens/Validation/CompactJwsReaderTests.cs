using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.MediaTokens.Validation;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Validation;

/// <summary>
/// The compact-JWS reader on its own: what it reads from a token and what it refuses, before any check of the
/// validator. The validator's verdicts on the same shapes are pinned over HTTP by HostileMediaTokenTests.
/// </summary>
public sealed class CompactJwsReaderTests
{
    private const string Header = """{"alg":"HS256","typ":"media+jwt","kid":"hmac-1"}""";
    private const string Claims = """{"iss":"nexudus","aud":"media","sub":"42","iat":1700000000,"nbf":1700000000,"exp":1700000300,"res":"/files/a.pdf","disp":"inline"}""";

    private static readonly string Signature = TestToken.Segment("signature");

    [Fact]
    public void Reads_the_header_and_claims_of_a_token()
    {
        var read = Read($"{TestToken.Segment(Header)}.{TestToken.Segment(Claims)}.{Signature}");

        read.Should().Be(new ReadToken(
            "HS256", "media+jwt", "hmac-1", "nexudus", ["media"], "42", 1700000000, 1700000000, 1700000300, "/files/a.pdf", "signature", "inline"));
    }

    [Fact]
    public void Reads_missing_members_as_absent_and_ignores_members_it_does_not_read()
    {
        var read = Read(Token("""{"alg":"HS256","jku":"https://x","jku":"again"}""", """{"jti":"a","jti":"b","name":{"nested":[1,2]}}"""));

        read.Should().Be(new ReadToken("HS256", null, null, null, [], null, null, null, null, null, "signature"));
    }

    [Fact]
    public void Reads_an_array_audience_and_escaped_strings()
    {
        var read = Read(Token("""{"alg":"HS256","kid":"hmac\u002d1"}""", """{"aud":["other","me\u0064ia"],"sub":"\u0034\u0032"}"""));

        read.KeyId.Should().Be("hmac-1");
        read.Subject.Should().Be("42");
        read.Audiences.Should().Equal("media", "other");
    }

    [Fact]
    public void Allows_whitespace_around_the_json_but_nothing_else_after_it()
    {
        Read(Token(" \n{\"alg\":\"HS256\"}\r\n\t ", Claims)).Algorithm.Should().Be("HS256");

        Refusal(Token("""{"alg":"HS256"} x""", Claims)).Should().Be(Stage.Header);
        Refusal(Token("""{"alg":"HS256"}{}""", Claims)).Should().Be(Stage.Header);
        Refusal(Token(Header, Claims + "null")).Should().Be(Stage.Claims);
        Refusal(Token(Header, Claims[..^1])).Should().Be(Stage.Claims);
    }

    [Theory]
    [InlineData("{h}")]
    [InlineData("{h}.{c}")]
    [InlineData("{h}.{c}.{s}.{s}")]
    [InlineData("{h}.{c}.{s}.")]
    [InlineData(".{c}.{s}")]
    [InlineData("{h}..{s}")]
    [InlineData("..")]
    public void Refuses_anything_but_three_parts(string shape) =>
        Refusal(shape.Replace("{h}", TestToken.Segment(Header)).Replace("{c}", TestToken.Segment(Claims)).Replace("{s}", Signature))
            .Should().Be(Stage.Split);

    [Theory]
    [InlineData("+")]
    [InlineData("/")]
    [InlineData("=")]
    [InlineData(" ")]
    [InlineData("%2D")]
    [InlineData("é")]
    [InlineData("\0")]
    public void Refuses_characters_outside_base64url(string character) =>
        Refusal($"{TestToken.Segment(Header)}.{TestToken.Segment(Claims)}.{Signature}{character}").Should().Be(Stage.Alphabet);

    [Fact]
    public void Refuses_padding()
    {
        var padded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Header + " "));
        padded.Should().EndWith("=");

        Refusal($"{padded}.{TestToken.Segment(Claims)}.{Signature}").Should().Be(Stage.Alphabet);
    }

    [Theory]
    [InlineData("A.{c}.{s}", Stage.Split)]
    [InlineData("{h}.A.{s}", Stage.Split)]
    [InlineData("{h}.{c}.A", Stage.Signature)]
    public void Refuses_a_part_that_does_not_decode(string shape, Stage stage) =>
        Refusal(shape.Replace("{h}", TestToken.Segment(Header)).Replace("{c}", TestToken.Segment(Claims)).Replace("{s}", Signature))
            .Should().Be(stage);

    [Fact]
    public void Refuses_json_that_is_not_utf8() =>
        Refusal($"{Encode([0x7B, 0xFF, 0x7D])}.{TestToken.Segment(Claims)}.{Signature}").Should().Be(Stage.Split);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"alg\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{\"alg\":\"HS256\"")]
    [InlineData("{'alg':'HS256'}")]
    public void Refuses_json_that_is_not_one_object(string json)
    {
        Refusal(Token(json, Claims)).Should().Be(Stage.Header);
        Refusal(Token(Header, json)).Should().Be(Stage.Claims);
    }

    [Theory]
    [InlineData("alg", "\"HS256\"")]
    [InlineData("typ", "\"media+jwt\"")]
    [InlineData("kid", "\"hmac-1\"")]
    [InlineData("\\u0061lg", "\"HS256\"")]
    public void Refuses_a_header_member_it_reads_twice(string name, string value) =>
        Refusal(Token($$"""{"alg":"HS256","typ":"media+jwt","kid":"hmac-1","{{name}}":{{value}}}""", Claims)).Should().Be(Stage.Header);

    [Theory]
    [InlineData("iss", "\"nexudus\"")]
    [InlineData("aud", "[\"media\"]")]
    [InlineData("sub", "\"42\"")]
    [InlineData("iat", "1700000000")]
    [InlineData("nbf", "1700000000")]
    [InlineData("exp", "1700000300")]
    [InlineData("res", "\"/files/a.pdf\"")]
    [InlineData("disp", "\"attachment\"")]
    [InlineData("s\\u0075b", "\"43\"")]
    public void Refuses_a_claim_it_reads_twice(string name, string value) =>
        Refusal(Token(Header, $$"""{{Claims[..^1]}},"{{name}}":{{value}}}""")).Should().Be(Stage.Claims);

    [Theory]
    [InlineData("\"alg\":1")]
    [InlineData("\"typ\":null")]
    [InlineData("\"kid\":[\"hmac-1\"]")]
    [InlineData("\"crit\":[\"exp\"]")]
    [InlineData("\"crit\":[]")]
    [InlineData("\"crit\":null")]
    public void Refuses_a_header_member_of_the_wrong_type_and_crit(string member) =>
        Refusal(Token($$"""{"alg":"HS256",{{member}}}""", Claims)).Should().Be(Stage.Header);

    [Theory]
    [InlineData("\"iss\":1")]
    [InlineData("\"aud\":1")]
    [InlineData("\"aud\":[\"media\",1]")]
    [InlineData("\"aud\":[[\"media\"]]")]
    [InlineData("\"aud\":{}")]
    [InlineData("\"sub\":42")]
    [InlineData("\"res\":null")]
    [InlineData("\"disp\":1")]
    [InlineData("\"disp\":null")]
    [InlineData("\"disp\":[\"inline\"]")]
    public void Refuses_a_claim_of_the_wrong_type(string member) =>
        Refusal(Token(Header, $$"""{{{member}}}""")).Should().Be(Stage.Claims);

    [Theory]
    [InlineData("\"1700000300\"")]
    [InlineData("1700000300.5")]
    [InlineData("1700000300.0")]
    [InlineData("1.7e9")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("1e400")]
    [InlineData("null")]
    [InlineData("true")]
    public void Refuses_times_that_are_not_integers(string value)
    {
        foreach (var claim in new[] { "exp", "iat", "nbf" })
        {
            Refusal(Token(Header, $$"""{"{{claim}}":{{value}}}""")).Should().Be(Stage.Claims, "{0} is {1}", claim, value);
        }
    }

    [Fact]
    public void Reads_the_extreme_integer_times()
    {
        var read = Read(Token(Header, """{"iat":-9223372036854775808,"nbf":0,"exp":9223372036854775807}"""));

        (read.IssuedAt, read.NotBefore, read.Expires).Should().Be((long.MinValue, 0L, long.MaxValue));
    }

    [Fact]
    public void Leaves_an_undecodable_escape_to_the_use_of_the_value()
    {
        // Utf8JsonReader accepts a lone escaped surrogate while reading and throws only when the value is used: the
        // validator uses every value before it judges any, so such a token is malformed whatever else is wrong with it.
        var token = Encoding.ASCII.GetBytes(Token(Header, """{"sub":"\uD800","aud":["nexudus-media","\uD800nexudus-media"]}"""));
        var decoded = new byte[token.Length];
        CompactJwsReader.TrySplit(token, decoded, out var jws).Should().BeTrue();
        CompactJwsReader.TryReadClaims(jws.Claims, out var claims).Should().BeTrue();
        var subjectThrew = false;
        var audienceThrew = false;

        try
        {
            claims.Subject.GetString();
        }
        catch (InvalidOperationException)
        {
            subjectThrew = true;
        }

        try
        {
            claims.Audience.Contains(Encoding.UTF8.GetBytes(MediaTokenDefaults.Audience));
        }
        catch (InvalidOperationException)
        {
            audienceThrew = true;
        }

        (subjectThrew, audienceThrew).Should().Be((true, true));
    }

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha256)]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    [InlineData(SecurityAlgorithms.EcdsaSha256)]
    public async Task Reads_the_issuers_tokens_into_exactly_the_claims_it_wrote(string algorithm)
    {
        SecurityKey key = algorithm switch
        {
            SecurityAlgorithms.HmacSha256 => TestKeys.Hmac,
            SecurityAlgorithms.RsaSha256 => TestKeys.Rsa,
            _ => TestKeys.Ecdsa,
        };
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.SigningCredentials = new SigningCredentials(key, algorithm));
        var options = host.Services.GetRequiredService<IOptionsMonitor<MediaTokenOptions>>().Get(MediaTokenDefaults.AuthenticationScheme);
        var issuer = host.Services.GetRequiredService<IMediaTokenIssuer>();
        var customer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(options.CustomerIdClaimType, "42")], "test"));
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds();
        var expires = now + (long)options.TokenLifetime.TotalSeconds;

        foreach (var resource in new string?[] { null, "/files/a b/ü.pdf" })
        {
            var token = resource is null ? issuer.IssueToken(customer) : issuer.IssueToken(customer, new PathString(resource), MediaTokenDisposition.Attachment);

            Read(token).Should().Be(new ReadToken(
                algorithm, MediaTokenDefaults.TokenType, key.KeyId, options.Issuer, [options.Audience], "42", now, now, expires, resource, Signature: null,
                Disposition: resource is null ? null : "attachment"));

            // Nothing the issuer wrote escapes the reader but the random jti, which no check reads.
            var jwt = new JsonWebToken(token);
            HeaderNames(jwt).Should().BeSubsetOf(["alg", "typ", "kid"]);
            jwt.Claims.Select(claim => claim.Type).Distinct().Should().BeSubsetOf(["iss", "aud", "sub", "iat", "nbf", "exp", "res", "disp", "jti"]);
        }
    }

    private static IEnumerable<string> HeaderNames(JsonWebToken jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedHeader))
            .RootElement.EnumerateObject().Select(member => member.Name);

    private static string Token(string headerJson, string claimsJson) => $"{TestToken.Segment(headerJson)}.{TestToken.Segment(claimsJson)}.{Signature}";

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    private static Stage? Refusal(string token) => Read(token, out _);

    private static ReadToken Read(string token)
    {
        Read(token, out var read).Should().BeNull("the reader reads {0}", token);
        return read!;
    }

    /// <summary>Reads a token step by step as the validator does; the step that refused it, or null.</summary>
    private static Stage? Read(string token, out ReadToken? read)
    {
        read = null;
        var ascii = new byte[token.Length];
        var decoded = new byte[token.Length];
        if (!CompactJwsReader.TryGetAscii(token, ascii))
        {
            return Stage.Alphabet;
        }

        if (!CompactJwsReader.TrySplit(ascii, decoded, out var jws))
        {
            return Stage.Split;
        }

        var signature = new byte[jws.SignatureLength];
        if (!jws.TryDecodeSignature(signature))
        {
            return Stage.Signature;
        }

        if (!CompactJwsReader.TryReadHeader(jws.Header, out var header))
        {
            return Stage.Header;
        }

        if (!CompactJwsReader.TryReadClaims(jws.Claims, out var claims))
        {
            return Stage.Claims;
        }

        Encoding.ASCII.GetString(ascii, 0, jws.SigningInputLength).Should().Be(token[..token.LastIndexOf('.')]);
        read = new ReadToken(
            header.Algorithm.GetString(),
            header.Type.GetString(),
            header.KeyId.GetString(),
            claims.Issuer.GetString(),
            Audiences(claims.Audience),
            claims.Subject.GetString(),
            claims.IssuedAt,
            claims.NotBefore,
            claims.Expires,
            claims.Resource.GetString(),
            // The issuer's signatures are compared by the validator's tests; the hand-made ones here by their text.
            signature.AsSpan().SequenceEqual("signature"u8) ? "signature" : null,
            claims.Disposition.GetString());
        return null;
    }

    /// <summary>The audiences a claims set names, found by asking the reader about every candidate it could hold.</summary>
    private static List<string> Audiences(JwsAudience audience)
    {
        var audiences = new List<string>();
        foreach (var candidate in new[] { "media", "other", MediaTokenDefaults.Audience })
        {
            if (audience.Contains(Encoding.UTF8.GetBytes(candidate)))
            {
                audiences.Add(candidate);
            }
        }

        return audiences;
    }

    public enum Stage
    {
        Alphabet,
        Split,
        Signature,
        Header,
        Claims,
    }

    private sealed record ReadToken(
        string? Algorithm,
        string? Type,
        string? KeyId,
        string? Issuer,
        List<string> Audiences,
        string? Subject,
        long? IssuedAt,
        long? NotBefore,
        long? Expires,
        string? Resource,
        string? Signature,
        string? Disposition = null)
    {
        public bool Equals(ReadToken? other) =>
            other is not null
            && (Algorithm, Type, KeyId, Issuer, Subject, IssuedAt, NotBefore, Expires, Resource, Signature, Disposition)
                == (other.Algorithm, other.Type, other.KeyId, other.Issuer, other.Subject, other.IssuedAt, other.NotBefore, other.Expires, other.Resource, other.Signature, other.Disposition)
            && Audiences.SequenceEqual(other.Audiences);

        public override int GetHashCode() => HashCode.Combine(Algorithm, Subject, Expires);
    }
}
