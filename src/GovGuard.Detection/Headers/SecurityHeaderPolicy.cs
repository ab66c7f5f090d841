using GovGuard.Detection.Findings;
using GovGuard.Detection.Logs;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Headers;

/// <summary>One check of the security-header policy: whether it runs and how bad its findings are.</summary>
/// <param name="Enabled">False turns the check off.</param>
/// <param name="Severity">Severity when the header is missing (or, for disclosure checks, present).</param>
/// <param name="WeakSeverity">Severity when the header is present but weak.</param>
public sealed record HeaderCheckSettings(bool Enabled, Severity Severity, Severity WeakSeverity);

/// <summary>
/// Which security-header checks run and their severities, from <c>rules/headers/*.rules</c> or the
/// built-in defaults. Checks: csp, hsts, x-content-type-options, frame-options, referrer-policy,
/// permissions-policy, server, x-powered-by, x-aspnet-version, cookie-secure, cookie-httponly, cookie-samesite.
/// </summary>
public sealed class SecurityHeaderPolicy
{
    public const string Csp = "csp";
    public const string Hsts = "hsts";
    public const string ContentTypeOptions = "x-content-type-options";
    public const string FrameOptions = "frame-options";
    public const string ReferrerPolicy = "referrer-policy";
    public const string PermissionsPolicy = "permissions-policy";
    public const string Server = "server";
    public const string PoweredBy = "x-powered-by";
    public const string AspNetVersion = "x-aspnet-version";
    public const string CookieSecure = "cookie-secure";
    public const string CookieHttpOnly = "cookie-httponly";
    public const string CookieSameSite = "cookie-samesite";

    // Six months, the floor most browser and assessor guidance accepts for HSTS.
    private const long DefaultHstsMinimum = 15_768_000;

    private static readonly Dictionary<string, HeaderCheckSettings> Defaults = new(StringComparer.Ordinal)
    {
        [Csp] = new(true, Severity.Medium, Severity.Low),
        [Hsts] = new(true, Severity.Medium, Severity.Low),
        [ContentTypeOptions] = new(true, Severity.Low, Severity.Low),
        [FrameOptions] = new(true, Severity.Medium, Severity.Low),
        [ReferrerPolicy] = new(true, Severity.Low, Severity.Low),
        [PermissionsPolicy] = new(true, Severity.Low, Severity.Low),
        [Server] = new(true, Severity.Low, Severity.Low),
        [PoweredBy] = new(true, Severity.Low, Severity.Low),
        [AspNetVersion] = new(true, Severity.Low, Severity.Low),
        [CookieSecure] = new(true, Severity.Medium, Severity.Medium),
        [CookieHttpOnly] = new(true, Severity.Low, Severity.Low),
        [CookieSameSite] = new(true, Severity.Low, Severity.Low),
    };

    private readonly Dictionary<string, HeaderCheckSettings> _checks;

    private SecurityHeaderPolicy(Dictionary<string, HeaderCheckSettings> checks, long hstsMinimum)
    {
        _checks = checks;
        HstsMinimumMaxAge = hstsMinimum;
    }

    /// <summary>Every check on, with the default severities.</summary>
    public static SecurityHeaderPolicy Default { get; } = new(new Dictionary<string, HeaderCheckSettings>(Defaults, StringComparer.Ordinal), DefaultHstsMinimum);

    /// <summary>The check names a policy file may configure.</summary>
    public static IReadOnlyCollection<string> CheckNames => Defaults.Keys;

    /// <summary>Smallest accepted HSTS max-age, in seconds.</summary>
    public long HstsMinimumMaxAge { get; }

    /// <summary>The settings of one check.</summary>
    public HeaderCheckSettings this[string check] => _checks[check];

    /// <summary>
    /// Reads policy files: one <c>[check]</c> section per check to change, with <c>enabled = yes|no</c>,
    /// <c>severity</c>, <c>weak-severity</c> and, for hsts, <c>min-max-age</c>. Checks not named keep their defaults.
    /// </summary>
    public static SecurityHeaderPolicy Load(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var checks = new Dictionary<string, HeaderCheckSettings>(Defaults, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hsts = DefaultHstsMinimum;
        foreach (var (name, text) in files)
        {
            foreach (var s in SectionedRuleFile.Parse(name, text))
            {
                if (!Defaults.TryGetValue(s.Id, out var current))
                {
                    throw new RuleFormatException(s.File, s.Line, $"'{s.Id}' is not a header check (known: {string.Join(", ", Defaults.Keys)})");
                }

                if (!seen.Add(s.Id))
                {
                    throw new RuleFormatException(s.File, s.Line, $"header check '{s.Id}' is configured twice");
                }

                if (s.Id == Hsts)
                {
                    s.OnlyKeys("enabled", "severity", "weak-severity", "min-max-age");
                    hsts = s.GetInt("min-max-age", (int)DefaultHstsMinimum, 0, int.MaxValue);
                }
                else
                {
                    s.OnlyKeys("enabled", "severity", "weak-severity");
                }

                var enabled = s.Get("enabled") switch
                {
                    null => current.Enabled,
                    "yes" or "true" or "on" => true,
                    "no" or "false" or "off" => false,
                    _ => throw s.Error("enabled", "'enabled' is yes or no"),
                };
                checks[s.Id] = new HeaderCheckSettings(enabled, Sev(s, "severity", current.Severity), Sev(s, "weak-severity", current.WeakSeverity));
            }
        }

        return new SecurityHeaderPolicy(checks, hsts);
    }

    private static Severity Sev(RuleSection s, string key, Severity fallback) =>
        s.Get(key) is not { } text ? fallback
        : SeverityNames.TryParse(text, out var v) ? v
        : throw s.Error(key, $"'{key}' is info, low, medium, high or critical");
}
