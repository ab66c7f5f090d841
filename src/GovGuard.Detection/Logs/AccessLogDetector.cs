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
    private readonly int[] _rateHits;
    private readonly RateTally? _tally;
    private long _lastTime;

    public AccessLogDetector(LogRuleSet rules, AccessLogOptions options)
        : this(rules, options, countRates: true)
    {
    }

    /// <summary>A detector whose rate rules are counted elsewhere (<see cref="MatchRates"/> says which lines count).</summary>
    internal AccessLogDetector(LogRuleSet rules, AccessLogOptions options, bool countRates)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _rateHits = new int[rules.Rates.Count];
        _tally = countRates && rules.Rates.Count > 0 ? new RateTally(rules, options) : null;
    }

    /// <summary>Regular expressions that ran out of time (the line was then not matched by that rule).</summary>
    public long RegexTimeouts { get; private set; }

    /// <summary>Inspects one line (without its newline); false when the line is malformed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Inspect(ReadOnlySpan<byte> line, long lineNumber, ICollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (!InspectPatterns(line, lineNumber, findings, out var entry))
        {
            return false;
        }

        if (_tally is not null)
        {
            var now = entry.UnixSeconds ?? _lastTime;
            _lastTime = now;
            var n = MatchRates(entry, out var hits);
            for (var i = 0; i < n; i++)
            {
                _tally.Add(hits[i], RateTally.ClientBytes(entry.Client), now, lineNumber, RateTally.RequestBytes(entry.Request), findings);
            }
        }

        return true;
    }

    /// <summary>Parses the line and applies the pattern rules; the rate rules are left to the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool InspectPatterns(ReadOnlySpan<byte> line, long lineNumber, ICollection<Finding> findings, out AccessLogLine entry)
    {
        if (!AccessLogLine.TryParse(line, _options.Format, out entry))
        {
            return false;
        }

        var any = false;
        if (entry.Target.Length > 0)
        {
            any |= Match(LogField.Target, entry.Target, true, entry.Method);
            if (_rules.Anchors[(int)LogField.Path] is not null)
            {
                var q = entry.Target.IndexOf((byte)'?');
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

            Array.Clear(_hit);
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
        if (_normalizer.TryPlainLower(raw, out var plain) && !anchors.In(plain))
        {
            return false;
        }

        var text = _normalizer.Normalize(raw, plusIsSpace);
        if (!anchors.In(text))
        {
            return false;
        }

        var hit = false;
        foreach (var compiled in _rules.RulesByField[(int)field])
        {
            var rule = compiled.Rule;
            var slot = compiled.Slot;
            if (_hit[slot] is { } already && already.Severity >= rule.Severity)
            {
                continue;
            }

            if (rule.Method is { } m && !MethodIs(method, m))
            {
                continue;
            }

            if (!compiled.Keywords.In(text) || !Confirms(compiled.Pattern, text))
            {
                continue;
            }

            _hit[slot] = rule;
            _hitField[slot] = field;
            hit = true;
        }

        return hit;
    }

    private bool Confirms(AdaptiveRegex? pattern, ReadOnlySpan<char> text)
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

    internal static bool MethodIs(ReadOnlySpan<byte> method, string expected)
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

    /// <summary>Which rate rules count this line: their indexes in <see cref="LogRuleSet.Rates"/>, valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int MatchRates(in AccessLogLine entry, out ReadOnlySpan<int> hits)
    {
        ReadOnlySpan<char> path = default;
        var pathReady = false;
        var n = 0;
        var rates = _rules.CompiledRates;
        for (var i = 0; i < rates.Length; i++)
        {
            var rule = rates[i].Rule;
            if (rule.Statuses is { } st && !st.Contains(entry.Status))
            {
                continue;
            }

            if (rule.Method is { } m && !MethodIs(entry.Method, m))
            {
                continue;
            }

            if (rates[i].PathPattern is { } p)
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

            _rateHits[n++] = i;
        }

        hits = _rateHits.AsSpan(0, n);
        return n;
    }

    internal static string Utf8(ReadOnlySpan<byte> s) =>
        Encoding.UTF8.GetString(s.Length > Finding.MaxEvidenceLength * 2 ? s[..(Finding.MaxEvidenceLength * 2)] : s);
}

/// <summary>
/// Per-client counts of the rate rules, in windows that open at a client's first matching line. Fed in
/// line order (by the detector itself, or by the scanner after the parallel pattern pass).
/// </summary>
internal sealed class RateTally
{
    /// <summary>Client addresses are compared on their first this many bytes.</summary>
    public const int MaxClientBytes = 64;

    private readonly AccessLogOptions _options;
    private readonly RateCounter[] _counters;
    private long _sincePrune;

    public RateTally(LogRuleSet rules, AccessLogOptions options)
    {
        _options = options;
        _counters = [.. rules.Rates.Select(r => new RateCounter(r))];
    }

    public static ReadOnlySpan<byte> ClientBytes(ReadOnlySpan<byte> client) => client.Length > MaxClientBytes ? client[..MaxClientBytes] : client;

    public static ReadOnlySpan<byte> RequestBytes(ReadOnlySpan<byte> request) =>
        request.Length > Finding.MaxEvidenceLength * 2 ? request[..(Finding.MaxEvidenceLength * 2)] : request;

    /// <summary>Counts one line of client <paramref name="client"/> for rate rule <paramref name="rate"/>.</summary>
    public void Add(int rate, ReadOnlySpan<byte> client, long now, long lineNumber, ReadOnlySpan<byte> request, ICollection<Finding> findings)
    {
        var counter = _counters[rate];
        Span<char> buffer = stackalloc char[client.Length];
        Encoding.Latin1.GetChars(client, buffer);
        ReadOnlySpan<char> chars = buffer;
        if (counter.Add(chars, now) is { } count)
        {
            var rule = counter.Rule;
            findings.Add(new Finding(rule.Category, rule.Severity, _options.Target, null, null, lineNumber, rule.Id,
                _options.Language.Pick(rule.MessageZh, rule.MessageEn),
                $"{chars}: {count} {_options.Language.Pick("次/", "in ")}{rule.WindowSeconds}s; {AccessLogDetector.Utf8(request)}"));
        }

        // Forget clients whose window closed long ago, so memory stays flat on any log size.
        if (++_sincePrune >= 65536)
        {
            _sincePrune = 0;
            foreach (var c in _counters)
            {
                c.Prune(now);
            }
        }
    }

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
