namespace Nexudus.MediaAuth.ReadmeTests;

/// <summary>The files of the repository these tests read.</summary>
internal static class Repository
{
    /// <summary>The folder that holds <c>Nexudus.MediaAuth.sln</c>, found above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nexudus.MediaAuth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Nexudus.MediaAuth.sln) is not above " + AppContext.BaseDirectory);
    }
}
