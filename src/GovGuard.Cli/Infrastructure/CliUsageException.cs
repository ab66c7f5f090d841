namespace GovGuard.Cli.Infrastructure;

/// <summary>A bad value found after parsing (e.g. a URL that is not http or https); exits 2.</summary>
public sealed class CliUsageException(string message) : Exception(message)
{
}
