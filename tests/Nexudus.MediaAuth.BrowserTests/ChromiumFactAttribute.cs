namespace Nexudus.MediaAuth.BrowserTests;

/// <summary>
/// A test that drives the system Chromium. Without Chromium a developer's run reports it skipped, with the reason; with
/// <c>CI=true</c> it runs and fails, so a CI machine that lost its browser cannot pass by skipping.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.IsRequired)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath} (apt-get install chromium). With CI=true this test fails instead.";
        }
    }
}
