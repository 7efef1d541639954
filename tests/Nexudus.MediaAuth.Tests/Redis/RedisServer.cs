using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// A real <c>redis-server</c> (or Sentinel) on a free loopback port, owned by the test: started as a child process
/// without persistence, stopped by its process id (SIGKILL), and restartable on the same port to simulate an outage.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// No persistence; a replica's first sync starts at once instead of after Redis 7's default five seconds of
    /// waiting for more replicas to share it.
    /// </summary>
    private static readonly string[] DataServerArguments = ["--save", "", "--appendonly", "no", "--repl-diskless-sync-delay", "0"];

    private readonly string _directory = Directory.CreateTempSubdirectory("redis-").FullName;
    private readonly StringBuilder _output = new();
    private readonly string? _sentinelConfiguration;
    private string[] _arguments;
    private Process? _process;

    private RedisServer(int port, string[] arguments, string? sentinelConfiguration)
    {
        Port = port;
        _arguments = arguments;
        _sentinelConfiguration = sentinelConfiguration;
    }

    public int Port { get; }

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>
    /// The <c>redis-server</c> executable: <c>REDIS_SERVER</c> when set, otherwise the first one on <c>PATH</c>.
    /// </summary>
    public static string? Executable { get; } = FindExecutable();

    /// <summary>
    /// The <c>redis-cli</c> executable, which the cluster tests use to create their cluster: beside
    /// <see cref="Executable"/>, otherwise the first one on <c>PATH</c>. Debian's redis-server depends on redis-tools,
    /// which has it.
    /// </summary>
    public static string? CliExecutable { get; } = FindCliExecutable();

    /// <summary>Why Redis tests cannot run here, or <see langword="null"/> when they can.</summary>
    public static string? UnavailableReason => Executable is null
        ? Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } configured
            ? $"REDIS_SERVER is set to '{configured}', which does not exist."
            : "redis-server was not found on PATH (install the redis-server package, or set REDIS_SERVER to its path)."
        : CliExecutable is null
            ? "redis-cli was found neither beside redis-server nor on PATH (install the redis-tools package)."
            : null;

    /// <summary>Starts a server; <paramref name="arguments"/> are added to its command line (such as <c>--cluster-enabled yes</c>).</summary>
    public static Task<RedisServer> StartAsync(params string[] arguments) => StartAsync(arguments, sentinelConfiguration: null);

    /// <summary>
    /// Starts a Sentinel (<c>redis-server sentinel.conf --sentinel</c>) with <paramref name="configuration"/> as its
    /// configuration file, which Sentinel rewrites as it learns.
    /// </summary>
    public static Task<RedisServer> StartSentinelAsync(string configuration) => StartAsync([], configuration);

    private static async Task<RedisServer> StartAsync(string[] arguments, string? sentinelConfiguration)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason + " CI=true requires it.");
        }

        var server = new RedisServer(FreeLoopbackPort(), arguments, sentinelConfiguration);
        try
        {
            await server.StartProcessAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Kills the server (an outage, not a clean shutdown) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Starts the server again on the same port, empty: no data survives a stop.</summary>
    public Task RestartAsync() => _process is null ? StartProcessAsync() : throw new InvalidOperationException("The server is running.");

    /// <summary>Starts the server again on the same port, empty, with <paramref name="arguments"/> in place of the first ones.</summary>
    public Task RestartAsync(params string[] arguments)
    {
        _arguments = arguments;
        return RestartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartProcessAsync()
    {
        var startInfo = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_sentinelConfiguration is not null)
        {
            var path = Path.Combine(_directory, "sentinel.conf");
            if (!File.Exists(path))
            {
                await File.WriteAllTextAsync(path, _sentinelConfiguration);
            }

            startInfo.ArgumentList.Add(path);
            startInfo.ArgumentList.Add("--sentinel");
        }

        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _directory, "--daemonize", "no",
        }.Concat(_sentinelConfiguration is null ? DataServerArguments : []).Concat(_arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                await StopAsync();
                throw new InvalidOperationException($"redis-server did not answer on port {Port}:\n{Output()}");
            }

            await Task.Delay(20);
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[7];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read) == "+PONG\r\n";
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        return OnPath("redis-server");
    }

    private static string? FindCliExecutable() =>
        Executable is not null && Path.Combine(Path.GetDirectoryName(Executable)!, "redis-cli") is var beside && File.Exists(beside)
            ? beside
            : OnPath("redis-cli");

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
