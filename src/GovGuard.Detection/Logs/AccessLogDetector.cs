using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using GovGuard.Detection.Findings;

namespace GovGuard.Detection.Logs;

/// <summary>Settings of one log scan.</summary>
public sealed record AccessLogOptions
{
    /// <summary>The log as the user named it; becomes every finding's <c>target</c>.</summary>
    public string Target { get; init; } = "-";

    public AccessLogFormat Format { get; init; } = AccessLogFormat.Combined;

    public MessageLanguage Language { get; init; } = MessageLanguage.Chinese;
}

/// <summary>
/// Looks at access-log lines one by one for attacks (GB/T 38249 7.3 b: monitor website access and
/// alert on attacks). Pattern rules give at most one finding per category per line; rate rules give one
/// finding per client per window. One instance per thread: it keeps buffers and per-client counters.
/// </summary>
public sealed class AccessLogDetector
{
    private const int CategorySlots = 7;
    private readonly LogRuleSet _rules;
    private readonly AccessLogOptions _options;
    private readonly RequestNormalizer _normalizer = new();
    private readonly LogPatternRule?[] _hit = new LogPatternRule?[CategorySlots];
    private readonly LogField[] _hitField = new LogField[CategorySlots];
    private readonly RateCounter[] _counters;
    private long _lastTime;
    private long _linesSincePrune;

