using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// A loopback TCP proxy that delivers every chunk a fixed delay after it arrived, in both directions: a replica
/// replicating through it lags its primary as one in another zone does. When either side closes, what is still in
/// flight is dropped, as a primary that crashes loses what it had not delivered.
/// </summary>
public sealed class DelayingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _targetPort;
    private readonly TimeSpan _delay;
    private readonly Task _accepting;

    public DelayingTcpProxy(int targetPort, TimeSpan delay)
    {
        _targetPort = targetPort;
        _delay = delay;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var relays = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                relays.Add(RelayAsync(client));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(relays);
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        using var upstream = new TcpClient();
        using (client)
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, connection.Token);
                await Task.WhenAny(
                    PumpAsync(client.GetStream(), upstream.GetStream(), connection.Token),
                    PumpAsync(upstream.GetStream(), client.GetStream(), connection.Token));
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException)
            {
                // The target is down, or the proxy stops.
            }
            finally
            {
                await connection.CancelAsync();
            }
        }
    }

    /// <summary>
    /// Reads from <paramref name="from"/> and has each chunk written to <paramref name="to"/> once its delay passed;
    /// returns at the end of the stream or the first failure, leaving the undelivered chunks to be dropped.
    /// </summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var inFlight = Channel.CreateUnbounded<(long Arrived, byte[] Chunk)>();

        // Delivery ends with the connection's cancellation, which the relay signals as soon as this pump returns.
        _ = DeliverAsync(inFlight.Reader, to, cancellationToken);
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                inFlight.Writer.TryWrite((TimeProvider.System.GetTimestamp(), buffer[..read]));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The side closed: what is in flight is lost with it.
        }

    }

    private async Task DeliverAsync(ChannelReader<(long Arrived, byte[] Chunk)> inFlight, NetworkStream to, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (arrived, chunk) in inFlight.ReadAllAsync(cancellationToken))
            {
                var wait = _delay - TimeProvider.System.GetElapsedTime(arrived);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await to.WriteAsync(chunk, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Dropped.
        }
    }
}
