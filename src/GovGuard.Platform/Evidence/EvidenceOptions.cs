namespace GovGuard.Platform.Evidence;

/// <summary>Where evidence files live and how large they may be (configuration section <c>GovGuard:Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    public const string Section = "GovGuard:Evidence";

    /// <summary>The largest file accepted, in bytes; 20 MiB by default.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The evidence folder; empty means <c>evidence</c> under the data folder.</summary>
    public string? Directory { get; set; }
}

/// <summary>Fixed limits of evidence fields.</summary>
public static class EvidenceLimits
{
    public const int MaxText = 20000;
    public const int MaxTitle = 200;
    public const int MaxFileName = 255;
    public const int MaxNote = 2000;

    /// <summary>The largest number of entries read from an uploaded zip-based document.</summary>
    public const int MaxZipEntries = 5000;
}
