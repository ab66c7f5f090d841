using System.Diagnostics;
using System.Text;

namespace GovGuard.Detection.Tests.Manifest;

/// <summary>A real directory tree in the temp folder for one test; deleted afterwards.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Base = Path.Combine(Path.GetTempPath(), "govguard-manifest-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Base, "www");
        Directory.CreateDirectory(Root);
    }

    /// <summary>Holds Root and room for manifests next to it.</summary>
    public string Base { get; }

    public string Root { get; }

    public string ManifestPath => Path.Combine(Base, "manifest.txt");

    public string Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

    public string Write(string relative, byte[] content)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string Full(string relative) => Path.Combine(Root, relative);

    /// <summary>Runs a shell command in the root (for names .NET cannot spell, e.g. invalid UTF-8).</summary>
    public void Shell(string script)
    {
        var psi = new ProcessStartInfo("/bin/sh") { WorkingDirectory = Root, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "shell failed: " + err);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the system too.
        }
    }
}

/// <summary>A clock that stands still, so two manifests of one tree are byte-identical.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
