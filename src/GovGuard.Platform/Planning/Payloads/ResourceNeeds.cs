namespace GovGuard.Platform.Planning.Payloads;

/// <summary>The resources the website needs on the cloud (GB/T 38249 5.3.3).</summary>
public sealed record ResourceNeeds : IPlanningPayload
{
    [Field("计算资源：虚拟 CPU（核）", "Compute: virtual CPUs (cores)", Clause = "5.3.3")]
    public int? Vcpu { get; init; }

    [Field("计算资源：内存（GB）", "Compute: memory (GB)", Clause = "5.3.3")]
    public int? MemoryGb { get; init; }

    [Field("存储资源（GB）", "Storage (GB)", Clause = "5.3.3")]
    public int? StorageGb { get; init; }

    [Field("备份存储（GB）", "Backup storage (GB)", Clause = "5.3.3")]
    public int? BackupStorageGb { get; init; }

    [Field("网络资源：带宽（Mbit/s）", "Network: bandwidth (Mbit/s)", Clause = "5.3.3")]
    public int? BandwidthMbps { get; init; }

    [Field("公网 IP 地址数", "Public IP addresses", Clause = "5.3.3")]
    public int? PublicAddresses { get; init; }

    [Field("高峰时虚拟 CPU（核）", "Peak virtual CPUs (cores)", Clause = "5.3.3")]
    public int? PeakVcpu { get; init; }

    [Field("高峰时带宽（Mbit/s）", "Peak bandwidth (Mbit/s)", Clause = "5.3.3")]
    public int? PeakBandwidthMbps { get; init; }

    [Field("要求按访问需求动态分配资源", "Resources allocated dynamically by demand", Clause = "5.3.3")]
    public bool ElasticScaling { get; init; }

    [Field("按实际占用资源付费", "Pay for the resources actually used", Clause = "5.3.3")]
    public bool PayPerUse { get; init; }

    [Field("业务临时性和周期性变化", "Temporary and periodic changes of demand", Long = true, Clause = "5.3.3")]
    public string? DemandPattern { get; init; }

    [Field("说明", "Notes", Long = true)]
    public string? Notes { get; init; }

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Range("vcpu", Vcpu, 1, 100_000);
        rules.Range("memoryGb", MemoryGb, 1, 10_000_000);
        rules.Range("storageGb", StorageGb, 1, 100_000_000);
        rules.Range("backupStorageGb", BackupStorageGb, 0, 100_000_000, required: false);
        rules.Range("bandwidthMbps", BandwidthMbps, 1, 10_000_000);
        rules.Range("publicAddresses", PublicAddresses, 0, 100_000, required: false);
        rules.Range("peakVcpu", PeakVcpu, 1, 100_000, required: false);
        rules.Range("peakBandwidthMbps", PeakBandwidthMbps, 1, 10_000_000, required: false);
        if (PeakVcpu < Vcpu)
        {
            rules.Add("peakVcpu", "at_least_base", "高峰时虚拟 CPU（peakVcpu）不能少于日常需求（vcpu）。", "Peak virtual CPUs (peakVcpu) cannot be fewer than the everyday need (vcpu).");
        }

        if (PeakBandwidthMbps < BandwidthMbps)
        {
            rules.Add("peakBandwidthMbps", "at_least_base", "高峰时带宽（peakBandwidthMbps）不能低于日常带宽（bandwidthMbps）。", "Peak bandwidth (peakBandwidthMbps) cannot be below the everyday bandwidth (bandwidthMbps).");
        }

        rules.RequiredWhen(ElasticScaling, "demandPattern", DemandPattern, "5.3.3", "要求动态分配资源时", "When resources are to be allocated by demand");
        rules.Optional("notes", Notes);
    }
}
