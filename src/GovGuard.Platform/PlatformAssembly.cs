namespace GovGuard.Platform;

/// <summary>Anchor type for the platform assembly.</summary>
public static class PlatformAssembly
{
}
