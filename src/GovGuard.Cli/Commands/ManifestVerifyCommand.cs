using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Manifest;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard manifest verify DIR --manifest FILE [--format text|json]`: exit 0 only on an exact match.</summary>
public static class ManifestVerifyCommand
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Indented = false,
    };

    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "要校验的目录 / the directory to check" };
        var manifest = new Option<string>("--manifest", "-m")
        {
            Description = "由 manifest create 生成的清单文件 / a manifest written by `manifest create`",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "输出格式 text|json（默认 text）/ output format",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "json");

        var cmd = new Command("verify",
            "将目录与清单比对，列出缺失、多出和被修改的文件；完全一致时退出码为 0，否则为 1 / compare DIR with a manifest; lists missing, extra and altered files; exits 0 only when they match, 1 otherwise")
        {
            dir, manifest, format,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) =>
            Task.Run(() => Run(r, r.GetValue(dir)!, r.GetValue(manifest)!, r.GetValue(format) == "json", ct), ct));
        return cmd;
    }

    private static int Run(ParseResult r, string dir, string manifestPath, bool json, CancellationToken ct)
    {
        var stdout = r.InvocationConfiguration.Output;
        var stderr = r.InvocationConfiguration.Error;
        if (!Directory.Exists(dir))
        {
            stderr.WriteLine($"找不到目录 / directory not found: {dir}");
            return ExitCodes.Failure;
        }

        if (!File.Exists(manifestPath))
        {
            stderr.WriteLine($"找不到清单文件 / manifest not found: {manifestPath}");
            return ExitCodes.Failure;
        }

        var progress = new ManifestProgress(stderr, "manifest verify");
        var result = ManifestVerifier.Verify(dir, manifestPath, null, json ? null : d =>
        {
            progress.Done();
            stdout.WriteLine(TextLine(d));
        }, ct);
        progress.Done();

        if (!result.Manifest.IsValid)
        {
            stderr.WriteLine($"清单文件无效 / invalid manifest {manifestPath}: {result.Manifest.Describe()}.");
            return ExitCodes.Failure;
        }

        if (json)
        {
            stdout.WriteLine(Json(result, dir, manifestPath));
        }
        else
        {
            stdout.WriteLine(Summary(result, manifestPath));
        }

        return result.Match ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static string TextLine(ManifestDifference d) =>
        $"{d.Kind.ToWire(),-13}{ManifestPath.Escape(d.Path)}  ({d.Detail})";

    private static string Summary(ManifestVerification v, string manifestPath)
    {
        var h = v.Manifest.Header!;
        if (v.Match)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"一致 / match: {v.Checked:N0} entries match {manifestPath} ({h.Algorithm.ToWire()}, created {ManifestFormat.FormatTime(h.Created)})");
        }

        var counts = string.Join(", ", v.Differences.GroupBy(d => d.Kind).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key.ToWire()}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"不一致 / mismatch: {v.Differences.Count:N0} differences ({counts}) against {manifestPath}");
    }

    private static string Json(ManifestVerification v, string dir, string manifestPath)
    {
        var h = v.Manifest.Header!;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteBoolean("match", v.Match);
            w.WriteString("root", dir);
            w.WriteString("manifest", manifestPath);
            w.WriteString("algorithm", h.Algorithm.ToWire());
            w.WriteString("created", ManifestFormat.FormatTime(h.Created));
            // The manifest's own hash: ties this result to the exact manifest it was checked against.
            w.WriteString("manifest_hash", v.Manifest.SelfHash);
            w.WriteNumber("manifest_entries", v.Manifest.Entries);
            w.WriteNumber("checked", v.Checked);
            w.WriteStartObject("summary");
            foreach (var kind in Enum.GetValues<ManifestDifferenceKind>())
            {
                w.WriteNumber(kind.ToWire(), v.Differences.Count(d => d.Kind == kind));
            }

            w.WriteEndObject();
            w.WriteStartArray("differences");
            foreach (var d in v.Differences)
            {
                w.WriteStartObject();
                w.WriteString("kind", d.Kind.ToWire());
                w.WriteString("path", d.Path);
                WriteEntry(w, "expected", d.Expected);
                WriteEntry(w, "actual", d.Actual);
                w.WriteString("detail", d.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteEntry(Utf8JsonWriter w, string name, ManifestEntry? e)
    {
        if (e is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("type", ManifestVerifier.Describe(e.Type));
        if (e.Size is { } size)
        {
            w.WriteNumber("size", size);
        }
        else
        {
            w.WriteNull("size");
        }

        w.WriteString("hash", e.Hash);
        w.WriteString("target", e.LinkTarget);
        w.WriteString("error", e.Error);
        w.WriteEndObject();
    }
}
