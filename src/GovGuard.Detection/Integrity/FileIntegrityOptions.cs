namespace GovGuard.Detection.Integrity;

/// <summary>Settings of the web-root integrity comparison.</summary>
public sealed class FileIntegrityOptions
{
    /// <summary>
    /// Extensions (lower case, with the dot) that a web server executes or a browser runs; a change
    /// to one of them is how webshells and injected scripts arrive, so it is reported as high.
    /// </summary>
    public IReadOnlySet<string> ExecutableExtensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".php", ".php3", ".php4", ".php5", ".php7", ".phtml", ".phar", ".inc",
        ".jsp", ".jspx", ".jspf", ".asp", ".aspx", ".ashx", ".asmx", ".ascx", ".cshtml", ".cer", ".asa",
        ".js", ".mjs", ".html", ".htm", ".shtml", ".shtm", ".xhtml", ".stm", ".svg",
        ".cgi", ".pl", ".py", ".sh",
    };

    /// <summary>File names that change how the server executes files (.htaccess can make .jpg run as PHP).</summary>
    public IReadOnlySet<string> ServerConfigNames { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".htaccess", ".user.ini", "web.config", "php.ini",
    };

    /// <summary>Message language.</summary>
    public Findings.MessageLanguage Language { get; init; } = Findings.MessageLanguage.Chinese;

    /// <summary>Hashing threads, buffer size and excluded paths for the walk.</summary>
    public Manifest.ManifestTreeOptions Tree { get; init; } = new();
}
