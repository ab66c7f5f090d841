using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Tests.TestServers;

/// <summary>
/// A resolver for test names: each name answers its queued answers in turn (the last one repeats), so a test can
/// make <c>rebind.test</c> resolve to 127.0.0.1 first and to 10.0.0.1 next. Unknown names fail like NXDOMAIN.
/// </summary>
public sealed class MapResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, Queue<IPAddress[]>> answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds answers for <paramref name="host"/>, given in the order they are to be returned.</summary>
    public MapResolver Map(string host, params string[][] inTurn)
    {
        answers[host] = new Queue<IPAddress[]>(inTurn.Select(a => a.Select(IPAddress.Parse).ToArray()));
        return this;
    }

    public int Calls(string host) => calls.TryGetValue(host, out var n) ? n : 0;

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        calls.AddOrUpdate(host, 1, (_, n) => n + 1);
        if (!answers.TryGetValue(host, out var queue))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        lock (queue)
        {
            var answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
            return Task.FromResult<IReadOnlyList<IPAddress>>(answer);
        }
    }
}
