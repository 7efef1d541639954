using System.Diagnostics;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// Runs the npm tools of <c>tests/openapi</c> (openapi-typescript, tsc), installed from its lockfile on first use.
/// </summary>
internal static class NodeTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static bool NpmInstalled => FindOnPath("npm") is not null;

    /// <summary>The folder of <c>tests/openapi/package.json</c>.</summary>
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    /// <summary>Runs a package's command-line script with node and returns its output; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        await EnsureInstalledAsync();
        return await RunProcessAsync("node", [Path.Combine(ProjectDirectory, "node_modules", script), .. arguments]);
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(ProjectDirectory, "node_modules", "openapi-typescript")))
            {
                await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", ProjectDirectory]);
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<string> RunProcessAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(FindOnPath(fileName) ?? fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ProjectDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        process.ExitCode.Should().Be(0, $"{fileName} {string.Join(' ', arguments)} failed:\n{text}");
        return text;
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);

    private static string FindProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "openapi");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/openapi/package.json was not found above " + AppContext.BaseDirectory);
    }
}
