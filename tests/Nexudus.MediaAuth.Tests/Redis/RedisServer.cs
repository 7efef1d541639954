using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, owned by the test: started as a child process without
/// persistence, stopped by its process id, and restartable on the same port to simulate an outage.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("redis-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>
    /// The <c>redis-server</c> executable: <c>REDIS_SERVER</c> when set, otherwise the first one on <c>PATH</c>.
    /// </summary>
    public static string? Executable { get; } = FindExecutable();

    /// <summary>Why Redis tests cannot run here, or <see langword="null"/> when they can.</summary>
    public static string? UnavailableReason => Executable is not null
        ? null
        : Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } configured
            ? $"REDIS_SERVER is set to '{configured}', which does not exist."
            : "redis-server was not found on PATH (install the redis-server package, or set REDIS_SERVER to its path).";

    public static async Task<RedisServer> StartAsync()
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason + " CI=true requires it.");
        }

        var server = new RedisServer(FreeLoopbackPort());
        await server.StartProcessAsync();
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
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", _directory, "--daemonize", "no",
        })
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

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
    }
}
