using Microsoft.Playwright;

namespace Nexudus.MediaAuth.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright: one headless browser per test class, started on first use.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsRequired => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task<IBrowser> GetBrowserAsync()
    {
        if (_browser is not null)
        {
            return _browser;
        }

        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                $"Chromium is required (CI=true) but {ExecutablePath} does not exist: apt-get install chromium.");
        }

        // CI runs the test projects side by side on two cores; Playwright's 5 s default is sized for a developer's
        // machine. A generous window costs nothing when an assertion holds: it returns as soon as it does.
        Assertions.SetDefaultExpectTimeout(15_000);

        // Only the system browser is used; the driver must never fetch one.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return _browser;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
