using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Evidence;

/// <summary>
/// Decides whether an uploaded file is what its name says, by its bytes: the extension must be allowed and the
/// content must match it. Executables (PE, ELF, Mach-O, #! scripts), also inside zip-based documents, are refused
/// whatever they are called, so evidence can never be a payload served back to someone.
/// </summary>
public static class FileSniffer
{
    /// <summary>Allowed extensions and the content type each must have.</summary>
    public static readonly FrozenDictionary<string, string> Allowed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = "pdf",
        ["png"] = "png",
        ["jpg"] = "jpg",
        ["jpeg"] = "jpg",
        ["docx"] = "docx",
        ["xlsx"] = "xlsx",
        ["pptx"] = "pptx",
        ["odt"] = "odt",
        ["ods"] = "ods",
        ["ofd"] = "ofd",
        ["txt"] = "txt",
        ["csv"] = "csv",
        ["md"] = "md",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> TextTypes = new[] { "txt", "csv", "md" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ExecutableExtensions = new[]
    {
        "exe", "dll", "com", "scr", "msi", "sys", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta",
        "cpl", "msc", "lnk", "jar", "apk", "sh", "bash", "elf", "so", "dylib", "bin", "run", "py", "pl", "php", "jsp", "asp", "aspx",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> OfficeMainTypes = new(StringComparer.Ordinal)
    {
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    };

    private static readonly Dictionary<string, string> OpenDocumentTypes = new(StringComparer.Ordinal)
    {
        ["odt"] = "application/vnd.oasis.opendocument.text",
        ["ods"] = "application/vnd.oasis.opendocument.spreadsheet",
    };

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Elf = [0x7F, 0x45, 0x4C, 0x46];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    public static string AllowedList => string.Join(", ", Allowed.Keys.Order(StringComparer.Ordinal));

    /// <summary>The expected type of a file name's extension, or a refusal naming the field and the rule.</summary>
    public static Outcome<string> CheckName(string field, string? fileName)
    {
        var name = fileName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Refuse(field, "required", "请选择要上传的文件。", "Choose a file to upload.");
        }

        if (name.Length > EvidenceLimits.MaxFileName)
        {
            return Refuse(field, "max_length", $"文件名不能超过 {EvidenceLimits.MaxFileName} 个字符。", $"The file name must be at most {EvidenceLimits.MaxFileName} characters.");
        }

        var ext = Path.GetExtension(name).TrimStart('.');
        if (!Allowed.TryGetValue(ext, out var type))
        {
            var shown = ext.Length == 0 ? "（无扩展名）" : "." + ext;
            return Refuse(field, "extension", $"不允许上传此类文件（{shown}）；允许的类型：{AllowedList}。",
                $"Files of this type ({(ext.Length == 0 ? "no extension" : "." + ext)}) are not allowed; allowed: {AllowedList}.");
        }

        return type;
    }

    /// <summary>The kind of executable <paramref name="head"/> starts with, or null.</summary>
    public static string? ExecutableKind(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Bom))
        {
            head = head[3..];
        }

        if (head.StartsWith("MZ"u8))
        {
            return "Windows PE (MZ)";
        }

        if (head.StartsWith(Elf))
        {
            return "ELF";
        }

        if (head.Length >= 4)
        {
            var magic = (uint)(head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]);
            if (magic is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE or 0xBEBAFECA)
            {
                return "Mach-O";
            }
        }

        return head.StartsWith("#!"u8) ? "script (#!)" : null;
    }

    /// <summary>
    /// Checks a complete file on disk against its expected type. <paramref name="head"/> is its first bytes,
    /// <paramref name="hasNul"/> whether any byte was zero.
    /// </summary>
    public static Outcome<string> CheckContent(string field, string expected, string path, ReadOnlySpan<byte> head, bool hasNul)
    {
        if (ExecutableKind(head) is { } exe)
        {
            return Executable(field, exe);
        }

        var found = expected switch
        {
            "pdf" => head.StartsWith("%PDF-"u8),
            "png" => head.StartsWith(Png),
            "jpg" => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF,
            _ when TextTypes.Contains(expected) => !hasNul,
            _ => head.StartsWith(Zip),
        };
        if (!found)
        {
            return Mismatch(field, expected, Describe(head, hasNul));
        }

        return expected is "pdf" or "png" or "jpg" || TextTypes.Contains(expected) ? expected : CheckZip(field, expected, path);
    }

    private static Outcome<string> CheckZip(string field, string expected, string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > EvidenceLimits.MaxZipEntries)
            {
                return Refuse(field, "zip_entries", $"文档包含的条目过多（超过 {EvidenceLimits.MaxZipEntries} 个）。", $"The document holds too many entries (more than {EvidenceLimits.MaxZipEntries}).");
            }

            Span<byte> first = stackalloc byte[4];
            foreach (var entry in zip.Entries)
            {
                var ext = Path.GetExtension(entry.Name).TrimStart('.');
                if (ExecutableExtensions.Contains(ext) || entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                {
                    return Executable(field, $"{entry.FullName} (zip)");
                }

                if (entry.Length >= 2)
                {
                    using var s = entry.Open();
                    var n = s.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
                    if (ExecutableKind(first[..n]) is { } exe)
                    {
                        return Executable(field, $"{exe} in {entry.FullName}");
                    }
                }
            }

            var ok = expected switch
            {
                "docx" or "xlsx" or "pptx" => ReadEntry(zip, "[Content_Types].xml") is { } types && types.Contains(OfficeMainTypes[expected], StringComparison.Ordinal),
                "odt" or "ods" => ReadEntry(zip, "mimetype")?.Trim() == OpenDocumentTypes[expected],
                "ofd" => zip.GetEntry("OFD.xml") is not null,
                _ => false,
            };
            return ok ? expected : Mismatch(field, expected, "zip");
        }
        catch (InvalidDataException)
        {
            return Mismatch(field, expected, "damaged zip");
        }
    }

    private static string? ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        if (entry is null || entry.Length > 1024 * 1024)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Describe(ReadOnlySpan<byte> head, bool hasNul) =>
        head.StartsWith("%PDF-"u8) ? "pdf"
        : head.StartsWith(Zip) ? "zip"
        : head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 ? "jpg"
        : head.Length >= 4 && head[0] == 0x89 && head[1] == (byte)'P' ? "png"
        : hasNul ? "binary" : "text";

    private static Outcome<string> Executable(string field, string what) => Refuse(field, "executable",
        $"文件是可执行程序或脚本（{what}），不允许作为证据上传。", $"The file is an executable or script ({what}); it cannot be uploaded as evidence.");

    private static Outcome<string> Mismatch(string field, string expected, string found) => Refuse(field, "content_type",
        $"文件内容与扩展名 .{expected} 不符（内容为 {found}）。", $"The file's content does not match its extension .{expected} (it looks like {found}).");

    private static Outcome<string> Refuse(string field, string rule, string zh, string en) =>
        Error.Invalid([new FieldError(field, rule, new Text($"文件（{field}）：{zh}", $"File ({field}): {en}"))]);
}
