using System.Net;

namespace GovGuard.Platform.Fetching;

/// <summary>
/// Turns a host name into addresses. The fetcher asks once per hop, checks every address and then
/// connects only to those, so what the resolver answers is exactly what is reached. Tests map test
/// names (rebind.test) to what they need; the default asks the system resolver.
/// </summary>
public interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/>; empty or an exception when it has none.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>).</summary>
public sealed class SystemHostResolver : IHostResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
