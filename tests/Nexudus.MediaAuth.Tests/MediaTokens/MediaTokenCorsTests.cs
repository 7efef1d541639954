using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// README's CORS recipe for a viewer on another origin (pdf.js fetching ranges): the preflight passes without a token,
/// and the viewer reads the range headers of the answer.
/// </summary>
public sealed class MediaTokenCorsTests
{
    private const string Viewer = "https://viewer.example.com";
    private const string FilePath = "/files/report.pdf";

    [Fact]
    public async Task Preflight_passes_through_the_scheme_without_a_token()
    {
        await using var host = await StartAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, FilePath);
        preflight.Headers.Add("Origin", Viewer);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "range");

        using var response = await host.Client.SendAsync(preflight);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Viewer);
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().ContainEquivalentOf("range");
    }

    [Fact]
    public async Task Range_request_from_the_viewer_exposes_the_range_headers()
    {
        await using var host = await StartAsync();
        var token = await host.MintAsync("42");
        using var request = new HttpRequestMessage(HttpMethod.Get, TestHost.WithToken(FilePath, token));
        request.Headers.Add("Origin", Viewer);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Viewer);
        response.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',', StringSplitOptions.TrimEntries)
            .Should().Contain(["Accept-Ranges", "Content-Range", "Content-Length", "Content-Disposition"]);
    }

    [Fact]
    public async Task Request_from_the_viewer_without_a_token_is_still_401()
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, FilePath);
        request.Headers.Add("Origin", Viewer);

        using var response = await host.Client.SendAsync(request);

        await response.ShouldBeBareChallengeAsync();
    }

    // README's recipe, as a host would write it.
    private static Task<TestHost> StartAsync() =>
        TestHost.StartAsync(
            builder =>
            {
                builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials)
                    .AddScheme<TestBearerOptions, TestBearerHandler>(TestBearerHandler.SchemeName, configureOptions: null);
                builder.Services.Configure<CustomerAuthenticationOptions>(customer => customer.AuthenticationSchemes.Add(TestBearerHandler.SchemeName));
                builder.Services.AddAuthorization();
                builder.Services.AddCors(cors => cors.AddPolicy("pdf-viewer", policy => policy
                    .WithOrigins(Viewer)
                    .WithMethods("GET", "HEAD")
                    .WithHeaders("Range", "If-Range")
                    .WithExposedHeaders("Accept-Ranges", "Content-Range", "Content-Length", "Content-Disposition")));
            },
            app =>
            {
                app.UseCors();
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapMediaTokenEndpoints();
                app.MapGet(FilePath, () => Results.Bytes(new byte[1000], "application/pdf", enableRangeProcessing: true))
                    .RequireMediaToken()
                    .RequireCors("pdf-viewer");
            });
}
