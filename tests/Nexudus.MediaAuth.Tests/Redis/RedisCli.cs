using System.Diagnostics;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>Runs <c>redis-cli</c> to completion, for what StackExchange.Redis does not do, such as creating a cluster.</summary>
internal static class RedisCli
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <c>redis-cli</c> with <paramref name="arguments"/> and returns its output; throws when it fails.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(RedisServer.CliExecutable ?? throw new InvalidOperationException(RedisServer.UnavailableReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)} did not finish within {RunTimeout}:\n{await output}{await error}");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
    }
}
