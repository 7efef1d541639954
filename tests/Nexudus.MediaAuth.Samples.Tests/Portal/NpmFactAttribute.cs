namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// A test that needs Node.js and npm: skipped, with the reason, where npm is not on the PATH, except under
/// <c>CI=true</c>, where it runs and fails so that a CI machine without npm cannot pass silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NpmFactAttribute : FactAttribute
{
    public NpmFactAttribute()
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) && !NodeTools.NpmInstalled)
        {
            Skip = "npm is not on the PATH (apt-get install npm); CI=true runs this test anyway.";
        }
    }
}
