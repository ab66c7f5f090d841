using Microsoft.Extensions.Logging;

namespace GovGuard.Platform.Fetching;

// Host and path only: query strings may carry tokens.
public sealed partial class GuardedFetcher
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Fetch of {Host}{Path} refused by {Rule}")]
    private static partial void LogRefused(ILogger logger, string host, string path, string rule);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Fetch of {Host}{Path} ended {Outcome} ({Rule})")]
    private static partial void LogFailed(ILogger logger, string host, string path, FetchOutcome outcome, string rule);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Fetched {Host}{Path}: {Status} in {Milliseconds} ms")]
    private static partial void LogFetched(ILogger logger, string host, string path, int status, long milliseconds);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Redirect {Host}{Path} -> {Status} {NextHost}{NextPath}")]
    private static partial void LogRedirect(ILogger logger, string host, string path, int status, string nextHost, string nextPath);
}
