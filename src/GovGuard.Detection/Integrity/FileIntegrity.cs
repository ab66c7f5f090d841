using GovGuard.Detection.Findings;
using GovGuard.Detection.Manifest;

namespace GovGuard.Detection.Integrity;

/// <summary>
/// Web-root integrity (GB/T 38249 7.4.4 a): compares a web root with its integrity baseline (a
/// manifest made by <see cref="ManifestBuilder"/>) and reports each added, removed or altered
/// file as a <c>tamper.file_changed</c> finding.
/// </summary>
public static class FileIntegrity
{
    /// <summary>Rule id of an added file.</summary>
    public const string RuleAdded = "file-added";

    /// <summary>Rule id of a removed file.</summary>
    public const string RuleRemoved = "file-removed";

    /// <summary>Rule id of a file whose content changed.</summary>
    public const string RuleAltered = "file-altered";

    /// <summary>Rule id of an entry whose type changed (file to link, ...).</summary>
    public const string RuleTypeChanged = "file-type-changed";

    /// <summary>Rule id of an entry that could not be compared.</summary>
    public const string RuleUnreadable = "file-unreadable";

    /// <summary>
    /// Compares <paramref name="webRoot"/> with the baseline manifest at <paramref name="baselinePath"/>,
    /// streaming: findings come out in path order while the tree is hashed.
    /// </summary>
    /// <param name="webRoot">The web root directory; also the findings' <c>target</c>.</param>
    /// <param name="baselinePath">A manifest file (format of docs/manifest.md).</param>
    /// <param name="options">Severity lists, language, walk settings.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <exception cref="ManifestFormatException">The baseline is not a sound manifest (bad line, self-hash mismatch); names the line.</exception>
    public static IEnumerable<Finding> Compare(string webRoot, string baselinePath, FileIntegrityOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webRoot);
        ArgumentNullException.ThrowIfNull(baselinePath);
        options ??= new FileIntegrityOptions();
        var check = ManifestReader.Check(baselinePath);
        if (!check.IsValid)
        {
            throw new ManifestFormatException(check.Line ?? 0, check.Error!);
        }

        var differences = ManifestVerifier.Compare(webRoot, baselinePath, check.Header!.Algorithm, options.Tree, null, cancellationToken);
        return ToFindings(differences, webRoot, options);
    }

    /// <summary>Turns manifest differences into findings (pure; no I/O).</summary>
    public static IEnumerable<Finding> ToFindings(IEnumerable<ManifestDifference> differences, string target, FileIntegrityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(differences);
        options ??= new FileIntegrityOptions();
        foreach (var d in differences)
        {
            // A directory that appeared or vanished is reported through the files in it, except when empty.
            if (IsDirectoryOnly(d))
            {
                yield return ToFinding(d, target, options, Severity.Info);
                continue;
            }

            yield return ToFinding(d, target, options, SeverityOf(d, options));
        }
    }

    /// <summary>True when the path's extension or name makes a server execute it.</summary>
    public static bool IsExecutable(string path, FileIntegrityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new FileIntegrityOptions();
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (options.ServerConfigNames.Contains(name))
        {
            return true;
        }

        var dot = name.LastIndexOf('.');
        return dot >= 0 && options.ExecutableExtensions.Contains(name[dot..]);
    }

    private static bool IsDirectoryOnly(ManifestDifference d) =>
        d.Kind is ManifestDifferenceKind.Missing or ManifestDifferenceKind.Extra
        && (d.Expected ?? d.Actual)!.Type == ManifestEntryType.Directory;

    private static Severity SeverityOf(ManifestDifference d, FileIntegrityOptions options)
    {
        var executable = IsExecutable(d.Path, options);
        return d.Kind switch
        {
            // A new script in a web root is the typical webshell drop.
            ManifestDifferenceKind.Extra => executable ? Severity.High : Severity.Low,
            ManifestDifferenceKind.Altered => executable ? Severity.High : Severity.Medium,
            ManifestDifferenceKind.Missing => executable ? Severity.Medium : Severity.Low,
            // A file swapped for a link can expose files outside the web root.
            ManifestDifferenceKind.TypeChanged => Severity.High,
            _ => Severity.Medium,
        };
    }

    private static Finding ToFinding(ManifestDifference d, string target, FileIntegrityOptions options, Severity severity)
    {
        var lang = options.Language;
        var (rule, message) = d.Kind switch
        {
            ManifestDifferenceKind.Extra => (RuleAdded, lang.Pick("网站目录中出现了完整性基线中没有的文件", "A file not in the integrity baseline was added to the web root")),
            ManifestDifferenceKind.Missing => (RuleRemoved, lang.Pick("完整性基线中的文件已从网站目录中删除", "A file of the integrity baseline was removed from the web root")),
            ManifestDifferenceKind.Altered => (RuleAltered, lang.Pick("文件内容与完整性基线不一致，已被修改", "The file's content differs from the integrity baseline")),
            ManifestDifferenceKind.TypeChanged => (RuleTypeChanged, lang.Pick("文件类型与完整性基线不一致（如文件被替换为符号链接）", "The entry's type differs from the integrity baseline (e.g. a file replaced by a symbolic link)")),
            _ => (RuleUnreadable, lang.Pick("文件无法读取，无法与完整性基线比对", "The file cannot be read, so it cannot be checked against the integrity baseline")),
        };
        return new Finding(Categories.TamperFileChanged, severity, target, null, d.Path, null, rule, message,
            Finding.Excerpt(d.Path + ": " + d.Detail));
    }
}
