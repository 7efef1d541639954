using Microsoft.Playwright;
using Nexudus.MediaAuth.Sample;

namespace Nexudus.MediaAuth.BrowserTests;

/// <summary>
/// The portal's files in Chromium after their media token expired: the video keeps playing and seeking through the
/// continuation its first response set, the large file downloads, and the continuation opens no other file.
/// </summary>
public sealed partial class PortalBrowserTests
{
    [ChromiumFact]
    public async Task Video_plays_and_seeks_after_the_token_expired_and_the_continuation_opens_no_other_file()
    {
        await using var server = await LoopbackSampleServer.StartAsync();
        await using var context = await NewContextAsync(server);
        var page = await OpenPortalAsync(context);
        await SignInAsync(page, DemoData.Ada);
        var videoLink = page.Locator($"#files li[data-file-id='{SampleFiles.VideoId}'] a.download[href]");
        await Assertions.Expect(videoLink).ToHaveCountAsync(1);
        var videoUrl = await videoLink.GetAttributeAsync("href");
        var contractUrl = await page.Locator("#files li[data-file-id='10010'] a.download").GetAttributeAsync("href");

        await page.EvaluateAsync(
            """
            src => {
              const video = Object.assign(document.createElement('video'), { id: 'player', src, muted: true, controls: true });
              document.body.append(video);
              return video.play();
            }
            """,
            videoUrl);
        await page.WaitForFunctionAsync("() => document.getElementById('player').currentTime > 0.5");

        // Past the token's minute: from here on every request for the video carries an expired token.
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        var statusesAfterExpiry = new List<int>();
        context.Response += (_, response) =>
        {
            if (response.Url.Contains($"/files/{SampleFiles.VideoId}/download", StringComparison.Ordinal))
            {
                lock (statusesAfterExpiry)
                {
                    statusesAfterExpiry.Add(response.Status);
                }
            }
        };

        await page.EvaluateAsync("() => { const video = document.getElementById('player'); video.currentTime = 8; return video.play(); }");
        await page.WaitForFunctionAsync("() => document.getElementById('player').currentTime > 8.5");

        // The first player may have buffered the whole short video, so a second player of the same file (a URL its
        // media cache has not seen, same path, same expired token) must fetch it anew: only the cookie opens it.
        await page.EvaluateAsync(
            """
            src => {
              const video = Object.assign(document.createElement('video'), { id: 'second', src, muted: true });
              document.body.append(video);
              video.currentTime = 5;
              return video.play();
            }
            """,
            videoUrl + "&player=2");
        await page.WaitForFunctionAsync("() => document.getElementById('second').currentTime > 5.5");
        var range = await page.EvaluateAsync<string>(
            "async url => { const r = await fetch(url, { headers: { Range: 'bytes=1000-1999' } }); return `${r.status} ${(await r.arrayBuffer()).byteLength}`; }",
            videoUrl);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("06-video-after-token-expiry"), FullPage = true });

        int[] playerStatuses;
        lock (statusesAfterExpiry)
        {
            playerStatuses = [.. statusesAfterExpiry];
        }

        var withoutCookie = await page.EvaluateAsync<int>("async url => (await fetch(url, { credentials: 'omit' })).status", videoUrl);
        var otherFile = await page.EvaluateAsync<int>("async url => (await fetch(url)).status", contractUrl);

        range.Should().Be("206 1000");
        playerStatuses.Should().NotBeEmpty().And.OnlyContain(status => status == 200 || status == 206);
        withoutCookie.Should().Be(401, "the expired URL alone stays refused");
        otherFile.Should().Be(401, "the continuation is for the video's path only");
    }

    [ChromiumFact]
    public async Task Large_file_downloads()
    {
        await using var server = await LoopbackSampleServer.StartAsync();
        await using var context = await NewContextAsync(server);
        var page = await OpenPortalAsync(context);
        await SignInAsync(page, DemoData.Ada);
        var link = page.Locator($"#files li[data-file-id='{SampleFiles.LargeFileId}'] a.download[href]");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await link.EvaluateAsync("link => link.removeAttribute('target')");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

        download.SuggestedFilename.Should().Be("Grundriss Büro 2. OG.bin");
        new FileInfo(await download.PathAsync()).Length.Should().Be(SampleFiles.LargeFileLength);
    }
}
