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

    private readonly string _text;
    private readonly string[] _echoes;
    private readonly string _normalized;
    private readonly HashSet<ulong> _shingles;

    private Soft404Profile(int status, string mediaType, string text, string[] echoes)
    {
        Status = status;
        MediaType = mediaType;
        _text = text;
        _echoes = echoes;
        _normalized = Normalize(text, echoes);
        _shingles = Shingles(_normalized);
    }

    /// <summary>Status the site gave for the random path.</summary>
    public int Status { get; }

    /// <summary>Its media type ("text/html").</summary>
    public string MediaType { get; }

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
        return new Soft404Profile(response.Status, response.MediaType, response.Text, Echoes(response.Url));
    }

    /// <summary>True when <paramref name="response"/> is this site's not-found answer again, not real content.</summary>
    public bool Resembles(HttpResponseView response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Status != Status || !string.Equals(response.MediaType, MediaType, StringComparison.Ordinal))
        {
            return false;
        }

        // Both pages lose both requested paths, so an echo of either cannot tell them apart.
        var echoes = Echoes(response.Url);
        var normalized = Normalize(response.Text, [.. echoes, .. _echoes]);
        var mine = echoes.Any(e => _text.Contains(e, StringComparison.OrdinalIgnoreCase)) ? Normalize(_text, [.. echoes, .. _echoes]) : _normalized;
        if (string.Equals(normalized, mine, StringComparison.Ordinal))
        {
            return true;
        }

        var longer = Math.Max(normalized.Length, mine.Length);
        if (longer == 0 || Math.Abs(normalized.Length - mine.Length) > longer * (1 - SameThreshold) + 16)
        {
            return false;
        }

        var ownShingles = ReferenceEquals(mine, _normalized) ? _shingles : Shingles(mine);
        var other = Shingles(normalized);
        if (other.Count == 0 || ownShingles.Count == 0)
        {
            return false;
        }

        var shared = 0;
        foreach (var h in other)
        {
            if (ownShingles.Contains(h))
            {
                shared++;
            }
        }

        return (double)shared / (other.Count + ownShingles.Count - shared) >= SameThreshold;
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

    // Error pages echo the requested path ("/www.zip 不存在"): the path, decoded and as a file name.
    private static string[] Echoes(Uri url)
    {
        var path = url.AbsolutePath;
        var decoded = Uri.UnescapeDataString(path);
        var name = decoded[(decoded.LastIndexOf('/') + 1)..];
        return [.. new[] { url.PathAndQuery, path, decoded, name }.Where(e => e.Length >= 3).Distinct(StringComparer.Ordinal)];
    }

    // Echoes of the path, clocks and request ids differ between two answers of the same page: take them out.
    private static string Normalize(string text, string[] echoes)
    {
        foreach (var echo in echoes.Distinct(StringComparer.Ordinal).OrderByDescending(e => e.Length))
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
