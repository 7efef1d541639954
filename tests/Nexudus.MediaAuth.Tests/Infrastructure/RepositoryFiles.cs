namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>The repository's documents, for tests that hold the documentation to what the code does.</summary>
public static class RepositoryFiles
{
    /// <summary>The path of the repository's README.md, found above the test's output directory.</summary>
    public static string Readme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var readme = Path.Combine(directory.FullName, "README.md");
            if (File.Exists(Path.Combine(directory.FullName, "Nexudus.MediaAuth.sln")) && File.Exists(readme))
            {
                return readme;
            }
        }

        throw new FileNotFoundException("The repository's README.md was not found above the test directory.");
    }
}
