using System.Collections.Concurrent;

namespace GovGuard.Platform.Accounts;

/// <summary>Sign-in throttling per client address (configuration section <c>GovGuard:SignIn</c>).</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "GovGuard:SignIn";

    /// <summary>Failed attempts one address may make within <see cref="WindowMinutes"/> before it must wait.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    public int WindowMinutes { get; set; } = 10;

    /// <summary>Addresses remembered at most; the oldest are forgotten first, so a flood cannot exhaust memory.</summary>
    public int MaxAddresses { get; set; } = 100_000;
}

/// <summary>
/// The second line behind the per-account lockout: an address that fails too often within the window (password
/// spraying over many user names, or guessing names) is refused before any password is checked, until its oldest
/// failure leaves the window. Successful sign-ins do not count. Memory is bounded by <see cref="SignInThrottleOptions.MaxAddresses"/>.
/// </summary>
public sealed class SignInThrottle(SignInThrottleOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="address"/> must still wait; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string? address)
    {
        if (address is null || !_failures.TryGetValue(address, out var w))
        {
            return null;
        }

        lock (w)
        {
            var now = time.GetUtcNow();
            w.Drop(now - Span);
            return w.Count >= options.MaxFailuresPerAddress ? w.Oldest + Span - now : null;
        }
    }

    /// <summary>Counts one failed attempt from <paramref name="address"/>.</summary>
    public void Failed(string? address)
    {
        if (address is null)
        {
            return;
        }

        if (_failures.Count >= options.MaxAddresses && !_failures.ContainsKey(address))
        {
            Prune();
        }

        var w = _failures.GetOrAdd(address, _ => new Window());
        lock (w)
        {
            var now = time.GetUtcNow();
            w.Drop(now - Span);
            w.Add(now, options.MaxFailuresPerAddress);
        }
    }

    private TimeSpan Span => TimeSpan.FromMinutes(options.WindowMinutes);

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - Span;
        foreach (var (key, w) in _failures)
        {
            lock (w)
            {
                w.Drop(cutoff);
                if (w.Count == 0)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        // Still full of live addresses: forget the half that failed longest ago.
        if (_failures.Count >= options.MaxAddresses)
        {
            foreach (var key in _failures.OrderBy(p => p.Value.Newest).Take(_failures.Count / 2).Select(p => p.Key).ToList())
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The failure times of one address inside the window, oldest first (at most the limit kept).</summary>
    private sealed class Window
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public int Count => _times.Count;

        public DateTimeOffset Oldest => _times.Peek();

        public DateTimeOffset Newest { get; private set; }

        public void Drop(DateTimeOffset before)
        {
            while (_times.Count > 0 && _times.Peek() <= before)
            {
                _times.Dequeue();
            }
        }

        public void Add(DateTimeOffset at, int keep)
        {
            _times.Enqueue(at);
            Newest = at;
            while (_times.Count > keep)
            {
                _times.Dequeue();
            }
        }
    }
}
