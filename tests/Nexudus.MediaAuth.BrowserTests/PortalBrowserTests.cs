using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nexudus.MediaAuth.Sample;

namespace Nexudus.MediaAuth.BrowserTests;

/// <summary>
/// The portal page (<c>/portal/</c>) in a real Chromium against the sample on Kestrel: the documented portal flow end
/// to end, with a screenshot of each step.
/// </summary>
public sealed partial class PortalBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    [ChromiumFact]
    public async Task Customer_signs_in_opens_an_invoice_pdf_and_hands_over_to_the_server_view()
    {
        await using var server = await LoopbackSampleServer.StartAsync(gateOneTimeTokens: true);
        await using var context = await NewContextAsync(server);
        var page = await OpenPortalAsync(context);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("01-sign-in"), FullPage = true });

        await SignInAsync(page, DemoData.Ada);
        var serverView = page.Locator("#server-view");
        await Assertions.Expect(page.Locator("#invoices tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#invoices a.pdf[href]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#files li a.download[href]")).ToHaveCountAsync(4);

        // The one-time token request is held at the server: the link must be visibly disabled, with nowhere to go.
        await Assertions.Expect(serverView).ToHaveAttributeAsync("aria-disabled", "true");
        await Assertions.Expect(serverView).Not.ToHaveAttributeAsync("href", new Regex("."));
        await Assertions.Expect(page.Locator("#server-view-state")).ToHaveTextAsync("Preparing a one-time sign-in link...");
        (await serverView.EvaluateAsync<string>("link => getComputedStyle(link).cursor")).Should().Be("not-allowed");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("02-signed-in-server-view-disabled"), FullPage = true });

        var pdfLink = page.Locator("#invoices tr[data-invoice-id='1001'] a.pdf");
        (await pdfLink.GetAttributeAsync("href")).Should().MatchRegex(@"^/api/public/billing/invoices/1001/pdf\?t=[\w-]+\.[\w-]+\.[\w-]+$");
        var pdfResponses = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Response += (_, response) =>
        {
            if (response.Url.Contains("/invoices/1001/pdf?t=", StringComparison.Ordinal))
            {
                pdfResponses.TrySetResult(response);
            }
        };
        var popup = await page.RunAndWaitForPopupAsync(() => pdfLink.ClickAsync());
        var pdfResponse = await pdfResponses.Task.WaitAsync(TimeSpan.FromSeconds(30));
        pdfResponse.Status.Should().Be(200);
        (await pdfResponse.HeaderValueAsync("content-type")).Should().Be("application/pdf");

        // Chromium's PDF viewer takes over the navigation's body, so the bytes are read by the page itself.
        var fetched = await page.EvaluateAsync<string>(
            """
            async href => {
              const response = await fetch(href);
              const bytes = new Uint8Array(await response.arrayBuffer());
              return `${response.status} ${response.headers.get('content-type')} ${String.fromCharCode(...bytes.slice(0, 5))}`;
            }
            """,
            await pdfLink.GetAttributeAsync("href"));
        fetched.Should().Be("200 application/pdf %PDF-");
        // Only for the picture: the viewer paints the page a moment after it loads. Nothing is asserted on timing, and
        // no load state is awaited: Playwright .NET checks and subscribes to load states on different threads, so a
        // state reached in between is missed and the wait times out.
        await popup.WaitForTimeoutAsync(2000);
        await popup.ScreenshotAsync(new() { Path = Screenshots.PathFor("03-invoice-pdf"), FullPage = true });
        await popup.CloseAsync();

        server.OpenOneTimeTokenGate();
        await Assertions.Expect(serverView).ToHaveAttributeAsync("aria-disabled", "false");
        (await serverView.GetAttributeAsync("href")).Should().MatchRegex(
            @"^/en/user/login\?server=true&t=[A-Za-z0-9_-]+&redirectUrl=%2Fen%2Finvoices$");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("04-server-view-enabled"), FullPage = true });

        await serverView.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(server.BaseAddress + "/en/invoices");
        await Assertions.Expect(page.Locator("#signed-in")).ToHaveTextAsync("Signed in as Ada Lovelace (ada@example.com)");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("05-server-view-signed-in"), FullPage = true });
    }

    [ChromiumFact]
    public async Task Server_view_link_spends_its_token_once_and_gets_a_fresh_one()
    {
        await using var server = await LoopbackSampleServer.StartAsync();
        await using var context = await NewContextAsync(server);
        var page = await OpenPortalAsync(context);
        await SignInAsync(page, DemoData.Grace);
        var serverView = page.Locator("#server-view");
        await Assertions.Expect(serverView).ToHaveAttributeAsync("aria-disabled", "false");
        var firstLink = (await serverView.GetAttributeAsync("href"))!;

        // Opened in a new tab, the portal stays on screen and must not offer the spent token again.
        var newTab = await context.RunAndWaitForPageAsync(() => serverView.ClickAsync(new() { Modifiers = [KeyboardModifier.Control] }));
        await Assertions.Expect(newTab).ToHaveURLAsync(server.BaseAddress + "/en/invoices");
        await Assertions.Expect(newTab.Locator("#signed-in")).ToContainTextAsync("Grace Hopper");
        await Assertions.Expect(serverView).ToHaveAttributeAsync("aria-disabled", "false");
        await Assertions.Expect(serverView).Not.ToHaveAttributeAsync("href", firstLink);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("06-server-view-fresh-token"), FullPage = true });

        await using var otherBrowser = await NewContextAsync(server);
        var replay = await otherBrowser.NewPageAsync();
        await replay.GotoAsync(firstLink);
        replay.Url.Should().Be(server.BaseAddress + "/", "a spent one-time token signs nobody in");
        await Assertions.Expect(replay.Locator("body")).ToContainTextAsync("Not signed in");
    }

    [ChromiumFact]
    public async Task Media_token_is_refreshed_every_50_seconds_while_the_portal_is_open()
    {
        await using var server = await LoopbackSampleServer.StartAsync();
        await using var context = await NewContextAsync(server);
        var page = await context.NewPageAsync();
        var mediaTokenRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/auth/media/customer", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref mediaTokenRequests);
            }
        };

        // The page's timers run on a fake clock that only the test moves: installed, then paused (at a time later than
        // any page load reaches; no timer exists before sign-in), so the real seconds a loaded machine spends signing in
        // do not count towards the 50-second refresh.
        var start = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        await page.Clock.InstallAsync(new() { TimeDate = start });
        await page.GotoAsync("/portal/");
        await page.Clock.PauseAtAsync(start.AddMinutes(10));
        await SignInAsync(page, DemoData.Ada);
        await Assertions.Expect(page.Locator("#invoices a.pdf[href]")).ToHaveCountAsync(2);
        Volatile.Read(ref mediaTokenRequests).Should().Be(1);

        await page.Clock.RunForAsync(49_000);
        // A round trip after the clock moved: a request the page's timers had made would have been seen by now.
        await page.EvaluateAsync("() => fetch('/portal/portal.css')");
        Volatile.Read(ref mediaTokenRequests).Should().Be(1, "the token lives about 60 s and is refreshed at 50 s");

        var refreshed = page.WaitForResponseAsync(response => response.Url.EndsWith("/api/auth/media/customer", StringComparison.Ordinal));
        await page.Clock.RunForAsync(1_000);
        (await refreshed).Status.Should().Be(200);
        Volatile.Read(ref mediaTokenRequests).Should().Be(2);
        await Assertions.Expect(page.Locator("#invoices a.pdf[href]")).ToHaveCountAsync(2);
    }

    [ChromiumFact]
    public async Task Wrong_password_shows_the_documented_error()
    {
        await using var server = await LoopbackSampleServer.StartAsync();
        await using var context = await NewContextAsync(server);
        var page = await OpenPortalAsync(context);

        await SignInAsync(page, DemoData.Ada with { Password = "not-the-password" });

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("The email or password is incorrect.");
        await Assertions.Expect(page.Locator("#account")).ToBeHiddenAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(LoopbackSampleServer server)
    {
        var browser = await chromium.GetBrowserAsync();
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress,
            ViewportSize = new ViewportSize { Width = 1100, Height = 760 },
        });
    }

    private static async Task<IPage> OpenPortalAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/portal/");
        return page;
    }

    private static async Task SignInAsync(IPage page, DemoCustomer customer)
    {
        await page.FillAsync("#email", customer.Email);
        await page.FillAsync("#password", customer.Password);
        await page.ClickAsync("#sign-in-button");
    }
}
