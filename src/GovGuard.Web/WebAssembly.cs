namespace GovGuard.Web;

/// <summary>Anchor type for the web assembly.</summary>
public static class WebAssemblyAnchor
{
}
