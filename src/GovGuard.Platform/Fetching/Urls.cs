namespace GovGuard.Platform.Fetching;

/// <summary>URL identities shared by the fetcher and the crawler.</summary>
internal static class Urls
{
    /// <summary>The identity of a page: scheme, host, port, path and query (no fragment).</summary>
    public static string Key(Uri uri) => uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    public static Uri WithoutFragment(Uri uri) => uri.Fragment.Length == 0 ? uri : new Uri(Key(uri));

    /// <summary>Same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>Host and path, never the query: query strings may carry tokens.</summary>
    public static string Where(Uri url) => url.IsDefaultPort ? $"{url.IdnHost}{url.AbsolutePath}" : $"{url.IdnHost}:{url.Port}{url.AbsolutePath}";
}
