using System.Diagnostics;
using Nexudus.MediaAuth.Tests.Redis;
using Npgsql;

namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// A throw-away PostgreSQL cluster owned by the test: made by <c>initdb</c> in a temp folder, started by <c>pg_ctl</c>
/// on a free loopback port (its Unix socket in the same folder), stopped by <c>pg_ctl</c>, which signals the PID in
/// <c>postmaster.pid</c>, and restartable on the same port to simulate an outage. PostgreSQL refuses to run as root:
/// as root, the binaries run as <c>nobody</c> through <c>runuser</c>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string DatabaseName = "mediaauth";

    private readonly string _directory;
    private bool _running;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The Npgsql connection string of the test database; a refused connection fails in two seconds at most.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={DatabaseName};Timeout=15;Command Timeout=15";

    /// <summary>
    /// The folder of <c>initdb</c> and <c>pg_ctl</c>: <c>POSTGRES_BIN</c> when set, otherwise the folder of the
    /// <c>initdb</c> on <c>PATH</c>, otherwise Debian's <c>/usr/lib/postgresql/{version}/bin</c> (the highest version).
    /// </summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    private static bool RunsAsRoot => Environment.UserName == "root";

    private const string RunUser = "/usr/sbin/runuser";

    /// <summary>Why PostgreSQL tests cannot run here, or <see langword="null"/> when they can.</summary>
    public static string? UnavailableReason =>
        BinDirectory is null
            ? Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } configured
                ? $"POSTGRES_BIN is set to '{configured}', which holds no initdb and pg_ctl."
                : "initdb was found neither on PATH nor in /usr/lib/postgresql/*/bin (install the postgresql package, or set POSTGRES_BIN to its bin folder)."
            : RunsAsRoot && !File.Exists(RunUser)
                ? $"PostgreSQL does not run as root, and {RunUser} (util-linux) is missing to run it as nobody."
                : null;

    public static async Task<PostgresServer> StartAsync()
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason + " CI=true requires it.");
        }

        var directory = Directory.CreateTempSubdirectory("postgres-").FullName;
        if (RunsAsRoot && !OperatingSystem.IsWindows())
        {
            // nobody writes the cluster and its socket here.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }

        var server = new PostgresServer(directory, RedisServer.FreeLoopbackPort());
        await server.RunAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        await server.RestartAsync();
        await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=postgres"))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return server;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>, as a crash would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        await RunAsync("pg_ctl", "stop", "-D", DataDirectory, "-m", "immediate", "-w");
    }

    /// <summary>Starts the server on its port, with its data: what was committed before a stop is still there.</summary>
    public async Task RestartAsync()
    {
        if (_running)
        {
            throw new InvalidOperationException("The server is running.");
        }

        // -F: no fsync, a throw-away cluster; -k: the Unix socket in the temp folder, never /var/run/postgresql.
        await RunAsync("pg_ctl", "start", "-D", DataDirectory, "-w", "-t", "30", "-l", Path.Combine(_directory, "server.log"),
            "-o", $"-p {Port} -h 127.0.0.1 -k {_directory} -F -c max_connections=300");
        _running = true;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(BinDirectory!, tool);
        var startInfo = new ProcessStartInfo(RunsAsRoot ? RunUser : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        if (RunsAsRoot)
        {
            foreach (var argument in new[] { "-u", "nobody", "--", executable })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "server.log");
            throw new InvalidOperationException(
                $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}\n"
                + (File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty));
        }
    }

    private static string? FindBinDirectory()
    {
        static bool HasTools(string directory) =>
            File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

        if (Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return HasTools(configured) ? configured : null;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "initdb"))
            .Where(File.Exists)
            .Select(initdb => Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb)!)
            .FirstOrDefault(HasTools);
        if (onPath is not null)
        {
            return onPath;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(HasTools)
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
    }
}
