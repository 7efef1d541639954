namespace Nexudus.MediaAuth.BrowserTests;

/// <summary>
/// Where the browser tests save a screenshot of each step: <c>TestResults/screenshots/</c> at the repository root
/// (a test artifact, ignored by git).
/// </summary>
public static class Screenshots
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Nexudus.MediaAuth.sln")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    });

    public static string PathFor(string name) => Path.Combine(Directory.Value, name + ".png");
}
