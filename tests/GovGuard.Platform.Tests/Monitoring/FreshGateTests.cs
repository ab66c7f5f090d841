using GovGuard.Platform.Common;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>
/// The overview's coalescing of concurrent reads: never an answer older than the question, at most one computation
/// running and one waiting, errors and cancellation confined to whom they concern.
/// </summary>
public sealed class FreshGateTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_lone_caller_computes_its_own_value()
    {
        var gate = new FreshGate<int>();
        Assert.Equal(1, await gate.GetAsync(() => Task.FromResult(1), CancellationToken.None));
        Assert.Equal(2, await gate.GetAsync(() => Task.FromResult(2), CancellationToken.None));
        Assert.Equal(2, gate.Computations);
    }

    [Fact]
    public async Task Callers_arriving_during_a_computation_share_one_that_starts_after_it()
    {
        var gate = new FreshGate<int>();
        var version = 1;        // what a computation started now would read
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = gate.GetAsync(async () =>
        {
            var seen = version;
            firstStarted.SetResult();
            await first.Task;
            return seen;
        }, CancellationToken.None);
        await firstStarted.Task.WaitAsync(Wait);

        // A write lands after the first computation read; then three callers ask.
        version = 2;
        var secondRuns = 0;
        Task<int> Ask() => gate.GetAsync(() =>
        {
            Interlocked.Increment(ref secondRuns);
            return Task.FromResult(version);
        }, CancellationToken.None);
        var b = Ask();
        var c = Ask();
        var d = Ask();
        Assert.False(b.IsCompleted);
        Assert.False(c.IsCompleted);

        first.SetResult();
        Assert.Equal(1, await a.WaitAsync(Wait));
        var answers = await Task.WhenAll(b, c, d).WaitAsync(Wait);

        // Each of them sees the write made before it asked, and one computation served all three.
        Assert.All(answers, v => Assert.Equal(2, v));
        Assert.Equal(1, secondRuns);
        Assert.Equal(2, gate.Computations);
    }

    [Fact]
    public async Task A_caller_arriving_after_the_waiting_computation_started_does_not_get_its_older_value()
    {
        var gate = new FreshGate<int>();
        var release1 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var version = 1;
        var a = gate.GetAsync(async () => { var v = version; await release1.Task; return v; }, CancellationToken.None);
        var b = gate.GetAsync(async () => { var v = version; started2.SetResult(); await release2.Task; return v; }, CancellationToken.None);
        release1.SetResult();
        await started2.Task.WaitAsync(Wait);

        // The second computation has read version 1; a write and a new caller come after that.
        version = 2;
        var c = gate.GetAsync(() => Task.FromResult(version), CancellationToken.None);
        release2.SetResult();
        Assert.Equal(1, await a.WaitAsync(Wait));
        Assert.Equal(1, await b.WaitAsync(Wait));
        Assert.Equal(2, await c.WaitAsync(Wait));
        Assert.Equal(3, gate.Computations);
    }

    [Fact]
    public async Task A_failed_computation_fails_its_sharers_and_the_next_one_starts_afresh()
    {
        var gate = new FreshGate<int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = gate.GetAsync(async () => { started.SetResult(); await release.Task; return 1; }, CancellationToken.None);
        await started.Task.WaitAsync(Wait);
        var failing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = gate.GetAsync(async () => { await failing.Task; throw new InvalidOperationException("database gone"); }, CancellationToken.None);
        var c = gate.GetAsync(() => Task.FromResult(99), CancellationToken.None);
        release.SetResult();
        failing.SetResult();
        Assert.Equal(1, await a.WaitAsync(Wait));
        Assert.Equal("database gone", (await Assert.ThrowsAsync<InvalidOperationException>(() => b.WaitAsync(Wait))).Message);
        Assert.Equal("database gone", (await Assert.ThrowsAsync<InvalidOperationException>(() => c.WaitAsync(Wait))).Message);
        Assert.Equal(5, await gate.GetAsync(() => Task.FromResult(5), CancellationToken.None));
    }

    [Fact]
    public async Task A_joiner_that_gives_up_does_not_stop_the_computation_for_the_others()
    {
        var gate = new FreshGate<int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = gate.GetAsync(async () => { started.SetResult(); await release.Task; return 1; }, CancellationToken.None);
        await started.Task.WaitAsync(Wait);
        var b = gate.GetAsync(() => Task.FromResult(2), CancellationToken.None);
        using var leaving = new CancellationTokenSource();
        var c = gate.GetAsync(() => Task.FromResult(-1), leaving.Token);
        leaving.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => c.WaitAsync(Wait));
        release.SetResult();
        Assert.Equal(1, await a.WaitAsync(Wait));
        Assert.Equal(2, await b.WaitAsync(Wait));
    }
}
