using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;

namespace GovGuard.Detection.Exposure;

/// <summary>
/// Judges the answers to exposure probes (GB/T 38249 7.4.4 a: find the weaknesses a site exposes):
/// a probed path is reported only when its content is the file the probe looks for and it is not the
/// site's soft-404 page. Thread-safe; one instance serves all sites.
/// </summary>
public sealed class ExposureDetector(MessageLanguage language = MessageLanguage.Chinese)
{
    /// <summary>
    /// The finding for one probe answer, or null when the file is not exposed. <paramref name="soft404"/>
    /// holds the profiles of the site's answers to <see cref="Soft404Profile.CanaryRequests"/> (empty when
    /// the caller has none); <paramref name="target"/> defaults to the response's origin.
    /// </summary>
    public Finding? Evaluate(ExposureCheck check, HttpResponseView response, IReadOnlyList<Soft404Profile> soft404, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(soft404);
        var probe = check.Probe;
        if (!probe.Verifier.Matches(response, out var evidence))
        {
            return null;
        }

        // GB/T 38249 7.4.4 a: content, not status, decides; the site's catch-all page is never an exposure.
        if (Soft404Profile.AnyResembles(soft404, response))
        {
            return null;
        }

        var message = language.Pick($"{probe.MessageZh}：{check.Path}", $"{probe.MessageEn}: {check.Path}");
        return new Finding(Categories.VulnExposedFile, probe.Severity, target ?? response.Origin, response.Url.ToString(), null, null,
            probe.Id, message, Finding.Excerpt($"{check.Path} → {response.Status}: {evidence}"));
    }
}
