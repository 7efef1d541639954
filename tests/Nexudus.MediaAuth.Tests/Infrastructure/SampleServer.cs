using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Sample;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// The sample host on a TestServer, with a fake clock and a fixed media token key, and the client calls a portal makes.
/// </summary>
public sealed class SampleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleServer(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="configure">Changes the sample's services after the sample registered its own.</param>
    /// <param name="configuration">Configuration values the sample reads while it registers its services, such as
    /// <c>ConnectionStrings:Redis</c>.</param>
    public static async Task<SampleServer> StartAsync(Action<WebApplicationBuilder>? configure = null, IReadOnlyDictionary<string, string>? configuration = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
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
                builder.Services.Configure<MediaTokenOptions>(MediaTokenDefaults.AuthenticationScheme, options =>
                    options.SigningCredentials = TestKeys.HmacCredentials);
                configure?.Invoke(builder);
            });
        await app.StartAsync();
        return new SampleServer(app, time);
    }

    public async Task<string> SignInAsync(string email, string password)
    {
        using var response = await Client.PostAsync("/api/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = password,
        }));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<string> GetMediaTokenAsync(string bearerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/media/customer");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("jwt").GetString()!;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? bearerToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
