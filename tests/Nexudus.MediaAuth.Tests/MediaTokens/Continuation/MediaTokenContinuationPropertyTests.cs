using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Continuation;
using Nexudus.MediaAuth.MediaTokens.Validation;
using Nexudus.MediaAuth.Tests.Infrastructure;
using Nexudus.MediaAuth.Tests.Security;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Continuation;

/// <summary>
/// SECURITY.md's "What a continuation satisfies", for any customer, path, disposition, expiry and opening token: a
/// continuation the scheme's own key signed proves what it was granted for, at its path, until its expiry, recognises
/// the token that opened the file and no other, and no change to a character of its value makes it prove anything else.
/// </summary>
/// <remarks>
/// Runs <see cref="TrustedKeyPropertyTests.Iterations"/> cases; <c>MEDIAAUTH_PROPERTY_ITERATIONS</c> and
/// <c>MEDIAAUTH_PROPERTY_SEED</c> apply as there.
/// </remarks>
public sealed class MediaTokenContinuationPropertyTests : IAsyncLifetime
{
    private const string Base64UrlAndDot = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    private static readonly Endpoint ContinuationEndpoint = new(null, new EndpointMetadataCollection(MediaTokenContinuationMetadata.Instance), "file");

    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartMediaTokenHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void A_continuation_proves_what_it_was_granted_for_and_nothing_else()
    {
        var scheme = MediaTokenDefaults.AuthenticationScheme;
        var lifetime = _host.MediaTokenOptions.ContinuationLifetime;
        var validator = _host.Validator;
        var now = _host.Now;
        var cases =
            from customer in Gen.String[Gen.Char["0123456789abcXYZ-_ .@éß漢字Ωж\n"], 1, 40]
            from path in Gen.String[Gen.Char["abcxyz019/-_.~ é漢%\n"], 0, 60]
            from disposition in Gen.Int[0, 2]
            from secondsLeft in Gen.Int[-60, 300]
            from token in Gen.String[Gen.Char[Base64UrlAndDot], 1, 400]
            from otherToken in Gen.String[Gen.Char[Base64UrlAndDot], 1, 400]
            from position in Gen.Int[0, int.MaxValue]
            from replacement in Gen.Char[Base64UrlAndDot]
            select (Customer: customer, Path: "/" + path, Disposition: (MediaTokenDisposition)disposition, SecondsLeft: secondsLeft, Token: token, OtherToken: otherToken, Position: position, Replacement: replacement);

        cases.Sample(sample =>
        {
            var granted = new ValidatedMediaToken(
                sample.Customer, now.ToUnixTimeSeconds() - 10, now.ToUnixTimeSeconds() + sample.SecondsLeft, TestKeys.Hmac, Resource: null, sample.Disposition);
            var opened = Request(sample.Path);
            MediaTokenContinuation.Grant(opened, scheme, lifetime, TestKeys.HmacCredentials, granted, sample.Token);
            var setCookie = SetCookieHeaderValue.Parse(opened.Response.Headers.SetCookie.ToString());
            var cookie = setCookie.Value.ToString();
            var expires = granted.Expires + (long)lifetime.TotalSeconds;
            ValidatedMediaToken? Authenticate(string value, string path, DateTimeOffset at) =>
                MediaTokenContinuation.Authenticate(Request(path), scheme, value, TestKeys.HmacCredentials, validator, at);

            setCookie.Name.ToString().Should().Be(MediaTokenContinuationCookie.Name(scheme, sample.Path));
            var proved = Authenticate(cookie, sample.Path, now);
            proved.Should().NotBeNull();
            (proved!.Subject, proved.Disposition, proved.Expires, proved.Resource).Should().Be((sample.Customer, sample.Disposition, expires, sample.Path));

            MediaTokenContinuation.WasOpenedBy(cookie, sample.Token).Should().BeTrue();
            MediaTokenContinuation.WasOpenedBy(cookie, sample.OtherToken).Should().Be(sample.OtherToken == sample.Token);
            Authenticate(cookie, sample.Path + "x", now).Should().BeNull("another path is another file");
            Authenticate(cookie, sample.Path, DateTimeOffset.FromUnixTimeSeconds(expires)).Should().NotBeNull("the last second is in");
            Authenticate(cookie, sample.Path, DateTimeOffset.FromUnixTimeSeconds(expires + 1)).Should().BeNull("the continuation has ended");

            // Every field is signed as the cookie carries it, so any changed character is refused.
            var index = sample.Position % cookie.Length;
            if (cookie[index] != sample.Replacement)
            {
                var changed = string.Concat(cookie.AsSpan(0, index), [sample.Replacement], cookie.AsSpan(index + 1));
                Authenticate(changed, sample.Path, now).Should().BeNull($"character {index} changed to '{sample.Replacement}'");
            }
        }, seed: TrustedKeyPropertyTests.Seed, iter: TrustedKeyPropertyTests.Iterations, print: sample => sample.ToString());
    }

    [Fact]
    public void A_line_break_moved_between_the_customer_id_and_the_path_breaks_the_signature()
    {
        var scheme = MediaTokenDefaults.AuthenticationScheme;
        var now = _host.Now;
        var opened = Request("/x\n/y");
        var granted = new ValidatedMediaToken("42", now.ToUnixTimeSeconds(), now.ToUnixTimeSeconds() + 60, TestKeys.Hmac, Resource: null, MediaTokenDisposition.Unspecified);
        MediaTokenContinuation.Grant(opened, scheme, _host.MediaTokenOptions.ContinuationLifetime, TestKeys.HmacCredentials, granted, "a.b.c");
        var fields = SetCookieHeaderValue.Parse(opened.Response.Headers.SetCookie.ToString()).Value.ToString().Split('.');
        fields[4] = MediaTokenContinuationCookie.EncodeText("42\n/x");

        var moved = MediaTokenContinuation.Authenticate(Request("/y"), scheme, string.Join('.', fields), TestKeys.HmacCredentials, _host.Validator, now);

        moved.Should().BeNull("customer \"42\" at /x\\n/y and customer \"42\\n/x\" at /y are different continuations");
    }

    private static DefaultHttpContext Request(string path)
    {
        var context = new DefaultHttpContext { Request = { Path = new PathString(path) } };
        context.SetEndpoint(ContinuationEndpoint);
        return context;
    }
}
