using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// The sample host on a TestServer, with a fake clock and a fixed media token key, and the client calls a portal makes.
/// </summary>
public sealed class SampleServer : RunningApp
{
    private SampleServer(WebApplication app, FakeTimeProvider time)
        : base(app, time)
    {
    }

    /// <summary>Where the sample's media token signing key is read from; given, it replaces <see cref="TestKeys.Hmac"/>.</summary>
    public const string SigningKeyConfiguration = "Authentication:Schemes:MediaToken:SigningKey";

    /// <param name="configure">Changes the sample's services after the sample registered its own.</param>
    /// <param name="configuration">Configuration values the sample reads while it registers its services, such as
    /// <c>ConnectionStrings:Redis</c>.</param>
    public static async Task<SampleServer> StartAsync(Action<WebApplicationBuilder>? configure = null, IReadOnlyDictionary<string, string>? configuration = null)
    {
        var time = TestHost.CreateClock();
        var app = SampleHost.Build(
            new WebApplicationOptions
            {
                EnvironmentName = Environments.Production,
                Args = configuration?.Select(setting => $"--{setting.Key}={setting.Value}").ToArray(),
            },
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddSingleton<TimeProvider>(time);
                if (configuration?.Keys.Any(key => key.StartsWith(SigningKeyConfiguration, StringComparison.Ordinal)) != true)
                {
                    builder.Services.Configure<MediaTokenOptions>(MediaTokenDefaults.AuthenticationScheme, options =>
                        options.SigningCredentials = TestKeys.HmacCredentials);
                }

                configure?.Invoke(builder);
            });
        await app.StartAsync();
        return new SampleServer(app, time);
    }

    /// <summary>The <c>POST /api/token</c> password grant, form-encoded as documented.</summary>
    public Task<HttpResponseMessage> RequestTokenAsync(string email, string password) =>
        Client.PostAsync("/api/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = password,
        }));

    /// <summary>Signs in with the password grant and returns the bearer token.</summary>
    public async Task<string> SignInAsync(DemoCustomer customer)
    {
        using var response = await RequestTokenAsync(customer.Email, customer.Password);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Signs in and mints a media token, as a portal does before it builds a PDF link.</summary>
    public async Task<string> GetMediaTokenAsync(DemoCustomer customer) =>
        await Client.GetMediaTokenAsync(TestHost.Bearer(await SignInAsync(customer)));
}
