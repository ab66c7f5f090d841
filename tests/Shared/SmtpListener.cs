using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GovGuard.Tests.Shared;

/// <summary>One message an <see cref="SmtpListener"/> received.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data, string? User, string? Password)
{
    /// <summary>The decoded body text: MailKit sends UTF-8 text as quoted-printable or base64.</summary>
    public string Text
    {
        get
        {
            var message = MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));
            return message.TextBody ?? string.Empty;
        }
    }

    public string Subject => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data))).Subject ?? string.Empty;
}

/// <summary>
/// A minimal SMTP server on 127.0.0.1 for tests: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS.
/// Records every message; <see cref="FailNext"/> answers the next DATA with a 451.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpListener()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<ReceivedMail> Messages { get; } = new();

    public int FailNext { get; set; }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (or the timeout passes).</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(20)).TotalMilliseconds;
        while (Messages.Count < count && Environment.TickCount64 < until)
        {
            await Task.Delay(50);
        }

        return Messages.Count >= count;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost ESMTP GovGuard test listener");
            string? from = null;
            var to = new List<string>();
            string? user = null;
            string? password = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250-AUTH PLAIN");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "AUTH":
                        var parts = line.Split(' ');
                        var payload = parts.Length > 2 ? parts[2] : null;
                        if (payload is null)
                        {
                            await writer.WriteLineAsync("334 ");
                            payload = await reader.ReadLineAsync(_stop.Token);
                        }

                        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(payload ?? string.Empty)).Split('\0');
                        user = fields.Length > 1 ? fields[1] : null;
                        password = fields.Length > 2 ? fields[2] : null;
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } d && d != ".")
                        {
                            data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                        }

                        if (FailNext > 0)
                        {
                            FailNext--;
                            await writer.WriteLineAsync("451 4.3.0 Try again later");
                        }
                        else
                        {
                            Messages.Enqueue(new ReceivedMail(from ?? string.Empty, to.ToList(), data.ToString(), user, password));
                            await writer.WriteLineAsync("250 OK queued");
                        }

                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private static string Address(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? line[(open + 1)..close] : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
