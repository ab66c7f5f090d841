using GovGuard.Catalog;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>Kinds of special equipment 5.3.1 d names.</summary>
public enum SpecialDeviceKind
{
    [Term("encryption_card", "加密卡", "Encryption card")]
    EncryptionCard,

    [Term("gatekeeper", "网闸", "Network gatekeeper")]
    Gatekeeper,

    [Term("video_card", "视频卡", "Video card")]
    VideoCard,

    [Term("other", "其他", "Other")]
    Other,
}

/// <summary>The website inventory (网站现状梳理报告, GB/T 38249 5.3.1 a–d): what is migrated, as it stands today.</summary>
public sealed record WebsiteInventory : IPlanningPayload
{
    [Field("迁移的系统边界", "System boundary of the migration", Long = true, Clause = "5.3.1")]
    public string? Boundary { get; init; }

    [Field("网络拓扑结构（网络边界、使用和运维情况）", "Network topology (boundaries, use, operations)", Long = true, Clause = "5.3.1.a")]
    public string? Topology { get; init; }

    [Field("网络设备", "Network devices", Clause = "5.3.1.a")]
    public List<NetworkDevice> Devices { get; init; } = [];

    [Field("应用系统", "Application systems", Clause = "5.3.1.b")]
    public List<ApplicationSystem> Applications { get; init; } = [];

    [Field("备份机制", "Backup mechanism", Long = true, Clause = "5.3.1.c")]
    public string? BackupMechanism { get; init; }

    [Field("备份策略", "Backup strategy", Long = true, Clause = "5.3.1.c")]
    public string? BackupStrategy { get; init; }

    [Field("灾备系统情况", "Disaster recovery system", Long = true, Clause = "5.3.1.c")]
    public string? DisasterRecovery { get; init; }

    [Field("备份恢复演练日期", "Date of the backup restore drill", Clause = "5.3.1.c")]
    public DateOnly? RestoreDrillDate { get; init; }

    [Field("备份恢复演练结果", "Result of the backup restore drill", Long = true, Clause = "5.3.1.c")]
    public string? RestoreDrillResult { get; init; }

    [Field("有特殊设备", "Has special devices", Clause = "5.3.1.d")]
    public bool HasSpecialDevices { get; init; }

    [Field("特殊设备", "Special devices", Clause = "5.3.1.d")]
    public List<SpecialDevice> SpecialDevices { get; init; } = [];

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(context);
        rules.Required("boundary", Boundary);
        rules.Required("topology", Topology);
        for (var i = 0; i < Devices.Count; i++)
        {
            rules.Required($"devices[{i}].name", Devices[i].Name, 200);
            rules.Required($"devices[{i}].model", Devices[i].Model, 200);
            rules.Optional($"devices[{i}].configuration", Devices[i].Configuration);
            rules.Optional($"devices[{i}].usage", Devices[i].Usage);
            rules.Optional($"devices[{i}].operations", Devices[i].Operations);
        }

        rules.NotEmpty("applications", Applications, "5.3.1.b");
        for (var i = 0; i < Applications.Count; i++)
        {
            var a = Applications[i];
            rules.Required($"applications[{i}].name", a.Name, 200);
            rules.Required($"applications[{i}].compute", a.Compute);
            rules.Required($"applications[{i}].storage", a.Storage);
            rules.Required($"applications[{i}].network", a.Network);
            rules.Optional($"applications[{i}].baseSoftware", a.BaseSoftware);
            rules.Optional($"applications[{i}].architecture", a.Architecture);
            rules.Optional($"applications[{i}].peakUsage", a.PeakUsage);
            rules.Optional($"applications[{i}].operations", a.Operations);
            rules.Optional($"applications[{i}].technicalSupport", a.TechnicalSupport);
        }

        rules.Required("backupMechanism", BackupMechanism);
        rules.Required("backupStrategy", BackupStrategy);
        rules.Optional("disasterRecovery", DisasterRecovery);
        // 5.3.1 c asks for a restore drill, not only a description of the backups.
        rules.Present("restoreDrillDate", RestoreDrillDate);
        rules.NotFuture("restoreDrillDate", RestoreDrillDate, context.Today);
        rules.Required("restoreDrillResult", RestoreDrillResult);
        if (HasSpecialDevices && SpecialDevices.Count == 0)
        {
            rules.Clause("specialDevices", "required", "5.3.1.d", "已勾选有特殊设备，须列出特殊设备（specialDevices）", "Special devices were ticked: list them (specialDevices)");
        }
        else if (!HasSpecialDevices && SpecialDevices.Count > 0)
        {
            rules.Add("hasSpecialDevices", "contradiction", "列出了特殊设备，但未勾选有特殊设备（hasSpecialDevices）。", "Special devices are listed but has special devices (hasSpecialDevices) is not ticked.");
        }

        for (var i = 0; i < SpecialDevices.Count; i++)
        {
            rules.Present($"specialDevices[{i}].kind", SpecialDevices[i].Kind);
            rules.Required($"specialDevices[{i}].name", SpecialDevices[i].Name, 200);
            rules.Optional($"specialDevices[{i}].notes", SpecialDevices[i].Notes);
        }
    }
}

/// <summary>A network device in the inventory (5.3.1 a).</summary>
public sealed record NetworkDevice
{
    [Field("设备名称", "Device")]
    public string? Name { get; init; }

    [Field("型号", "Model")]
    public string? Model { get; init; }

    [Field("配置情况", "Configuration")]
    public string? Configuration { get; init; }

    [Field("使用情况", "Use")]
    public string? Usage { get; init; }

    [Field("运维情况", "Operations")]
    public string? Operations { get; init; }
}

/// <summary>An application system of the website and its resources (5.3.1 b).</summary>
public sealed record ApplicationSystem
{
    [Field("应用系统名称", "Application")]
    public string? Name { get; init; }

    [Field("计算资源", "Compute")]
    public string? Compute { get; init; }

    [Field("存储资源", "Storage")]
    public string? Storage { get; init; }

    [Field("网络情况", "Network")]
    public string? Network { get; init; }

    [Field("基础软件配置", "Base software")]
    public string? BaseSoftware { get; init; }

    [Field("部署架构", "Deployment architecture")]
    public string? Architecture { get; init; }

    [Field("高峰时段资源使用", "Peak-time use")]
    public string? PeakUsage { get; init; }

    [Field("运维情况", "Operations")]
    public string? Operations { get; init; }

    [Field("技术支撑情况", "Technical support")]
    public string? TechnicalSupport { get; init; }
}

/// <summary>Special equipment that a cloud cannot simply replace (5.3.1 d).</summary>
public sealed record SpecialDevice
{
    [Field("类别", "Kind")]
    public SpecialDeviceKind? Kind { get; init; }

    [Field("名称", "Name")]
    public string? Name { get; init; }

    [Field("说明", "Notes")]
    public string? Notes { get; init; }
}
