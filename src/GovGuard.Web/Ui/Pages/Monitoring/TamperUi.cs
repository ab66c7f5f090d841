using GovGuard.Web.Ui;

namespace GovGuard.Web.Ui.Pages.Monitoring;

/// <summary>Words of the tamper pages in both languages.</summary>
public static class TamperUi
{
    public static string State(string state) => state switch
    {
        "pending" => Lang.Tr("待确认", "Pending"),
        "approved" => Lang.Tr("已确认为新基线", "Approved as baseline"),
        "cleared" => Lang.Tr("已消除", "Cleared"),
        _ => state,
    };

    public static string Origin(string origin) => origin switch
    {
        "first" => Lang.Tr("首次建立", "First look"),
        "update" => Lang.Tr("合法更新", "Legitimate update"),
        "approved" => Lang.Tr("人工确认", "Approved"),
        _ => origin,
    };

    public static string Row(string kind) => kind switch
    {
        "removed" => Lang.Tr("删除", "Removed"),
        "added" => Lang.Tr("新增", "Added"),
        _ => string.Empty,
    };
}