    public AccessLogDetector(LogRuleSet rules, AccessLogOptions options)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _counters = rules.Rates.Select(r => new RateCounter(r)).ToArray();
    }

    /// <summary>Regular expressions that ran out of time (the line was then not matched by that rule).</summary>
    public long RegexTimeouts { get; private set; }

    /// <summary>Inspects one line (without its newline); false when the line is malformed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Inspect(ReadOnlySpan<byte> line, long lineNumber, ICollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (!AccessLogLine.TryParse(line, _options.Format, out var entry))
        {
            return false;
        }

        Array.Clear(_hit);
        var any = false;
        if (entry.Target.Length > 0)
        {
            any |= Match(LogField.Target, entry.Target, true, entry.Method);
            var q = entry.Target.IndexOf((byte)'?');
            if (_rules.Anchors[(int)LogField.Path] is not null)
            {
                any |= Match(LogField.Path, q < 0 ? entry.Target : entry.Target[..q], false, entry.Method);
            }
        }

        if (entry.UserAgent.Length > 1)
        {
            any |= Match(LogField.UserAgent, entry.UserAgent, false, entry.Method);
        }

        if (entry.Referer.Length > 1)
        {
            any |= Match(LogField.Referer, entry.Referer, true, entry.Method);
        }

        if (any)
        {
            for (var i = 0; i < CategorySlots; i++)
            {
                if (_hit[i] is { } rule)
                {
                    var evidence = _hitField[i] is LogField.UserAgent or LogField.Referer
                        ? $"{Utf8(entry.Request)} {(_hitField[i] == LogField.UserAgent ? "UA" : "Referer")}: {Utf8(_hitField[i] == LogField.UserAgent ? entry.UserAgent : entry.Referer)}"
                        : Utf8(entry.Request);
                    findings.Add(new Finding(rule.Category, rule.Severity, _options.Target, null, null, lineNumber, rule.Id,
                        _options.Language.Pick(rule.MessageZh, rule.MessageEn), evidence));
                }
            }
        }

        if (_counters.Length > 0)
        {
            Count(entry, lineNumber, findings);
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Match(LogField field, ReadOnlySpan<byte> raw, bool plusIsSpace, ReadOnlySpan<byte> method)
    {
        if (_rules.Anchors[(int)field] is not { } anchors)
        {
            return false;
        }

        // Most lines are plain ASCII with nothing encoded: look for keywords in the raw text first and
        // decode only when one occurs, or when the field holds something decoding could reveal.
        if (_normalizer.TryPlain(raw, out var plain) && plain.IndexOfAny(anchors) < 0)
        {
            return false;
        }

        var text = _normalizer.Normalize(raw, plusIsSpace);
        if (text.IndexOfAny(anchors) < 0)
        {
            return false;
        }

        var hit = false;
        foreach (var rule in _rules.RulesByField[(int)field])
        {
            var slot = Slot(rule.Category);
            if (_hit[slot] is { } already && already.Severity >= rule.Severity)
            {
                continue;
            }

            if (rule.Method is { } m && !MethodIs(method, m))
            {
                continue;
            }

            if (!HasKeyword(text, rule.Keywords) || !Confirms(rule.Pattern, text))
            {
                continue;
            }

            _hit[slot] = rule;
            _hitField[slot] = field;
            hit = true;
        }

        return hit;
    }

    private static bool HasKeyword(ReadOnlySpan<char> text, IReadOnlyList<string> keywords)
    {
        for (var i = 0; i < keywords.Count; i++)
        {
            if (text.Contains(keywords[i], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool Confirms(Regex? pattern, ReadOnlySpan<char> text)
    {
        if (pattern is null)
        {
            return true;
        }

        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            RegexTimeouts++;
            return false;
        }
    }

    private static bool MethodIs(ReadOnlySpan<byte> method, string expected)
    {
        if (method.Length != expected.Length)
        {
            return false;
        }

        for (var i = 0; i < method.Length; i++)
        {
            if ((method[i] & ~0x20) != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(in AccessLogLine entry, long lineNumber, ICollection<Finding> findings)
    {
        var now = entry.UnixSeconds ?? _lastTime;
        _lastTime = now;
        ReadOnlySpan<char> path = default;
        var pathReady = false;
        Span<char> client = stackalloc char[Math.Min(entry.Client.Length, 64)];
        var clientReady = false;
        foreach (var counter in _counters)
        {
            var rule = counter.Rule;
            if (rule.Statuses is { } st && !st.Contains(entry.Status))
            {
                continue;
            }

            if (rule.Method is { } m && !MethodIs(entry.Method, m))
            {
                continue;
            }

            if (rule.PathPattern is { } p)
            {
                if (!pathReady)
                {
                    var q = entry.Target.IndexOf((byte)'?');
                    path = _normalizer.Normalize(q < 0 ? entry.Target : entry.Target[..q], false);
                    pathReady = true;
                }

                if (!Confirms(p, path))
                {
                    continue;
                }
            }

            if (!clientReady)
            {
                Encoding.Latin1.GetChars(entry.Client[..client.Length], client);
                clientReady = true;
            }

            if (counter.Add(client, now) is { } count)
            {
                var clientText = client.ToString();
                findings.Add(new Finding(rule.Category, rule.Severity, _options.Target, null, null, lineNumber, rule.Id,
                    _options.Language.Pick(rule.MessageZh, rule.MessageEn),
                    $"{clientText}: {count} {_options.Language.Pick("次/", "in ")}{rule.WindowSeconds}s; {Utf8(entry.Request)}"));
            }
        }

        if (++_linesSincePrune >= 65536)
        {
            _linesSincePrune = 0;
            foreach (var counter in _counters)
            {
                counter.Prune(now);
            }
        }
    }

    private static string Utf8(ReadOnlySpan<byte> s) =>
        Encoding.UTF8.GetString(s.Length > Finding.MaxEvidenceLength * 2 ? s[..(Finding.MaxEvidenceLength * 2)] : s);

    private static int Slot(string category) => category switch
    {
        Categories.AttackSqli => 0,
        Categories.AttackXss => 1,
        Categories.AttackTraversal => 2,
        Categories.AttackCmdi => 3,
        Categories.AttackScanner => 4,
        Categories.AttackBruteforce => 5,
        _ => 6,
    };

    /// <summary>Per-client counts of one rate rule in windows that open at a client's first matching line.</summary>
    private sealed class RateCounter(LogRateRule rule)
    {
        private readonly Dictionary<string, State> _clients = new(StringComparer.Ordinal);

        public LogRateRule Rule { get; } = rule;

        /// <summary>Counts one line; returns the count when this line reaches the threshold of its window.</summary>
        public int? Add(ReadOnlySpan<char> client, long now)
        {
            var lookup = _clients.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(client, out var state) || now - state.Start >= Rule.WindowSeconds || now < state.Start)
            {
                state = new State { Start = now };
                lookup[client] = state;
            }

            state.Count++;
            return state.Count == Rule.Threshold ? state.Count : null;
        }

        /// <summary>Forgets clients whose window closed long ago, so memory stays flat on any log size.</summary>
        public void Prune(long now)
        {
            foreach (var (key, state) in _clients)
            {
                if (now - state.Start > Rule.WindowSeconds * 2L)
                {
                    _clients.Remove(key);
                }
            }
        }

        private sealed class State
        {
            public long Start;
            public int Count;
        }
    }
}
