using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.Redaction;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Redaction;

/// <summary>
/// Registering a media token scheme or one-time tokens keeps token values out of what ASP.NET Core records about a
/// request, while the application still reads them; <see cref="TokenQueryRedactionOptions.Enabled"/> turns it off.
/// </summary>
public sealed class QueryRedactionTests
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const int DataProtectionHeaderLength = 28;

    [Fact]
    public async Task A_host_that_only_registers_the_scheme_logs_no_token()
    {
        await using var host = await StartBareMediaTokenHostAsync();
        var jwt = TestToken.Create(host.Time.GetUtcNow());

        using var media = await host.Client.GetAsync($"/media?t={jwt}");

        media.StatusCode.Should().Be(HttpStatusCode.OK, "the handler read the real token");
        var logs = await host.Services.WaitForLogAsync(record => record.Message.StartsWith("Request finished HTTP/1.1 GET http://localhost/media?", StringComparison.Ordinal));
        var hosting = logs.Where(record => record.Category == HostingCategory).ToArray();
        hosting.Select(record => record.Message).Should().Contain("Request starting HTTP/1.1 GET http://localhost/media?t=[Redacted] - - -");
        hosting.FindLeak(new[] { jwt }.WithParts().ToArray()).Should().BeNull();
    }

    [Fact]
    public async Task A_host_that_turns_redaction_off_logs_the_token()
    {
        await using var host = await StartBareMediaTokenHostAsync(builder =>
            builder.Services.Configure<TokenQueryRedactionOptions>(options => options.Enabled = false));
        var jwt = TestToken.Create(host.Time.GetUtcNow());

        using var media = await host.Client.GetAsync($"/media?t={jwt}");

        media.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Services.GetFakeLogCollector().GetSnapshot()
            .Should().Contain(record => record.Category == HostingCategory && record.Message.Contains(jwt, StringComparison.Ordinal),
                "the opt-out gives the host the raw query back, and this is the leak the redaction exists for");
    }

    [Fact]
    public async Task W3C_logging_writes_the_query_redacted()
    {
        var directory = Directory.CreateTempSubdirectory("w3c-").FullName;
        try
        {
            await using var server = await StartRedactingServerAsync(builder =>
            {
                builder.Services.AddW3CLogging(options =>
                {
                    options.LogDirectory = directory;
                    options.FlushInterval = TimeSpan.FromMilliseconds(10);
                    options.LoggingFields = W3CLoggingFields.UriStem | W3CLoggingFields.UriQuery | W3CLoggingFields.ProtocolStatus;
                });
                builder.Services.AddSingleton<IStartupFilter>(new StartupMiddleware(app => app.UseW3CLogging()));
            });
            var jwt = await server.MintPortalMediaTokenAsync();

            using var pdf = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?download=1&t={jwt}");

            pdf.StatusCode.Should().Be(HttpStatusCode.OK);
            var lines = await ReadW3CLogAsync(directory, "/api/public/billing/invoices/1001/pdf ");
            lines.Should().Contain("/api/public/billing/invoices/1001/pdf ?download=1&t=[Redacted] 200");
            TokenLeaks.FindFragment(string.Join('\n', lines), new[] { jwt }.WithParts()).Should().BeNull();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The W3C log's lines once one starts with <paramref name="expectedStart"/>: the logger writes its file from a
    /// background loop, and stopping the host does not flush it.
    /// </summary>
    private static async Task<string[]> ReadW3CLogAsync(string directory, string expectedStart)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var lines = Directory.GetFiles(directory)
                .SelectMany(file => File.ReadAllLines(file))
                .ToArray();
            if (lines.Any(line => line.StartsWith(expectedStart, StringComparison.Ordinal)))
            {
                return lines;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }

    [Fact]
    public async Task Kestrel_keeps_reusing_the_HttpContext_of_a_connection_with_redaction_on()
    {
        var contexts = new ConcurrentQueue<HttpContext>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.MapGet("/media", (HttpContext context) =>
        {
            contexts.Enqueue(context);
            return "media";
        }).RequireMediaToken();
        await app.StartAsync();
        var jwt = TestToken.Create(DateTimeOffset.UtcNow);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        for (var request = 0; request < 3; request++)
        {
            using var media = await client.GetAsync($"/media?t={jwt}");
            media.StatusCode.Should().Be(HttpStatusCode.OK, "the handler read the real token");
        }

        app.Services.GetRequiredService<IHttpContextFactory>().Should().BeOfType<DefaultHttpContextFactory>(
            "the hosting layer pools HttpContexts only with its own factory");
        contexts.Distinct().Should().ContainSingle("the requests of one keep-alive connection share one pooled HttpContext");
    }

    [Fact]
    public async Task Hosting_logs_write_every_token_parameter_redacted_while_the_endpoints_read_the_real_values()
    {
        await using var server = await StartRedactingServerAsync();
        var bearer = server.PortalCustomerToken();
        var jwt = await server.Client.GetMediaTokenAsync(TestHost.Bearer(bearer));
        var loginToken = await server.IssueOneTimeTokenAsync(bearer);
        var exchangeToken = await server.IssueOneTimeTokenAsync(bearer);

        using var pdf = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?T={jwt}");
        using var login = await server.RequestLoginAsync(loginToken, "/en/invoices");
        using var exchange = await server.ExchangeAsync(exchangeToken);

        pdf.StatusCode.Should().Be(HttpStatusCode.OK, "the handler read the real token");
        login.SignInCookie().Should().NotBeNull("the login endpoint read the real token");
        exchange.StatusCode.Should().Be(HttpStatusCode.OK, "the exchange endpoint read the real token");

        const string PdfFinished = "Request finished HTTP/1.1 GET http://localhost/api/public/billing/invoices/1001/pdf?T=[Redacted] - 200";
        var logs = await server.Services.WaitForLogAsync(record => record.Message.StartsWith(PdfFinished, StringComparison.Ordinal));
        var hosting = logs.Where(record => record.Category == HostingCategory).ToArray();
        hosting.Select(record => record.Message).Should().Contain(
        [
            "Request starting HTTP/1.1 GET http://localhost/api/public/billing/invoices/1001/pdf?T=[Redacted] - - -",
            "Request starting HTTP/1.1 GET http://localhost/user/login?server=true&t=[Redacted]&redirectUrl=%2Fen%2Finvoices - - -",
            "Request starting HTTP/1.1 POST http://localhost/api/sys/users/exchange?token=[Redacted]&validForInMinutes=1440 - - -",
        ]);
        hosting.Should().Contain(record => record.Message.StartsWith(PdfFinished, StringComparison.Ordinal));
        hosting.Where(record => record.GetStructuredStateValue("Path") == "/api/public/billing/invoices/1001/pdf")
            .Select(record => record.GetStructuredStateValue("QueryString"))
            .Should().HaveCount(2).And.OnlyContain(query => query == "?T=[Redacted]", "the structured values of both the starting and the finished record are redacted");
        hosting.FindLeak(new[] { jwt, loginToken, exchangeToken }.WithParts().ToArray()).Should().BeNull();
    }

    [Fact]
    public async Task HttpLogging_writes_the_query_redacted()
    {
        await using var server = await StartRedactingServerAsync(builder =>
        {
            builder.Services.AddHttpLogging(options => options.LoggingFields = HttpLoggingFields.RequestQuery | HttpLoggingFields.RequestPath);
            builder.Services.AddSingleton<IStartupFilter>(new StartupMiddleware(app => app.UseHttpLogging()));
        });
        var jwt = await server.MintPortalMediaTokenAsync();

        using var pdf = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?download=1&t={jwt}");

        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        var request = server.Services.GetFakeLogCollector().GetSnapshot()
            .Single(record => record.Category == "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware"
                && record.GetStructuredStateValue("Path") == "/api/public/billing/invoices/1001/pdf");
        request.GetStructuredStateValue("QueryString").Should().Be("?download=1&t=[Redacted]");
        request.Message.Should().NotContain(jwt);
    }

    [Fact]
    public async Task HttpLogging_never_writes_the_bodies_of_the_token_endpoints()
    {
        await using var server = await StartRedactingServerAsync(builder =>
        {
            builder.Services.AddHttpLogging(options => options.LoggingFields = HttpLoggingFields.All);
            builder.Services.AddSingleton<IStartupFilter>(new StartupMiddleware(app => app.UseHttpLogging()));
        });
        var bearer = server.PortalCustomerToken();
        var jwt = await server.Client.GetMediaTokenAsync(TestHost.Bearer(bearer));
        var oneTimeToken = await server.IssueOneTimeTokenAsync(bearer);
        using var exchange = await server.ExchangeAsync(oneTimeToken);
        var exchanged = await exchange.Content.ReadAsStringAsync();
        (await server.GetAsync(TestHost.FilesPath, bearer)).Dispose();

        var records = server.Services.GetFakeLogCollector().GetSnapshot();
        records.Should().Contain(record => record.Message.Contains($"{System.Security.Claims.ClaimTypes.Name}=Ada Lovelace", StringComparison.Ordinal),
            "the control: HttpLogging writes response bodies, here the host's own API response");
        var issued = new[] { jwt, oneTimeToken }
            .Concat(System.Text.Json.JsonDocument.Parse(exchanged).RootElement.EnumerateObject()
                .Where(property => property.Name is "token" or "refresh_token" && property.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                // Every Data Protection payload starts with the same magic header and key id, which other
                // protected values share.
                .Select(property => property.Value.GetString()![DataProtectionHeaderLength..]));
        records.FindLeak(issued.WithParts().ToArray()).Should().BeNull();
    }

    [Theory]
    [InlineData("/user/login")]
    [InlineData("/en/user/login")]
    [InlineData("/USER/LOGIN")]
    [InlineData("/user/login/")]
    public async Task HttpLogging_never_writes_the_confirm_page_nor_its_post_and_still_writes_other_posted_forms(string loginPath)
    {
        await using var server = await StartRedactingServerAsync(builder =>
        {
            builder.Services.AddHttpLogging(options =>
            {
                options.LoggingFields = HttpLoggingFields.All;
                // A host that wants its posted forms in the log; HttpLogging writes only JSON, XML and text by default.
                options.MediaTypeOptions.AddText("application/x-www-form-urlencoded");
            });
            builder.Services.AddSingleton<IStartupFilter>(new StartupMiddleware(app =>
            {
                app.UseHttpLogging();
                app.Map("/feedback", feedback => feedback.Run(async context =>
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                }));
            }));
        });
        var token = await OneTimeTokens.ConfirmLoginTests.IssueForEmailAsync(server);
        var feedback = $"note={Guid.NewGuid():N}";

        using var page = await server.RequestLoginAsync(token, "/en/invoices", loginPath);
        using var post = await OneTimeTokens.ConfirmLoginTests.PostAsync(server, token, "/en/invoices", sameOrigin: true, path: loginPath);
        using var control = await server.Client.PostAsync("/feedback", new StringContent(feedback, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        (await page.Content.ReadAsStringAsync()).Should().Contain(token, "the confirmation page carries the token in its form");
        post.SignInCookie().Should().NotBeNull("the post carried the token to the login endpoint");
        control.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var records = await server.Services.WaitForLogAsync(record => record.Message.Contains(feedback, StringComparison.Ordinal));
        records.Should().Contain(record => record.Category == "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware" && record.Message.Contains(feedback, StringComparison.Ordinal),
            "the control: HttpLogging writes the body of another posted form");
        records.FindLeak(new[] { token }.WithParts().ToArray()).Should().BeNull();
    }

    [Fact]
    public async Task Request_activity_and_its_diagnostic_events_see_the_query_redacted()
    {
        var eventQueries = new ConcurrentQueue<string?>();
        var activityTags = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var (key, value) in activity.TagObjects)
                {
                    activityTags.Enqueue($"{key}={value}");
                }

                activityTags.Enqueue(activity.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(listener);
        // Listeners are process-wide: the marker tells this test's requests from those of tests running alongside.
        var marker = Guid.NewGuid().ToString("N");
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new HostingEventObserver(eventQueries, marker));

        await using var server = await StartRedactingServerAsync();
        var jwt = await server.MintPortalMediaTokenAsync();
        using var pdf = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={jwt}&marker={marker}");

        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        // The stop event may still be on its way: the test server answers before the hosting layer ends the request.
        eventQueries.Should().NotBeEmpty().And.OnlyContain(query => query == $"?t=[Redacted]&marker={marker}",
            "the activity's start and stop events, where telemetry libraries read the query, see it redacted");
        var secrets = new[] { jwt }.WithParts().ToArray();
        activityTags.Should().Contain("Microsoft.AspNetCore.Hosting.HttpRequestIn", "the request activities were recorded");
        activityTags.Should().OnlyContain(tag => TokenLeaks.FindFragment(tag, secrets) == null);
    }

    /// <summary>A host that registers the media token scheme and nothing else about logging, every record captured.</summary>
    private static Task<TestHost> StartBareMediaTokenHostAsync(Action<WebApplicationBuilder>? configure = null) =>
        TestHost.StartAsync(
            builder =>
            {
                builder.CaptureAllLogs();
                builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
                builder.Services.AddAuthorization();
                configure?.Invoke(builder);
            },
            app => app.MapGet("/media", () => "media").RequireMediaToken());

    /// <summary>The portal host, which makes no call about redaction, with every log record captured.</summary>
    private static Task<TestHost> StartRedactingServerAsync(Action<WebApplicationBuilder>? configure = null) =>
        TestHost.StartPortalHostAsync(builder =>
        {
            builder.CaptureAllLogs();
            configure?.Invoke(builder);
        });

    /// <summary>Records the query of the marked requests at the hosting layer's activity start and stop events.</summary>
    private sealed class HostingEventObserver(ConcurrentQueue<string?> queries, string marker) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.AspNetCore")
            {
                value.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key.StartsWith("Microsoft.AspNetCore.Hosting.HttpRequestIn", StringComparison.Ordinal)
                && value.Value is HttpContext context && context.Request.QueryString.Value?.Contains(marker, StringComparison.Ordinal) == true)
            {
                queries.Enqueue(context.Request.QueryString.Value);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
