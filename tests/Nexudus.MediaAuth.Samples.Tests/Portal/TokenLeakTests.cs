using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// Runs every flow of the sample with every log record captured at Trace level, ASP.NET Core's own loggers and
/// HttpLogging included, and the default redaction on. No record, response body or failure may carry a
/// fragment of any token the flows handed out.
/// </summary>
public sealed partial class TokenLeakTests
{
    [Fact]
    public async Task No_log_record_of_the_whole_flow_carries_a_token()
    {
        var failures = new List<Exception>();
        await using var server = await SampleServer.StartAsync(builder =>
        {
            builder.CaptureAllLogs();
            builder.Services.AddHttpLogging(options => options.LoggingFields =
                HttpLoggingFields.RequestPropertiesAndHeaders | HttpLoggingFields.RequestQuery |
                HttpLoggingFields.ResponsePropertiesAndHeaders | HttpLoggingFields.Duration);
            builder.Services.AddSingleton<IStartupFilter>(new StartupMiddleware(app => app.UseHttpLogging()));
            builder.Services.PostConfigure<MediaTokenOptions>(MediaTokenDefaults.AuthenticationScheme, options =>
                options.Events.OnAuthenticationFailed = context =>
                {
                    failures.Add(context.Exception);
                    return Task.CompletedTask;
                });
        });
        var secrets = new List<string>();
        var bodies = new List<string>();

        // Sign in: the bearer and refresh tokens.
        using var signIn = await server.Client.PostAsync("/api/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = DemoData.Ada.Email,
            ["password"] = DemoData.Ada.Password,
        }));
        var signInBody = await signIn.Content.ReadFromJsonAsync<JsonElement>();
        var bearer = signInBody.GetProperty("access_token").GetString()!;
        secrets.Add(bearer);
        secrets.Add(signInBody.GetProperty("refresh_token").GetString()!);

        // Media token: an invoice opens, a tampered token and another customer's invoice do not.
        var jwt = await server.Client.GetMediaTokenAsync(TestHost.Bearer(bearer));
        secrets.Add(jwt);
        using (var pdf = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={jwt}"))
        {
            pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var tampered = TestToken.FlipBit(jwt, segment: 2, byteIndex: 0);
        secrets.Add(tampered);
        bodies.Add(await ExpectAsync(server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={tampered}"), HttpStatusCode.Unauthorized));
        bodies.Add(await ExpectAsync(server.GetAsync($"/api/public/billing/invoices/2001/pdf?t={jwt}"), HttpStatusCode.NotFound));
        bodies.Add(await ExpectAsync(server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={jwt}&t={jwt}"), HttpStatusCode.Unauthorized));

        // One-time token: login, reuse, the server page with its media links.
        var loginToken = await server.IssueOneTimeTokenAsync(bearer);
        secrets.Add(loginToken);
        using var login = await server.RequestLoginAsync(loginToken, "/en/invoices", path: "/en/user/login");
        var cookie = login.SignInCookie()!;
        secrets.Add(cookie.Split('=', 2)[1]);
        using (var reused = await server.RequestLoginAsync(loginToken, "/en/invoices"))
        {
            reused.SignInCookie().Should().BeNull();
        }

        using (var page = await server.GetWithCookieAsync("/en/invoices", cookie))
        {
            var pageToken = MediaLink().Match(await page.Content.ReadAsStringAsync()).Groups["jwt"].Value;
            pageToken.Should().NotBeEmpty();
            secrets.Add(pageToken);
        }

        // One-time token: exchange, reuse, a malformed token.
        var exchangeToken = await server.IssueOneTimeTokenAsync(bearer);
        secrets.Add(exchangeToken);
        using (var exchange = await server.ExchangeAsync(exchangeToken))
        {
            var exchanged = await exchange.Content.ReadFromJsonAsync<JsonElement>();
            secrets.Add(exchanged.GetProperty("token").GetString()!);
            secrets.Add(exchanged.GetProperty("refresh_token").GetString()!);
        }

        bodies.Add(await ExpectAsync(server.ExchangeAsync(exchangeToken), HttpStatusCode.Unauthorized));
        bodies.Add(await ExpectAsync(server.ExchangeAsync(exchangeToken.ToUpperInvariant()), HttpStatusCode.Unauthorized));

        // An expired media token.
        server.Time.Advance(TimeSpan.FromMinutes(10));
        bodies.Add(await ExpectAsync(server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={jwt}"), HttpStatusCode.Unauthorized));

        var allSecrets = secrets.WithParts().ToArray();
        var records = server.Services.GetFakeLogCollector().GetSnapshot();
        records.FindLeak(allSecrets).Should().BeNull();
        bodies.Should().OnlyContain(body => TokenLeaks.FindFragment(body, allSecrets) == null, "problem details must not echo a token");
        failures.Should().HaveCount(3).And.OnlyContain(failure => TokenLeaks.FindFragment(failure.ToString(), allSecrets) == null);

        // The capture saw what it had to see: hosting and HttpLogging records of the token requests, the library's own
        // rejection and refusal records, at every level down to Trace.
        records.Should().Contain(record => record.Category == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && record.Message.StartsWith("Request starting HTTP/1.1 GET http://localhost/api/public/billing/invoices/1001/pdf?t=[Redacted]", StringComparison.Ordinal));
        records.Should().Contain(record => record.Category == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && record.Message.StartsWith("Request starting HTTP/1.1 POST http://localhost/api/sys/users/exchange?token=[Redacted]", StringComparison.Ordinal));
        records.Should().Contain(record => record.Category == "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware"
            && record.GetStructuredStateValue("QueryString") == "?server=true&t=[Redacted]&redirectUrl=%2Fen%2Finvoices");
        records.Should().Contain(record => record.Id.Name == "MediaTokenRejected");
        records.Should().Contain(record => record.Id.Name == "OneTimeTokenRefused");
        records.Should().Contain(record => record.Level == LogLevel.Trace);
    }

    /// <summary>
    /// The authentication handler logs each failure's message (<c>Failure message: ...</c>). The validator fails with
    /// its own exceptions, whose messages are fixed sentences. IdentityModel's messages, which carry token content once
    /// a host turns <c>IdentityModelEventSource.ShowPII</c> on, never reach that log.
    /// </summary>
    [Fact]
    public async Task Failures_the_handler_logs_are_the_validators_fixed_sentences()
    {
        Exception? failure = null;
        await using var server = await SampleServer.StartAsync(builder =>
            builder.Services.PostConfigure<MediaTokenOptions>(MediaTokenDefaults.AuthenticationScheme, options =>
                options.Events.OnAuthenticationFailed = context =>
                {
                    failure = context.Exception;
                    return Task.CompletedTask;
                }));
        var badSignature = TestToken.FlipBit(TestToken.Create(server.Time.GetUtcNow()), segment: 2, byteIndex: 0);

        using var response = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={badSignature}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        failure.Should().BeOfType<Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException>();
        failure!.Message.Should().Be("The token's signature is invalid.");
        failure.InnerException.Should().BeNull();
    }

    private static async Task<string> ExpectAsync(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        response.StatusCode.Should().Be(status);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("pdf\\?t=(?<jwt>[A-Za-z0-9_.-]+)")]
    private static partial Regex MediaLink();
}
