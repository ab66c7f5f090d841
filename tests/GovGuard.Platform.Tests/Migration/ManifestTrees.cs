using System.Text;
using System.Text.Json;
using GovGuard.Detection.Manifest;

namespace GovGuard.Platform.Tests.Migration;

/// <summary>Real directory trees and the manifests <c>govguard manifest create</c> writes of them, in a temp folder deleted afterwards.</summary>
public sealed class ManifestTrees : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), "govguard-trees-" + Guid.NewGuid().ToString("N"));
    private int _manifests;

    public string Tree(string name, params (string Path, string Content)[] files)
    {
        var root = Path.Combine(_base, name);
        Directory.CreateDirectory(root);
        foreach (var (path, content) in files)
        {
            Write(root, path, content);
        }

        return root;
    }

    public static void Write(string root, string path, string content)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, Encoding.UTF8);
    }

    /// <summary>Writes a manifest of <paramref name="root"/> and returns its bytes.</summary>
    public byte[] Manifest(string root, ManifestAlgorithm algorithm = ManifestAlgorithm.Sha256)
    {
        var path = Path.Combine(_base, $"manifest-{Interlocked.Increment(ref _manifests)}.txt");
        new ManifestBuilder(TimeProvider.System).BuildFile(root, path, algorithm);
        return File.ReadAllBytes(path);
    }

    /// <summary>The manifest's own hash, as its closing line records it.</summary>
    public static string SelfHash(byte[] manifest)
    {
        using var s = new MemoryStream(manifest);
        return ManifestReader.Check(s).SelfHash!;
    }

    /// <summary>What <c>govguard manifest verify --format json</c> prints, from the same verifier the command runs.</summary>
    public byte[] VerifyResult(string root, byte[] manifest)
    {
        var path = Path.Combine(_base, $"verify-{Interlocked.Increment(ref _manifests)}.txt");
        File.WriteAllBytes(path, manifest);
        var v = ManifestVerifier.Verify(root, path);
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["match"] = v.Match,
            ["algorithm"] = v.Manifest.Header!.Algorithm.ToWire(),
            ["manifest_hash"] = v.Manifest.SelfHash,
            ["manifest_entries"] = v.Manifest.Entries,
            ["checked"] = v.Checked,
            ["differences"] = v.Differences.Select(d => new Dictionary<string, string> { ["kind"] = d.Kind.ToWire(), ["path"] = d.Path, ["detail"] = d.Detail }).ToList(),
        });
    }

    public void Dispose()
    {
        if (Directory.Exists(_base))
        {
            Directory.Delete(_base, recursive: true);
        }
    }
}
