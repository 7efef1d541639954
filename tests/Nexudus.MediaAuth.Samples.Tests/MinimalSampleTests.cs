extern alias MinimalSample;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using MinimalProgram = MinimalSample::Program;

namespace Nexudus.MediaAuth.Samples.Tests;

/// <summary>
/// The minimal sample, run as <c>dotnet run</c> runs it (Development, no configuration), walked through as README's
/// curl lines walk it: sign in, mint a media token, open the file with <c>?t=</c>.
/// </summary>
public sealed class MinimalSampleTests : IClassFixture<WebApplicationFactory<MinimalProgram>>
{
    private const string FilePath = "/files/report.txt";

    private readonly HttpClient _client;

    public MinimalSampleTests(WebApplicationFactory<MinimalProgram> factory) =>
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task The_file_opens_with_a_media_token_minted_for_the_signed_in_customer()
    {
        var mediaToken = await GetMediaTokenAsync(await SignInAsync());

        using var response = await _client.GetAsync($"{FilePath}?t={Uri.EscapeDataString(mediaToken)}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Be("The report of customer 42.\n");
    }

    [Fact]
    public async Task The_file_without_a_token_is_401()
    {
        using var response = await _client.GetAsync(FilePath);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("MediaToken");
    }

    [Fact]
    public async Task The_file_with_the_bearer_token_is_401()
    {
        var bearerToken = await SignInAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, FilePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await _client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("MediaToken");
    }

    [Fact]
    public async Task Minting_without_the_bearer_token_is_401()
    {
        using var response = await _client.GetAsync("/api/auth/media/customer");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<string> SignInAsync()
    {
        using var response = await _client.PostAsync("/demo/sign-in", content: null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<SignInResponse>();
        body!.TokenType.Should().Be("Bearer");
        return body.AccessToken;
    }

    private async Task<string> GetMediaTokenAsync(string bearerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/media/customer");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await _client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<MediaTokenResponse>())!.Jwt;
    }

    private sealed record SignInResponse(string TokenType, string AccessToken);

    private sealed record MediaTokenResponse(string Jwt);
}
