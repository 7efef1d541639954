using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// <c>AddMediaTokenRedaction()</c> keeps token values out of what ASP.NET Core records about a request, while the
/// application still reads them.
/// </summary>
public sealed class QueryRedactionTests
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const int DataProtectionHeaderLength = 28;

    [Fact]
    public async Task Without_redaction_the_hosting_log_writes_the_token()
    {
        await using var host = await TestHost.StartAsync(
            builder =>
            {
                builder.CaptureAllLogs();
                builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
                builder.Services.AddAuthorization();
            },
            app => app.MapGet("/media", () => "media").RequireMediaToken());
        var jwt = TestTokens.Create(host.Time.GetUtcNow());

        using var media = await host.Client.GetAsync($"/media?t={jwt}");

        media.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Services.GetFakeLogCollector().GetSnapshot()
            .Should().Contain(record => record.Category == HostingCategory && record.Message.Contains(jwt, StringComparison.Ordinal),
                "this is the leak the redaction exists for");
    }

    [Fact]
    public async Task Hosting_logs_write_every_token_parameter_redacted_while_the_endpoints_read_the_real_values()
    {
        await using var server = await StartRedactingServerAsync();
        var bearer = await server.SignInAsync(DemoData.Ada);
        var jwt = await server.Client.GetMediaTokenAsync(SampleServer.Bearer(bearer));
        var loginToken = await server.IssueOneTimeTokenAsync(bearer);
        var exchangeToken = await server.IssueOneTimeTokenAsync(bearer);

        using var pdf = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?T={jwt}");
        using var login = await server.LoginAsync(loginToken, "/en/invoices");
        using var exchange = await server.ExchangeAsync(exchangeToken);

        pdf.StatusCode.Should().Be(HttpStatusCode.OK, "the handler read the real token");
        login.SignInCookie().Should().NotBeNull("the login endpoint read the real token");
        exchange.StatusCode.Should().Be(HttpStatusCode.OK, "the exchange endpoint read the real token");

        var hosting = server.Services.GetFakeLogCollector().GetSnapshot().Where(record => record.Category == HostingCategory).ToArray();
        hosting.Select(record => record.Message).Should().Contain(
        [
            "Request starting HTTP/1.1 GET http://localhost/api/public/billing/invoices/1001/pdf?T=[Redacted] - - -",
            "Request starting HTTP/1.1 GET http://localhost/user/login?server=true&t=[Redacted]&redirectUrl=%2Fen%2Finvoices - - -",
            "Request starting HTTP/1.1 POST http://localhost/api/sys/users/exchange?token=[Redacted]&validForInMinutes=1440 - - -",
        ]);
        hosting.Should().Contain(record => record.Message.StartsWith("Request finished HTTP/1.1 GET http://localhost/api/public/billing/invoices/1001/pdf?T=[Redacted] - 200", StringComparison.Ordinal));
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
        var jwt = await server.GetMediaTokenAsync(DemoData.Ada);

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
        var bearer = await server.SignInAsync(DemoData.Ada);
        var jwt = await server.Client.GetMediaTokenAsync(SampleServer.Bearer(bearer));
        var oneTimeToken = await server.IssueOneTimeTokenAsync(bearer);
        using var exchange = await server.ExchangeAsync(oneTimeToken);
        var exchanged = await exchange.Content.ReadAsStringAsync();

        var records = server.Services.GetFakeLogCollector().GetSnapshot();
        records.Should().Contain(record => record.Message.Contains("access_token", StringComparison.Ordinal),
            "the control: HttpLogging writes response bodies, here the sample's own sign-in response");
        var issued = new[] { jwt, oneTimeToken }
            .Concat(System.Text.Json.JsonDocument.Parse(exchanged).RootElement.EnumerateObject()
                .Where(property => property.Name is "token" or "refresh_token")
                // Every Data Protection payload starts with the same magic header and key id; the sample's own
                // sign-in body, logged on purpose above, shares them.
                .Select(property => property.Value.GetString()![DataProtectionHeaderLength..]));
        records.FindLeak(issued.WithParts().ToArray()).Should().BeNull();
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
        var jwt = await server.GetMediaTokenAsync(DemoData.Ada);
        using var pdf = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={jwt}&marker={marker}");

        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        // The stop event may still be on its way: the test server answers before the hosting layer ends the request.
        eventQueries.Should().NotBeEmpty().And.OnlyContain(query => query == $"?t=[Redacted]&marker={marker}",
            "the activity's start and stop events, where telemetry libraries read the query, see it redacted");
        var secrets = new[] { jwt }.WithParts().ToArray();
        activityTags.Should().Contain("Microsoft.AspNetCore.Hosting.HttpRequestIn", "the request activities were recorded");
        activityTags.Should().OnlyContain(tag => TokenLeaks.FindFragment(tag, secrets) == null);
    }

    [Fact]
    public async Task A_reloaded_QueryParameterName_is_redacted_too()
    {
        var configuration = new ReloadableConfiguration(new Dictionary<string, string?> { ["Authentication:Schemes:MediaToken:QueryParameterName"] = "t" });
        await using var host = await TestHost.StartAsync(
            builder =>
            {
                ((IConfigurationBuilder)builder.Configuration).Add(configuration);
                builder.CaptureAllLogs();
                builder.Services.AddMediaTokenRedaction();
                builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
                builder.Services.AddAuthorization();
            },
            app => app.MapGet("/media", () => "media").RequireMediaToken());
        using (var before = await host.Client.GetAsync($"/media?t={TestTokens.Create(host.Time.GetUtcNow())}"))
        {
            before.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        configuration.Replace(new Dictionary<string, string?> { ["Authentication:Schemes:MediaToken:QueryParameterName"] = "media" });
        var jwt = TestTokens.Create(host.Time.GetUtcNow());
        using var media = await host.Client.GetAsync($"/media?media={jwt}");

        media.StatusCode.Should().Be(HttpStatusCode.OK, "the handler reads the reloaded parameter");
        host.Services.GetFakeLogCollector().GetSnapshot()
            .Should().Contain(record => record.Category == HostingCategory && record.Message.Contains("?media=[Redacted]", StringComparison.Ordinal))
            .And.NotContain(record => record.Message.Contains(jwt, StringComparison.Ordinal));
    }

    /// <summary>The sample, which calls <c>AddMediaTokenRedaction()</c> as hosts should, with every log record captured.</summary>
    private static Task<SampleServer> StartRedactingServerAsync(Action<WebApplicationBuilder>? configure = null) =>
        SampleServer.StartAsync(builder =>
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
