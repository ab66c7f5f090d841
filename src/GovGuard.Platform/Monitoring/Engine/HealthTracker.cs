namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>
/// Flap resistance: a monitor reports Down only after <c>FailuresBeforeDown</c> consecutive failing checks and Up
/// again only after <c>SuccessesBeforeUp</c> consecutive passing ones. An incomplete check counts neither way.
/// A monitor never checked before starts as Up (a first failure is a retry, not an outage).
/// </summary>
public static class HealthTracker
{
    /// <summary>Applies one raw check to <paramref name="state"/> (changed in place) and returns the health to report.</summary>
    public static MonitorHealth Apply(MonitorState state, MonitorHealth raw, int failuresBeforeDown, int successesBeforeUp, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        var current = state.Health ?? MonitorHealth.Up;
        MonitorHealth next;
        switch (raw)
        {
            case MonitorHealth.Up:
                state.ConsecutiveSuccesses++;
                state.ConsecutiveFailures = 0;
                next = current == MonitorHealth.Down && state.ConsecutiveSuccesses < Math.Max(1, successesBeforeUp) ? MonitorHealth.Down : MonitorHealth.Up;
                break;
            case MonitorHealth.Down:
                state.ConsecutiveFailures++;
                state.ConsecutiveSuccesses = 0;
                next = current == MonitorHealth.Down || state.ConsecutiveFailures >= Math.Max(1, failuresBeforeDown) ? MonitorHealth.Down : current == MonitorHealth.Incomplete ? MonitorHealth.Up : current;
                break;
            default:
                next = MonitorHealth.Incomplete;
                break;
        }

        if (state.Health != next)
        {
            state.Health = next;
            state.Since = at;
        }

        return next;
    }
}
