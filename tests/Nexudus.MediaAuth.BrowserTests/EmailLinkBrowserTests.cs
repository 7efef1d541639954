using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nexudus.MediaAuth.Sample;

namespace Nexudus.MediaAuth.BrowserTests;

/// <summary>
/// An emailed sign-in link (the sample's <c>POST /api/sign-in-link</c>, a one-time token in confirm mode) meets the
/// machines that open mail links before the person does: a link checker's plain <c>GET</c> and <c>HEAD</c> following
/// redirects (Outlook Safe Links), and a headless browser that loads the page, runs its scripts and waits, but clicks
/// nothing (Defender's detonation). None of them spends the token; the person's click then signs in once.
/// </summary>
public sealed class EmailLinkBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string SessionCookie = "portal";

    [ChromiumFact]
    public async Task Email_link_survives_link_checkers_and_a_detonating_browser_and_the_persons_click_signs_in_once()
    {
        await using var server = await LoopbackSampleServer.StartAsync();
        var link = await EmailSignInLinkAsync(server, DemoData.Ada);
        link.Should().MatchRegex(@"^/user/login\?server=true&t=[A-Za-z0-9_-]+&redirectUrl=%2Fen%2Finvoices$");

        // (a) The link checker: GET and HEAD, following redirects, no cookies kept.
        using (var scanner = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true, UseCookies = false })
        {
            BaseAddress = new Uri(server.BaseAddress),
        })
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head, HttpMethod.Get })
            {
                using var checkedLink = await scanner.SendAsync(new HttpRequestMessage(method, link));
                checkedLink.StatusCode.Should().Be(HttpStatusCode.OK);
                checkedLink.RequestMessage!.RequestUri!.PathAndQuery.Should().Be(link, "the link answers its page and redirects nowhere");
                checkedLink.Headers.Contains("Set-Cookie").Should().BeFalse("a link checker is signed in as nobody");
            }
        }

        // (b) The detonation: a fresh headless browser loads the page, lets every script run, waits, and clicks nothing.
        await using var sandbox = await NewContextAsync(server);
        var detonated = await sandbox.NewPageAsync();
        var requests = new List<string>();
        detonated.Request += (_, request) => requests.Add(request.Url);
        await detonated.GotoAsync(link, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await detonated.WaitForTimeoutAsync(1500);

        detonated.Url.Should().Be(server.BaseAddress + link, "nothing on the page navigates by itself");
        await Assertions.Expect(detonated.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        (await sandbox.CookiesAsync()).Should().NotContain(cookie => cookie.Name == SessionCookie);
        requests.Should().Equal([server.BaseAddress + link], "the page fetches nothing besides itself");
        (await detonated.EvaluateAsync<int>("() => document.scripts.length")).Should().Be(0);
        // Its policy would stop a script even if one were injected into it.
        var injectedScriptRan = await detonated.EvaluateAsync<bool>(
            """
            () => new Promise(resolve => {
              document.addEventListener('securitypolicyviolation', () => resolve(window.injected === true), { once: true });
              const script = document.createElement('script');
              script.textContent = 'window.injected = true';
              document.body.append(script);
              // An allowed inline script runs as it is inserted, and no violation would ever be reported.
              if (window.injected === true) resolve(true);
            })
            """);
        injectedScriptRan.Should().BeFalse("the page's Content-Security-Policy runs no script");
        await detonated.ScreenshotAsync(new() { Path = Screenshots.PathFor("07-email-link-confirm-page"), FullPage = true });

        // (c) The person opens the link in their own browser and clicks.
        await using var person = await NewContextAsync(server);
        var page = await person.NewPageAsync();
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(server.BaseAddress + "/en/invoices");
        await Assertions.Expect(page.Locator("#signed-in")).ToHaveTextAsync("Signed in as Ada Lovelace (ada@example.com)");
        (await person.CookiesAsync()).Should().Contain(cookie => cookie.Name == SessionCookie);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("08-email-link-signed-in"), FullPage = true });

        // The page the sandbox kept open posts the same token again, as a late click or going back and clicking would.
        await detonated.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(detonated).ToHaveURLAsync(server.BaseAddress + "/");
        await Assertions.Expect(detonated.Locator("body")).ToContainTextAsync("Not signed in");
        (await sandbox.CookiesAsync()).Should().NotContain(cookie => cookie.Name == SessionCookie, "a spent token signs nobody in");

        // The link opened again after use signs nobody in either.
        await using var later = await NewContextAsync(server);
        var again = await later.NewPageAsync();
        await again.GotoAsync(link);
        again.Url.Should().Be(server.BaseAddress + "/");
        (await later.CookiesAsync()).Should().NotContain(cookie => cookie.Name == SessionCookie);
    }

    /// <summary>Asks the sample to email <paramref name="customer"/> a sign-in link, and reads it from the sample's outbox.</summary>
    private static async Task<string> EmailSignInLinkAsync(LoopbackSampleServer server, DemoCustomer customer)
    {
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseAddress) };
        using var sent = await client.PostAsync(SignInLinkEndpoint.Path, new FormUrlEncodedContent([new("email", customer.Email)]));
        sent.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return server.Services.GetRequiredService<DemoOutbox>().LastSignInLinkTo(customer.Email)
            ?? throw new InvalidOperationException($"The sample sent no sign-in link to {customer.Email}.");
    }

    private async Task<IBrowserContext> NewContextAsync(LoopbackSampleServer server)
    {
        var browser = await chromium.GetBrowserAsync();
        return await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress });
    }
}
