using GovGuard.Detection.Findings;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Notifications;

namespace GovGuard.Web.Ui.Pages.Alerts;

/// <summary>Alerting wire codes shown as names in the page language.</summary>
public static class AlertDisplay
{
    public static string Severity(string? code) => code switch
    {
        "critical" => Lang.Tr("严重", "Critical"),
        "high" => Lang.Tr("高", "High"),
        "medium" => Lang.Tr("中", "Medium"),
        "low" => Lang.Tr("低", "Low"),
        "info" => Lang.Tr("提示", "Info"),
        _ => code ?? "—",
    };

    public static string State(string? code) => code switch
    {
        "open" => Lang.Tr("未处理", "Open"),
        "acknowledged" => Lang.Tr("已确认", "Acknowledged"),
        "resolved" => Lang.Tr("已恢复", "Resolved"),
        "silenced" => Lang.Tr("维护中静默", "Silenced"),
        "active" => Lang.Tr("未关闭（全部）", "Active (all)"),
        _ => code ?? "—",
    };

    public static string Delivery(string? code) => code switch
    {
        "pending" => Lang.Tr("等待发送", "Pending"),
        "sending" => Lang.Tr("发送中", "Sending"),
        "delivered" => Lang.Tr("已送达", "Delivered"),
        "failed" => Lang.Tr("失败", "Failed"),
        _ => code ?? "—",
    };

    public static string Kind(string? code) => code switch
    {
        "email" => Lang.Tr("电子邮件", "E-mail"),
        "webhook" => "Webhook",
        "ding_talk" => Lang.Tr("钉钉机器人", "DingTalk robot"),
        "we_com" => Lang.Tr("企业微信机器人", "WeCom robot"),
        "feishu" => Lang.Tr("飞书机器人", "Feishu robot"),
        _ => code ?? "—",
    };

    public static IReadOnlyList<Option> Severities() =>
        Enum.GetValues<Detection.Findings.Severity>().Reverse().Select(s => new Option(s.ToWire(), Severity(s.ToWire()))).ToList();

    public static IReadOnlyList<Option> States(bool withActive) =>
        (withActive ? new[] { "active" } : [])
            .Concat(Enum.GetValues<AlertState>().Select(WireCodes<AlertState>.Code))
            .Select(c => new Option(c, State(c))).ToList();

    public static IReadOnlyList<Option> Kinds() =>
        Enum.GetValues<ChannelKind>().Select(k => WireCodes<ChannelKind>.Code(k)).Select(c => new Option(c, Kind(c))).ToList();

    public static IReadOnlyList<Option> DeliveryStatuses() =>
        Enum.GetValues<DeliveryStatus>().Select(k => WireCodes<DeliveryStatus>.Code(k)).Select(c => new Option(c, Delivery(c))).ToList();
}
