using System.Text;
using GovGuard.Detection.Http;

namespace GovGuard.Detection.Exposure;

/// <summary>
/// How a site answers for a path that cannot exist. Many sites answer 200 with their home page or a
/// friendly error page for everything (soft 404); a probe whose answer looks like this one is not an
/// exposure, whatever its status. Built from the response to a random path the caller fetched first.
/// </summary>
public sealed class Soft404Profile
{
    // Two bodies this close (shared word pairs over all word pairs) are the same page with a different echo or clock.
    private const double SameThreshold = 0.90;

    private readonly HashSet<ulong> _shingles;

    private Soft404Profile(int status, string mediaType, string normalized, HashSet<ulong> shingles)
    {
        Status = status;
        MediaType = mediaType;
        Normalized = normalized;
        _shingles = shingles;
    }

    /// <summary>Status the site gave for the random path.</summary>
    public int Status { get; }

    /// <summary>Its media type ("text/html").</summary>
    public string MediaType { get; }

    /// <summary>The body with the requested path, digits and blanks normalised out.</summary>
    internal string Normalized { get; }

    /// <summary>
    /// Requests for paths that cannot exist, built from a random token the caller chooses (a new GUID per
    /// scan): a bare name, a script, an archive and a dot-folder file, since sites often route these differently.
    /// </summary>
    public static IReadOnlyList<ProbeRequest> CanaryRequests(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (!token.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("the token is letters and digits only", nameof(token));
        }

        return [ProbeRequest.Get($"/{token}"), ProbeRequest.Get($"/{token}.php"), ProbeRequest.Get($"/{token}.zip"), ProbeRequest.Get($"/.{token}/HEAD")];
    }

    /// <summary>Profiles the answer to a random, non-existent path.</summary>
    public static Soft404Profile From(HttpResponseView response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var normalized = Normalize(response);
        return new Soft404Profile(response.Status, response.MediaType, normalized, Shingles(normalized));
    }

    /// <summary>True when <paramref name="response"/> is this site's not-found answer again, not real content.</summary>
    public bool Resembles(HttpResponseView response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Status != Status || !string.Equals(response.MediaType, MediaType, StringComparison.Ordinal))
        {
            return false;
        }

        var normalized = Normalize(response);
        if (string.Equals(normalized, Normalized, StringComparison.Ordinal))
        {
            return true;
        }

        var longer = Math.Max(normalized.Length, Normalized.Length);
        if (longer == 0 || Math.Abs(normalized.Length - Normalized.Length) > longer * (1 - SameThreshold) + 16)
        {
            return false;
        }

        var other = Shingles(normalized);
        if (other.Count == 0 || _shingles.Count == 0)
        {
            return false;
        }

        var shared = 0;
        foreach (var h in other)
        {
            if (_shingles.Contains(h))
            {
                shared++;
            }
        }

        return (double)shared / (other.Count + _shingles.Count - shared) >= SameThreshold;
    }

    /// <summary>True when any of the profiles resembles the response.</summary>
    public static bool AnyResembles(IReadOnlyList<Soft404Profile> profiles, HttpResponseView response)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        foreach (var p in profiles)
        {
            if (p.Resembles(response))
            {
                return true;
            }
        }

        return false;
    }

    // Error pages echo the requested path ("/www.zip 不存在") and carry clocks and request ids: take them out.
    internal static string Normalize(HttpResponseView response)
    {
        var text = response.Text;
        var path = response.Url.AbsolutePath;
        var decoded = Uri.UnescapeDataString(path);
        var name = decoded[(decoded.LastIndexOf('/') + 1)..];
        var stem = name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : name;
        foreach (var echo in new[] { response.Url.PathAndQuery, path, decoded, name, stem }.Where(e => e.Length >= 3).Distinct().OrderByDescending(e => e.Length))
        {
            text = text.Replace(echo, " ", StringComparison.OrdinalIgnoreCase);
        }

        var sb = new StringBuilder(text.Length);
        var blank = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                blank = true;
                continue;
            }

            if (blank && sb.Length > 0)
            {
                sb.Append(' ');
            }

            blank = false;
            sb.Append(char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static HashSet<ulong> Shingles(string normalized)
    {
        var set = new HashSet<ulong>();
        ulong previous = 0;
        var start = -1;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var word = i < normalized.Length && (char.IsLetterOrDigit(normalized[i]) || normalized[i] > 0x2e80);
            if (word && start < 0)
            {
                start = i;
            }
            else if (!word && start >= 0)
            {
                var h = Fnv(normalized.AsSpan(start, i - start));
                set.Add((previous * 31) ^ h);
                previous = h;
                start = -1;
            }
        }

        return set;
    }

    private static ulong Fnv(ReadOnlySpan<char> s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
