namespace GovGuard.Platform.Common;

/// <summary>
/// Coalesces concurrent reads of one expensive, always-fresh value (the monitoring overview of 10,000 websites):
/// at most one computation runs and at most one waits behind it. A caller joins only a computation that has not
/// started yet, so every answer reflects every write committed before the caller asked, as a computation of its
/// own would; sixteen callers at once cost two computations instead of sixteen competing ones.
/// </summary>
/// <remarks>
/// The caller that starts a computation (its owner) runs it on its own resources (its request's database
/// context) and awaits it to the end, whether or not its own request is cancelled meanwhile: others may be
/// waiting for it. Joiners stop waiting when their own request is cancelled.
/// </remarks>
public sealed class FreshGate<T>
{
    private readonly Lock _lock = new();
    private Task<T>? _running;
    private TaskCompletionSource<T>? _pending;

    /// <summary>Computations started so far (for tests and diagnostics).</summary>
    public int Computations { get; private set; }

    /// <summary>
    /// The value as of now: <paramref name="compute"/> is run by this caller when no computation is waiting to
    /// start, else this caller shares the one waiting.
    /// </summary>
    public async Task<T> GetAsync(Func<Task<T>> compute, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<T>? before = null;
        Task<T>? join = null;
        lock (_lock)
        {
            if (_pending is { } waiting)
            {
                join = waiting.Task;
            }
            else if (_running is { IsCompleted: false } running)
            {
                before = running;
                _pending = mine;
            }
            else
            {
                _running = mine.Task;
                Computations++;
            }
        }

        if (join is not null)
        {
            return await join.WaitAsync(ct).ConfigureAwait(false);
        }

        if (before is not null)
        {
            try
            {
                await before.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Its callers got its error; this computation starts afresh.
            }

            lock (_lock)
            {
                // From here on nobody joins: whoever asks now asks after this computation began.
                _pending = null;
                _running = mine.Task;
                Computations++;
            }
        }

        try
        {
            var value = await compute().ConfigureAwait(false);
            mine.SetResult(value);
            return value;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            throw;
        }
        finally
        {
            lock (_lock)
            {
                if (_running == mine.Task)
                {
                    _running = null;
                }
            }
        }
    }
}
