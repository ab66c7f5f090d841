using System.Globalization;
using GovGuard.Platform.Websites;

namespace GovGuard.Web.Ui.Shared;

/// <summary>The website form as posted: text only, turned into a <see cref="WebsiteInput"/> for the service to check.</summary>
public sealed class WebsiteForm
{
    public string? Name { get; set; }

    /// <summary>One host name a line; the first is the main one.</summary>
    public string? Domains { get; set; }

    public string? SiteCode { get; set; }

    public string? IcpRecord { get; set; }

    public string? PublicSecurityRecord { get; set; }

    public string? ProtectionLevel { get; set; }

    public string? ServiceModel { get; set; }

    public string? DeploymentModel { get; set; }

    public string? CustomerId { get; set; }

    public string? Version { get; set; }

    public static WebsiteForm From(WebsiteView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new WebsiteForm
        {
            Name = view.Name,
            Domains = string.Join('\n', view.Domains),
            SiteCode = view.SiteCode,
            IcpRecord = view.IcpRecord,
            PublicSecurityRecord = view.PublicSecurityRecord,
            ProtectionLevel = view.ProtectionLevel.ToString(CultureInfo.InvariantCulture),
            ServiceModel = view.ServiceModel,
            DeploymentModel = view.DeploymentModel,
            CustomerId = view.CustomerId.ToString(),
            Version = view.Version.ToString(CultureInfo.InvariantCulture),
        };
    }

    public WebsiteInput ToInput() => new(
        Name,
        (Domains ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        SiteCode,
        IcpRecord,
        PublicSecurityRecord,
        int.TryParse(ProtectionLevel, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) ? level : null,
        ServiceModel,
        DeploymentModel,
        Guid.TryParse(CustomerId, out var customer) ? customer : null,
        int.TryParse(Version, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version : null);
}
