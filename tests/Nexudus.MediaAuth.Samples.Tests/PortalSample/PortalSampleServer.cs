using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Sample;

namespace Nexudus.MediaAuth.Samples.Tests.PortalSample;

/// <summary>The portal sample on a TestServer with a fake clock, signed in as its users sign in.</summary>
public sealed class PortalSampleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PortalSampleServer(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public static async Task<PortalSampleServer> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var app = SampleHost.Build(
            new WebApplicationOptions { EnvironmentName = Environments.Production },
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Services.Configure<MediaTokenOptions>(MediaTokenDefaults.AuthenticationScheme, options =>
                    options.SigningCredentials = new SigningCredentials(
                        new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "samples-tests" },
                        SecurityAlgorithms.HmacSha256));
            });
        await app.StartAsync();
        return new PortalSampleServer(app, time);
    }

    /// <summary>Signs in with the password grant and returns the bearer token.</summary>
    public async Task<string> SignInAsync(DemoCustomer customer)
    {
        using var response = await Client.PostAsync("/api/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = customer.Email,
            ["password"] = customer.Password,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["access_token"].ToString()!;
    }

    /// <summary>Signs in and mints a media token through <c>GET /api/auth/media/customer</c>.</summary>
    public async Task<string> GetMediaTokenAsync(DemoCustomer customer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/media/customer");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(customer));
        using var response = await Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["jwt"].ToString()!;
    }

    public static string Download(int fileId, string? token = null) =>
        token is null ? $"/api/public/files/{fileId}/download" : $"/api/public/files/{fileId}/download?t={Uri.EscapeDataString(token)}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
