using System.Net;
using GovGuard.Platform.Fetching;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Notifications;

/// <summary>
/// The guarded fetcher notices go through: the process's fetch options and resolver, so the same SSRF guard
/// and allow-list apply, but no fetch logging — robot URLs carry their access token in the path or query,
/// and only the host may be logged (the notification log does that).
/// </summary>
public sealed class NotificationHttp : IDisposable
{
    private readonly IHostResolver _resolver;

    public NotificationHttp(IOptions<FetchOptions> options, IHostResolver resolver, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _resolver = resolver;
        Fetcher = new GuardedFetcher(options.Value, resolver, time, logger: null);
    }

    public GuardedFetcher Fetcher { get; }

    /// <summary>Checks a webhook URL when a channel is saved, with DNS, as a send would.</summary>
    public Task<TargetValidation> ValidateUrlAsync(string url, CancellationToken ct) => Fetcher.ValidateTargetAsync(url, ct);

    /// <summary>Resolves an SMTP host and checks every address with the SSRF guard; the first address is the one to connect to.</summary>
    public async Task<(IPAddress? Address, string? Error)> CheckHostAsync(string host, CancellationToken ct)
    {
        IReadOnlyList<IPAddress> addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await _resolver.ResolveAsync(host, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return (null, $"the name {host} could not be resolved");
            }
        }

        if (addresses.Count == 0)
        {
            return (null, $"the name {host} has no addresses");
        }

        foreach (var a in addresses)
        {
            var verdict = Fetcher.Guard.Check(a);
            if (!verdict.Allowed)
            {
                return (null, $"refused by {verdict.Rule}");
            }
        }

        return (addresses[0], null);
    }

    public void Dispose() => Fetcher.Dispose();
}
