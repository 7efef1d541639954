using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nexudus.MediaAuth.Sample;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// <c>GET /api/public/files/{fileId}/download?t={jwt}</c> of the portal sample: the customer's own files only, with
/// HEAD, ranges and validators, RFC 6266 file names, and the continuation a browser needs after the token's minute.
/// </summary>
public sealed class FileDownloadTests
{
    private const int AdasContract = 10010;
    private const int GracesContract = 20010;

    [Fact]
    public async Task Files_my_lists_the_large_file_and_the_video_for_Ada_only()
    {
        await using var server = await SampleServer.StartAsync();

        var ada = await ListAsync(server, DemoData.Ada);
        var grace = await ListAsync(server, DemoData.Grace);

        ada.Should().Equal(10010, 10020, SampleFiles.LargeFileId, SampleFiles.VideoId);
        grace.Should().Equal(GracesContract);
    }

    [Fact]
    public async Task Contract_opens_inline_as_a_pdf_with_validators_and_ranges()
    {
        await using var server = await SampleServer.StartAsync();
        var token = await server.GetMediaTokenAsync(DemoData.Ada);

        using var response = await server.Client.GetAsync(Download(AdasContract, token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Content.Headers.ContentDisposition!.ToString().Should().Be("inline; filename=\"Contract 1001.pdf\"; filename*=UTF-8''Contract%201001.pdf");
        response.Headers.AcceptRanges.Should().Equal("bytes");
        response.Headers.ETag.Should().NotBeNull();
        response.Content.Headers.LastModified.Should().NotBeNull();
        (await response.Content.ReadAsStringAsync()).Should().StartWith("%PDF-");
    }

    [Fact]
    public async Task Large_file_downloads_whole_as_an_attachment_with_its_non_ascii_name_in_filename_star()
    {
        await using var server = await SampleServer.StartAsync();
        var token = await server.GetMediaTokenAsync(DemoData.Ada);

        using var response = await server.Client.GetAsync(Download(SampleFiles.LargeFileId, token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Length.Should().Be(SampleFiles.LargeFileLength);
        response.Content.Headers.ContentDisposition!.ToString().Should()
            .Be("attachment; filename=\"Grundriss B_ro 2. OG.bin\"; filename*=UTF-8''Grundriss%20B%C3%BCro%202.%20OG.bin");
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body_and_spends_nothing()
    {
        await using var server = await SampleServer.StartAsync();
        var token = await server.GetMediaTokenAsync(DemoData.Ada);

        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Download(SampleFiles.LargeFileId, token)));
        using var get = await server.Client.GetAsync(Download(SampleFiles.LargeFileId, token));

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.Should().Be(SampleFiles.LargeFileLength);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        head.Headers.ETag.Should().Be(get.Headers.ETag);
        get.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Range_if_range_and_if_none_match_work()
    {
        await using var server = await SampleServer.StartAsync();
        var token = await server.GetMediaTokenAsync(DemoData.Ada);
        var url = Download(SampleFiles.LargeFileId, token);
        using var whole = await server.Client.GetAsync(url);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        var etag = whole.Headers.ETag!;

        using var range = await SendAsync(server, url, request => request.Headers.Range = new RangeHeaderValue(1_000_000, 1_000_099));
        using var current = await SendAsync(server, url, request =>
        {
            request.Headers.Range = new RangeHeaderValue(10, 19);
            request.Headers.IfRange = new RangeConditionHeaderValue(etag);
        });
        using var stale = await SendAsync(server, url, request =>
        {
            request.Headers.Range = new RangeHeaderValue(10, 19);
            request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\""));
        });
        using var unchanged = await SendAsync(server, url, request => request.Headers.IfNoneMatch.Add(etag));

        range.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        range.Content.Headers.ContentRange!.ToString().Should().Be($"bytes 1000000-1000099/{SampleFiles.LargeFileLength}");
        (await range.Content.ReadAsByteArrayAsync()).Should().Equal(bytes[1_000_000..1_000_100]);
        current.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        stale.StatusCode.Should().Be(HttpStatusCode.OK);
        (await stale.Content.ReadAsByteArrayAsync()).Length.Should().Be(SampleFiles.LargeFileLength);
        unchanged.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Another_customers_file_is_404()
    {
        await using var server = await SampleServer.StartAsync();

        using var adaAtGrace = await server.Client.GetAsync(Download(GracesContract, await server.GetMediaTokenAsync(DemoData.Ada)));
        using var graceAtAda = await server.Client.GetAsync(Download(SampleFiles.LargeFileId, await server.GetMediaTokenAsync(DemoData.Grace)));

        adaAtGrace.StatusCode.Should().Be(HttpStatusCode.NotFound);
        graceAtAda.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Opened_file_keeps_reading_after_the_token_expired_and_no_other_file_opens()
    {
        await using var server = await SampleServer.StartAsync();
        var token = await server.GetMediaTokenAsync(DemoData.Ada);
        using var opened = await server.Client.GetAsync(Download(SampleFiles.LargeFileId, token));
        var cookie = opened.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        server.Time.Advance(TimeSpan.FromMinutes(20));
        using var expired = await server.Client.GetAsync(Download(SampleFiles.LargeFileId, token));
        using var resumed = await SendAsync(server, Download(SampleFiles.LargeFileId, token), request =>
        {
            request.Headers.Add("Cookie", cookie);
            request.Headers.Range = new RangeHeaderValue(2_000_000, null);
        });
        using var otherFile = await SendAsync(server, Download(AdasContract, token), request => request.Headers.Add("Cookie", cookie));

        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        resumed.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        resumed.Content.Headers.ContentLength.Should().Be(SampleFiles.LargeFileLength - 2_000_000);
        otherFile.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Video_is_a_webm_when_ffmpeg_is_installed()
    {
        if (!HasFfmpeg())
        {
            return;
        }

        await using var server = await SampleServer.StartAsync();
        var token = await server.GetMediaTokenAsync(DemoData.Ada);

        using var response = await server.Client.GetAsync(Download(SampleFiles.VideoId, token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("video/webm");
        (await response.Content.ReadAsByteArrayAsync())[..4].Should().Equal(0x1A, 0x45, 0xDF, 0xA3);
    }

    private static string Download(int fileId, string? token = null) =>
        token is null ? $"/api/public/files/{fileId}/download" : $"/api/public/files/{fileId}/download?t={Uri.EscapeDataString(token)}";

    private static bool HasFfmpeg() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(folder => File.Exists(Path.Combine(folder, "ffmpeg")));

    private static async Task<int[]> ListAsync(SampleServer server, DemoCustomer customer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/files/my");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await server.SignInAsync(customer));
        using var response = await server.Client.SendAsync(request);
        var files = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. files.EnumerateArray().Select(file => file.GetProperty("Id").GetInt32())];
    }

    private static Task<HttpResponseMessage> SendAsync(SampleServer server, string url, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return server.Client.SendAsync(request);
    }
}
