using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GovGuard.Platform.Tests.TestServers;

/// <summary>
/// A TCP server on 127.0.0.1 for servers that misbehave below HTTP: it reads the request head and hands the
/// connection to a handler that writes whatever it likes (or nothing, or one byte a second).
/// </summary>
public sealed class RawTcpServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int connections;

    public RawTcpServer(Func<NetworkStream, CancellationToken, Task> handler)
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        loop = AcceptAsync(handler);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Url(string path = "/") => $"http://127.0.0.1:{Port}{path}";

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>A server that answers every request with <paramref name="response"/> as written (headers and body).</summary>
    public static RawTcpServer Answering(byte[] response) => new(async (stream, ct) =>
    {
        await stream.WriteAsync(response, ct);
        await stream.FlushAsync(ct);
    });

    private async Task AcceptAsync(Func<NetworkStream, CancellationToken, Task> handler)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        await ReadHeadAsync(stream, stop.Token);
                        await handler(stream, stop.Token);
                    }
                    catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                        // The client went away: what these servers are for.
                    }
                }
            });
        }
    }

    private static async Task ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 65536)
        {
            if (await stream.ReadAsync(buffer, ct) == 0)
            {
                return;
            }

            head.Append((char)buffer[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
