using System.Net;

namespace GovGuard.Detection.Html;

/// <summary>
/// Host name facts the page detectors weigh: the site a host belongs to (a registrable-domain approximation that
/// knows the Chinese second-level zones), same-site tests and how random a domain label looks.
/// </summary>
public static class HostNames
{
    // Second-level zones under which the registrable name is one label deeper (beijing.gov.cn, not gov.cn).
    private static readonly HashSet<string> SecondLevelZones = new(StringComparer.Ordinal)
    {
        "gov.cn", "com.cn", "net.cn", "org.cn", "edu.cn", "ac.cn", "mil.cn",
        "com.hk", "org.hk", "gov.hk", "edu.hk", "net.hk", "com.tw", "org.tw", "gov.tw", "edu.tw", "com.mo", "gov.mo",
        "co.uk", "org.uk", "gov.uk", "ac.uk", "co.jp", "ne.jp", "or.jp", "co.kr", "com.au", "net.au", "gov.au",
        "com.sg", "com.my", "com.br", "com.tr", "co.in", "com.ru", "com.ph", "com.vn", "co.th",
    };

    /// <summary>The site of a host: the host itself for IP literals and single labels, else its registrable name.</summary>
    public static string SiteOf(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host = host.TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0 || IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return host;
        }

        int last = host.LastIndexOf('.');
        if (last < 0)
        {
            return host;
        }

        int second = host.LastIndexOf('.', last - 1);
        if (second < 0)
        {
            return host;
        }

        if (SecondLevelZones.Contains(host[(second + 1)..]))
        {
            int third = host.LastIndexOf('.', second - 1);
            return third < 0 ? host : host[(third + 1)..];
        }

        return host[(second + 1)..];
    }

    /// <summary>True when both absolute URLs belong to one site (ports are ignored: a site often serves several).</summary>
    public static bool SameSite(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(SiteOf(a.IdnHost), SiteOf(b.IdnHost), StringComparison.Ordinal);
    }

    /// <summary>The last label of a host (its top-level domain), lower-case; empty for IP literals.</summary>
    public static string TopLevelOf(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host = host.TrimEnd('.');
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return "";
        }

        return host[(host.LastIndexOf('.') + 1)..].ToLowerInvariant();
    }

    /// <summary>
    /// True when the registrable label of a host looks machine-made, the way spam networks register domains in bulk:
    /// long runs of consonants, digits mixed into letters, or a long label without vowels (x7k2q9zt.com, bet365zx8.cc).
    /// Pinyin names (zhengfu, renminwang) pass: they alternate consonants and vowels.
    /// </summary>
    public static bool LooksRandom(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var site = SiteOf(host);
        int dot = site.IndexOf('.', StringComparison.Ordinal);
        var label = dot < 0 ? site : site[..dot];
        if (label.Length < 5 || IPAddress.TryParse(host, out _))
        {
            return false;
        }

        int digits = 0, letters = 0, vowels = 0, run = 0, maxRun = 0, switches = 0;
        char prevKind = ' ';
        foreach (var c in label)
        {
            char kind = char.IsAsciiDigit(c) ? 'd' : char.IsAsciiLetter(c) ? 'l' : 'o';
            if (kind == 'd')
            {
                digits++;
                run = 0;
            }
            else if (kind == 'l')
            {
                letters++;
                if ("aeiouy".Contains(c, StringComparison.Ordinal))
                {
                    vowels++;
                    run = 0;
                }
                else
                {
                    maxRun = Math.Max(maxRun, ++run);
                }
            }

            if (prevKind != ' ' && kind != prevKind && kind != 'o' && prevKind != 'o')
            {
                switches++;
            }

            prevKind = kind;
        }

        if (letters == 0)
        {
            // All digits: 6 or more (888888.com, 3456789.cc) is the number-domain style of gambling sites; five and
            // fewer are the public hotlines' own (12306.cn, 12377.cn, 95598.cn, 10086.cn).
            return digits >= 6;
        }

        return maxRun >= 5
            || (digits >= 2 && letters >= 2 && switches >= 2)
            || (digits >= 3 && letters >= 2)
            || (label.Length >= 8 && vowels * 5 < letters);
    }
}
