using GovGuard.Detection.Findings;

namespace GovGuard.Platform.Fetching;

/// <summary>A one-sentence message in Chinese and English, for the CLI (--lang) and the UI.</summary>
public interface IBilingualMessage
{
    string MessageZh { get; }

    string MessageEn { get; }
}

/// <summary>Picks the sentence of a language.</summary>
public static class BilingualMessageExtensions
{
    public static string Message(this IBilingualMessage message, MessageLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(message);
        return lang.Pick(message.MessageZh, message.MessageEn);
    }
}
