using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Fetching;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GovGuard.Platform.Notifications;

/// <summary>A channel ready to send: its settings and its secrets, unprotected for this send only.</summary>
public sealed record ChannelTarget(Guid Id, ChannelKind Kind, string Host, ChannelSettings Settings, ChannelSecrets Secrets);

/// <summary>How one attempt ended; the error never holds a secret.</summary>
public sealed record SendResult(bool Delivered, string? Error)
{
    public static SendResult Ok { get; } = new(true, null);

    public static SendResult Failed(string error) => new(false, AlertLimits.Cut(error, 500));
}

/// <summary>
/// Sends a notice on one channel. Webhooks and robots go through a <see cref="GuardedFetcher"/> (the SSRF guard
/// checks every address and redirect), SMTP through MailKit over a socket connected only to a checked address.
/// </summary>
public sealed class ChannelSenders(NotificationHttp http, TimeProvider time, IOptions<AlertOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<SendResult> SendAsync(ChannelTarget target, Guid deliveryId, AlertNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(notice);
        try
        {
            return target.Kind switch
            {
                ChannelKind.Email => await SendMailAsync(target, notice, ct).ConfigureAwait(false),
                _ => await PostAsync(target, deliveryId, notice, ct).ConfigureAwait(false),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The exception's type only: SMTP and TLS messages can echo what the server said about credentials.
            return SendResult.Failed("send failed: " + ex.GetType().Name);
        }
    }

    private async Task<SendResult> PostAsync(ChannelTarget target, Guid deliveryId, AlertNotice notice, CancellationToken ct)
    {
        var url = target.Secrets.Url;
        if (string.IsNullOrEmpty(url))
        {
            return SendResult.Failed("no URL configured");
        }

        var headers = new List<KeyValuePair<string, string>>();
        string body;
        switch (target.Kind)
        {
            case ChannelKind.Webhook:
                body = WebhookPayload(deliveryId, notice);
                headers.Add(new("X-GovGuard-Event", EventName(notice.Kind)));
                headers.Add(new("X-GovGuard-Delivery", deliveryId.ToString()));
                if (!string.IsNullOrEmpty(target.Secrets.Secret))
                {
                    var ts = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    headers.Add(new("X-GovGuard-Timestamp", ts));
                    headers.Add(new("X-GovGuard-Signature", "sha256=" + Signatures.WebhookHex(target.Secrets.Secret, ts, body)));
                }

                break;
            case ChannelKind.DingTalk:
                body = DingTalkPayload(notice, target.Settings.Mobiles);
                if (!string.IsNullOrEmpty(target.Secrets.Secret))
                {
                    var ms = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                    url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "timestamp=" + ms
                        + "&sign=" + Uri.EscapeDataString(Signatures.DingTalk(target.Secrets.Secret, ms));
                }

                break;
            case ChannelKind.WeCom:
                body = WeComPayload(notice, target.Settings.Mobiles);
                break;
            case ChannelKind.Feishu:
                body = FeishuPayload(notice, target.Secrets.Secret, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                break;
            default:
                return SendResult.Failed("unknown channel kind");
        }

        var result = await http.Fetcher.FetchAsync(new FetchRequest(url)
        {
            Method = HttpMethod.Post,
            Body = Encoding.UTF8.GetBytes(body),
            BodyContentType = "application/json; charset=utf-8",
            Headers = headers,
            // A webhook that redirects is misconfigured; following it would resend the notice elsewhere.
            FollowRedirects = false,
            MaxBodyBytes = 64 * 1024,
            TotalTimeout = TimeSpan.FromSeconds(15),
        }, ct).ConfigureAwait(false);
        if (!result.IsComplete)
        {
            return SendResult.Failed($"{result.Outcome} ({result.Error?.Rule})");
        }

        if (result.StatusCode is not (>= 200 and < 300))
        {
            return SendResult.Failed($"HTTP {result.StatusCode}");
        }

        return target.Kind == ChannelKind.Webhook ? SendResult.Ok : RobotAnswer(target.Kind, result.Text);
    }

    /// <summary>Robots answer 200 with an error code in the body: 0 is success (errcode for DingTalk and WeCom, code for Feishu).</summary>
    internal static SendResult RobotAnswer(ChannelKind kind, string? text)
    {
        try
        {
            var node = JsonNode.Parse(text ?? string.Empty) as JsonObject;
            var codeName = kind == ChannelKind.Feishu ? (node?.ContainsKey("code") == true ? "code" : "StatusCode") : "errcode";
            var code = node?[codeName]?.GetValue<long>();
            if (code == 0)
            {
                return SendResult.Ok;
            }

            var msg = node?["errmsg"]?.ToString() ?? node?["msg"]?.ToString() ?? node?["StatusMessage"]?.ToString() ?? string.Empty;
            return SendResult.Failed($"{codeName} {code?.ToString(CultureInfo.InvariantCulture) ?? "missing"}: {Printable(msg, 200)}");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return SendResult.Failed("the robot's answer is not the expected JSON");
        }
    }

    private async Task<SendResult> SendMailAsync(ChannelTarget target, AlertNotice notice, CancellationToken ct)
    {
        var s = target.Settings;
        if (s.SmtpHost is null || s.From is null || s.To.Count == 0)
        {
            return SendResult.Failed("the SMTP server, the sender and a recipient are required");
        }

        var port = s.SmtpPort ?? (s.SmtpSecurity == SmtpSecurity.Tls ? 465 : 587);
        var address = await http.CheckHostAsync(s.SmtpHost, ct).ConfigureAwait(false);
        if (address.Error is not null)
        {
            return SendResult.Failed(address.Error);
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(s.From));
        foreach (var to in s.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = "[GovGuard] " + NoticeText.Title(notice);
        message.Body = new TextPart("plain") { Text = NoticeText.Body(notice, TextFormat.Plain) };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.SmtpTimeout);
        var socket = new Socket(address.Address!.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address.Address, port), timeout.Token).ConfigureAwait(false);
            using var smtp = new SmtpClient();
            smtp.Timeout = (int)options.Value.SmtpTimeout.TotalMilliseconds;
            var security = s.SmtpSecurity switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            // The socket goes to the checked address; the host name is kept for the certificate check.
            await smtp.ConnectAsync(socket, s.SmtpHost, port, security, timeout.Token).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(s.SmtpUser))
            {
                await smtp.AuthenticateAsync(s.SmtpUser, target.Secrets.SmtpPassword ?? string.Empty, timeout.Token).ConfigureAwait(false);
            }

            await smtp.SendAsync(message, timeout.Token).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, timeout.Token).ConfigureAwait(false);
            return SendResult.Ok;
        }
        catch (SmtpCommandException ex)
        {
            return SendResult.Failed($"SMTP {(int)ex.StatusCode} ({ex.ErrorCode})");
        }
        catch (AuthenticationException)
        {
            return SendResult.Failed("SMTP authentication failed");
        }
        catch (SocketException ex)
        {
            return SendResult.Failed("SMTP connection failed: " + ex.SocketErrorCode);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Failed("SMTP timed out");
        }
        finally
        {
            socket.Dispose();
        }
    }

    internal static string EventName(NoticeKind kind) => kind switch
    {
        NoticeKind.Opened => "alert.opened",
        NoticeKind.Reminder => "alert.reminder",
        NoticeKind.Recovered => "alert.recovered",
        NoticeKind.Flapping => "alert.flapping",
        NoticeKind.Escalated => "alert.escalated",
        _ => "test",
    };

    /// <summary>The generic webhook's JSON (docs/alerts.md, "Webhook payload").</summary>
    internal static string WebhookPayload(Guid deliveryId, AlertNotice n) => JsonSerializer.Serialize(new
    {
        @event = EventName(n.Kind),
        deliveryId,
        alert = new
        {
            id = n.AlertId,
            state = n.State,
            severity = n.Severity.ToWire(),
            category = n.Category,
            rule = n.Rule,
            url = n.Url,
            websiteId = n.WebsiteId,
            website = n.Website,
            monitorId = n.MonitorId,
            monitor = n.Monitor,
            summary = new { zh = n.SummaryZh, en = n.SummaryEn },
            at = n.At,
            count = n.Count,
            resultId = n.ResultId,
            flapping = n.Flapping,
            link = n.Link,
        },
        title = NoticeText.Title(n),
        text = NoticeText.Body(n, TextFormat.Plain),
    }, Json);

    internal static string DingTalkPayload(AlertNotice n, IReadOnlyList<string> mobiles)
    {
        var text = NoticeText.Body(n, TextFormat.Markdown);
        if (mobiles.Count > 0)
        {
            // DingTalk only notifies a mobile that also appears as @mobile in the text.
            text += "\n\n" + string.Join(' ', mobiles.Select(m => "@" + m));
        }

        return JsonSerializer.Serialize(new
        {
            msgtype = "markdown",
            markdown = new { title = NoticeText.Title(n), text },
            at = new { atMobiles = mobiles, isAtAll = false },
        }, Json);
    }

    internal static string WeComPayload(AlertNotice n, IReadOnlyList<string> mobiles) =>
        // WeCom's markdown message has no mentioned_mobile_list: with mobiles to @, the notice goes as text.
        mobiles.Count == 0
            ? JsonSerializer.Serialize(new { msgtype = "markdown", markdown = new { content = NoticeText.Body(n, TextFormat.Markdown) } }, Json)
            : JsonSerializer.Serialize(new { msgtype = "text", text = new { content = NoticeText.Body(n, TextFormat.Plain), mentioned_mobile_list = mobiles } }, Json);

    internal static string FeishuPayload(AlertNotice n, string? secret, string timestamp)
    {
        var content = new { text = NoticeText.Body(n, TextFormat.Plain) };
        return string.IsNullOrEmpty(secret)
            ? JsonSerializer.Serialize(new { msg_type = "text", content }, Json)
            : JsonSerializer.Serialize(new { timestamp, sign = Signatures.Feishu(secret, timestamp), msg_type = "text", content }, Json);
    }

    private static string Printable(string s, int max)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return AlertLimits.Cut(sb.ToString(), max);
    }
}

/// <summary>The signatures robots and receivers check (docs/alerts.md).</summary>
public static class Signatures
{
    /// <summary>DingTalk: HMAC-SHA256 keyed with the secret over "timestamp\nsecret" (milliseconds), base64; the caller URL-encodes it.</summary>
    public static string DingTalk(string secret, string timestampMs)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Encoding.UTF8.GetBytes(secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(timestampMs + "\n" + secret)));
    }

    /// <summary>Feishu: HMAC-SHA256 keyed with "timestamp\nsecret" (seconds) over an empty message, base64.</summary>
    public static string Feishu(string secret, string timestampSeconds)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(timestampSeconds + "\n" + secret), Array.Empty<byte>()));
    }

    /// <summary>The generic webhook: HMAC-SHA256 keyed with the secret over "timestamp.body", lower-case hex.</summary>
    public static string WebhookHex(string secret, string timestampSeconds, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestampSeconds + "." + body)));
    }
}
