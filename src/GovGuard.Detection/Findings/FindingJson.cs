using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GovGuard.Detection.Findings;

/// <summary>Writes findings as the contract's JSONL: one object per line, fields in contract order, UTF-8.</summary>
public static class FindingJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Chinese messages stay readable; HTML-significant characters are still escaped.
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Indented = false,
    };

    /// <summary>Writes one finding as one JSON line (with the trailing '\n') to the buffer.</summary>
    public static void WriteLine(IBufferWriter<byte> output, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        using (var w = new Utf8JsonWriter(output, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("category", finding.Category);
            w.WriteString("severity", finding.Severity.ToWire());
            w.WriteString("target", finding.Target);
            WriteNullable(w, "url", finding.Url);
            WriteNullable(w, "path", finding.Path);
            if (finding.Line is { } line)
            {
                w.WriteNumber("line", line);
            }
            else
            {
                w.WriteNull("line");
            }

            w.WriteString("rule", finding.Rule);
            w.WriteString("message", finding.Message);
            w.WriteString("evidence", Finding.Excerpt(finding.Evidence));
            w.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    /// <summary>One finding as a JSON line without the newline.</summary>
    public static string ToJson(Finding finding)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteLine(buffer, finding);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }

    /// <summary>Reads one JSONL line back into a finding (for tests and tools that consume our output).</summary>
    public static Finding Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var r = doc.RootElement;
        if (!SeverityNames.TryParse(r.GetProperty("severity").GetString(), out var severity))
        {
            throw new FormatException("severity is not one of info, low, medium, high, critical");
        }

        return new Finding(
            r.GetProperty("category").GetString() ?? throw new FormatException("category is null"),
            severity,
            r.GetProperty("target").GetString() ?? throw new FormatException("target is null"),
            r.GetProperty("url").GetString(),
            r.GetProperty("path").GetString(),
            r.GetProperty("line").ValueKind == JsonValueKind.Null ? null : r.GetProperty("line").GetInt64(),
            r.GetProperty("rule").GetString() ?? throw new FormatException("rule is null"),
            r.GetProperty("message").GetString() ?? throw new FormatException("message is null"),
            r.GetProperty("evidence").GetString() ?? throw new FormatException("evidence is null"));
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
