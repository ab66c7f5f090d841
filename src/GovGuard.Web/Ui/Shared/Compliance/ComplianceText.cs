using System.Globalization;
using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Evidence;

namespace GovGuard.Web.Ui.Shared.Compliance;

/// <summary>Names of the compliance wire codes on pages, and how old a piece of evidence is.</summary>
public static class ComplianceText
{
    public static Text Status(string code) => Name<DutyStatus>(code);

    public static Text Verdict(string? code) => code is null ? new("未评审", "Not reviewed") : Name<Verdict>(code);

    public static Text Role(string code) => Name<Role>(code);

    public static Text Phase(string code) => Name<Phase>(code);

    public static Text State(string code) => Name<LifecycleState>(code);

    public static Text EvidenceKind(string code) =>
        Terms.TryParse<SubmittedKind>(code, out var k) ? new(k.NameZh(), k.NameEn())
        : Terms.TryParse<Catalog.Duties.EvidenceKind>(code, out var c) ? new(c.NameZh(), c.NameEn()) : new(code, code);

    /// <summary>"3 天前" / "3 days ago": evidence is read with its age.</summary>
    public static Text Age(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        string N(double v) => Math.Max(0, (int)v).ToString(CultureInfo.InvariantCulture);
        return span.TotalMinutes < 1 ? new("刚刚", "just now")
            : span.TotalHours < 1 ? new($"{N(span.TotalMinutes)} 分钟前", $"{N(span.TotalMinutes)} min ago")
            : span.TotalDays < 1 ? new($"{N(span.TotalHours)} 小时前", $"{N(span.TotalHours)} h ago")
            : new($"{N(span.TotalDays)} 天前", $"{N(span.TotalDays)} days ago");
    }

    public static string Size(long? bytes) => bytes is null ? string.Empty
        : bytes < 1024 ? $"{bytes} B"
        : bytes < 1024 * 1024 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB");

    private static Text Name<T>(string code)
        where T : struct, Enum => Terms.TryParse<T>(code, out var v) ? new(v.NameZh(), v.NameEn()) : new(code, code);
}
