using System.Globalization;

namespace GovGuard.Detection.Resources;

/// <summary>One sample of the Prometheus text exposition format: a metric name, its labels, a value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The label's value, empty when absent.</summary>
    public string Label(string name) => Labels.TryGetValue(name, out var v) ? v : string.Empty;
}

/// <summary>
/// Reads the Prometheus text format (version 0.0.4, what node_exporter serves): comments and blank lines skipped,
/// labels with escaped quotes, optional timestamps ignored. Only the metrics asked for are kept, so a large
/// endpoint costs little. A line that does not parse is counted, never fatal.
/// </summary>
public static class PrometheusText
{
    /// <summary>The samples of the metrics in <paramref name="wanted"/> (all when null); <paramref name="malformed"/> counts bad lines.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string text, IReadOnlySet<string>? wanted, out int malformed)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        malformed = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny('{', ' ', '\t');
            if (nameEnd <= 0)
            {
                malformed++;
                continue;
            }

            var name = line[..nameEnd].ToString();
            if (wanted is not null && !wanted.Contains(name))
            {
                continue;
            }

            var rest = line[nameEnd..];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (rest[0] == '{' && !TryLabels(ref rest, labels))
            {
                malformed++;
                continue;
            }

            rest = rest.TrimStart();
            var valueEnd = rest.IndexOfAny(' ', '\t');
            var valueText = valueEnd < 0 ? rest : rest[..valueEnd];
            if (!TryValue(valueText, out var value))
            {
                malformed++;
                continue;
            }

            samples.Add(new PrometheusSample(name, labels, value));
        }

        return samples;
    }

    private static bool TryValue(ReadOnlySpan<char> s, out double value)
    {
        switch (s)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static bool TryLabels(ref ReadOnlySpan<char> rest, Dictionary<string, string> labels)
    {
        var i = 1;
        var value = new System.Text.StringBuilder();
        while (i < rest.Length)
        {
            while (i < rest.Length && (rest[i] == ' ' || rest[i] == ','))
            {
                i++;
            }

            if (i < rest.Length && rest[i] == '}')
            {
                rest = rest[(i + 1)..];
                return true;
            }

            var eq = rest[i..].IndexOf('=');
            if (eq <= 0 || i + eq + 1 >= rest.Length || rest[i + eq + 1] != '"')
            {
                return false;
            }

            var key = rest.Slice(i, eq).Trim().ToString();
            i += eq + 2;
            value.Clear();
            var closed = false;
            while (i < rest.Length)
            {
                var c = rest[i++];
                if (c == '\\' && i < rest.Length)
                {
                    var n = rest[i++];
                    value.Append(n switch { 'n' => '\n', _ => n });
                }
                else if (c == '"')
                {
                    closed = true;
                    break;
                }
                else
                {
                    value.Append(c);
                }
            }

            if (!closed)
            {
                return false;
            }

            labels[key] = value.ToString();
        }

        return false;
    }
}
