namespace GovGuard.Detection.Html;

/// <summary>A set of host names where each entry also covers its subdomains (gov.cn covers www.beijing.gov.cn).</summary>
public sealed class HostSet
{
    private readonly HashSet<string> _hosts = new(StringComparer.Ordinal);

    /// <summary>The entries, lower-case.</summary>
    public IReadOnlyCollection<string> Entries => _hosts;

    /// <summary>Adds a host (lower-cased, leading "*." and trailing dot dropped).</summary>
    public void Add(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var h = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (h.StartsWith("*.", StringComparison.Ordinal))
        {
            h = h[2..];
        }

        if (h.Length > 0)
        {
            _hosts.Add(h);
        }
    }

    /// <summary>True when the host or one of its parent domains is in the set.</summary>
    public bool Contains(string? host) => Match(host) is not null;

    /// <summary>The entry that covers the host, or null.</summary>
    public string? Match(string? host)
    {
        if (string.IsNullOrEmpty(host) || _hosts.Count == 0)
        {
            return null;
        }

        var h = host.TrimEnd('.').ToLowerInvariant();
        while (true)
        {
            if (_hosts.Contains(h))
            {
                return h;
            }

            int dot = h.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                return null;
            }

            h = h[(dot + 1)..];
        }
    }
}
