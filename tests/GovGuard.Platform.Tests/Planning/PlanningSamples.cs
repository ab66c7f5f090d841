using System.Text.Json.Nodes;
using GovGuard.Platform.Planning;

namespace GovGuard.Platform.Tests.Planning;

/// <summary>A valid payload of every kind, as a caller would send it; tests change one field at a time.</summary>
public static class PlanningSamples
{
    public static JsonObject For(ArtefactKind kind) => (JsonObject)JsonNode.Parse(kind switch
    {
        ArtefactKind.WebsiteInventory => """
            {"boundary":"门户网站前台、内容管理系统和数据库，不含政务服务平台","topology":"互联网出口经防火墙进入 DMZ，内网核心交换机连接应用和数据库服务器",
             "devices":[{"name":"出口防火墙","model":"USG6000","configuration":"双机热备","usage":"CPU 30%","operations":"信息中心值守"}],
             "applications":[{"name":"内容管理系统","compute":"4 核 8 GB ×2","storage":"500 GB","network":"100 Mbit/s","baseSoftware":"CentOS 7、Tomcat 9","architecture":"双节点负载均衡","peakUsage":"工作日上午 CPU 70%"}],
             "backupMechanism":"每日全量备份到异地备份服务器","backupStrategy":"全量每日，保留 30 天","restoreDrillDate":"2026-03-01","restoreDrillResult":"2 小时内恢复成功",
             "hasSpecialDevices":false,"specialDevices":[]}
            """,
        ArtefactKind.MigrationDecision => """
            {"protectionLevel":2,"riskAssessment":"已按定级指南评估，主要风险为数据泄露和服务中断，采取加密和多可用区部署应对。","dataSensitivity":"public",
             "personalData":"small","businessCriticality":"general","deployment":"gov_cloud","decision":"migrate","scope":"门户网站全部栏目及其数据",
             "reasoning":"政务云满足二级要求，迁移可降低运维成本。"}
            """,
        ArtefactKind.ResourceNeeds => """
            {"vcpu":8,"memoryGb":16,"storageGb":1000,"bandwidthMbps":100,"peakVcpu":16,"peakBandwidthMbps":200,"elasticScaling":true,"payPerUse":true,
             "demandPattern":"两会和高考期间访问量为平时的三倍"}
            """,
        ArtefactKind.SecurityRequirements => """
            {"deployment":{"externalAccessPolicy":"公众只读访问前台，后台仅限专线","internalAccessPolicy":"编辑人员经 VPN 和双因素认证访问后台","deviceAccessPolicy":"应用服务器只能访问数据库 3306 端口",
               "dataExchangePolicy":"与政务外网经网闸单向交换","providerMeasures":{"physical":"机房门禁","network":"DDoS 防护","host":"主机加固","application":"WAF","data":"加密存储","virtualisation":"虚拟机隔离"},
               "protectionNotLower":true},
             "webApplication":{"measures":"按 GB/T 31506 实施输入校验和会话管理","followsGbT31506":true},
             "domain":{"registrar":"中国互联网络信息中心","registrationFiled":true,"changeProcedure":"变更须经主管部门审批","domainsCompliant":true,"tamperProtection":"注册局锁定和 DNSSEC"},
             "content":{"reviewProcess":"三审三校","approvalSteps":3,"onlyPublicInformation":true}}
            """,
        ArtefactKind.RequirementsReport => """
            {"levelRequirements":"满足等保二级要求","specificRequirements":"7×24 小时可用","providerInterfaces":"提供安全监管接口和日志接口",
             "agentServices":[{"role":"security_service","services":"日常安全监测"}],"managementMeasures":"建立安全管理制度和应急预案"}
            """,
        ArtefactKind.ServiceModelChoice => """
            {"model":"iaas","localPolicy":"本省政务云提供 IaaS","modelCharacteristics":"IaaS 控制力最强","securityManagement":"需要自主管理主机安全",
             "technicalCapability":"信息中心有运维团队","alternativesRejected":"SaaS 无法满足定制需求"}
            """,
        ArtefactKind.ProviderSelection => """
            {"criteria":[{"clause":"5.4.a.1","weight":40,"knockOut":true},{"clause":"5.4.a.2","weight":40,"knockOut":false},{"clause":"5.4.a.3","weight":20,"knockOut":false},
                         {"clause":"5.4.b.1","weight":100,"knockOut":false},{"clause":"5.4.b.2","weight":100,"knockOut":false},{"clause":"5.4.b.3","weight":100,"knockOut":false}],
             "candidates":[
               {"name":"甲云","role":"provider","securityReviewPassed":true,"reviewCertificate":"审查-001","enhancedReviewPassed":true,"scoreA2":5,"scoreA3":3,"selected":true},
               {"name":"乙云","role":"provider","securityReviewPassed":true,"reviewCertificate":"审查-002","enhancedReviewPassed":false,"scoreA2":2,"scoreA3":5},
               {"name":"丙云","role":"provider","securityReviewPassed":false,"enhancedReviewPassed":false,"scoreA2":5,"scoreA3":5},
               {"name":"丁安全","role":"security_service","scoreB3":4,"selected":true}]}
            """,
        ArtefactKind.ContractChecklist => ContractChecklistJson(),
        ArtefactKind.Sla => """
            {"availability":99.95,"measurementWindow":"month","responseTimeMs":800,"responseTimePercentile":95,"rtoMinutes":240,"rpoMinutes":15,
             "incidentResponse":[{"grade":"especially_major","responseMinutes":15,"resolutionHours":4},{"grade":"major","responseMinutes":30},{"grade":"relatively_major","responseMinutes":60},{"grade":"general","responseMinutes":240}],
             "definitions":[{"term":"availability","definition":"统计周期内服务可正常访问的时间占比"},{"term":"response_time","definition":"从请求发出到收到完整响应的时间"},
                            {"term":"rto","definition":"从中断到恢复服务的最长时间"},{"term":"rpo","definition":"恢复后可能丢失数据的最长时间跨度"},
                            {"term":"incident_response","definition":"从事件报告到服务商开始处置的时间"},{"term":"incident_grade","definition":"按国家网络安全事件分级"}],
             "requirementsMapping":"对应需求报告 7×24 小时可用的要求"}
            """,
        ArtefactKind.Confidentiality => """
            {"agreements":[{"party":"某云计算有限公司","signatory":"company","scope":"客户全部业务数据和运行信息","signedOn":"2026-02-01","expiresOn":"2029-02-01","reference":"BM-001"},
                           {"party":"某云计算有限公司","signatory":"employee","person":"李四","scope":"运维中接触的数据","signedOn":"2026-02-01"}]}
            """,
        ArtefactKind.MigrationPlan => """
            {"people":[{"name":"王五","organisation":"某市人民政府","role":"项目负责人","responsibilities":"总体协调"},{"name":"赵六","organisation":"某云计算有限公司","role":"实施负责人","responsibilities":"迁移实施"}],
             "milestones":[{"name":"环境准备","start":"2026-04-01","end":"2026-04-10","owner":"赵六"},{"name":"数据迁移","start":"2026-04-11","end":"2026-04-20","owner":"赵六"},{"name":"切换上线","start":"2026-04-21","end":"2026-04-21","owner":"王五"}],
             "rollback":{"triggers":"切换后 2 小时内核心功能不可用","decisionMaker":"王五","steps":"DNS 切回原机房并恢复数据库","restorePoint":"切换前的全量备份","maxMinutes":60},
             "safeguards":[{"supplier":"某云计算有限公司","area":"os","measures":"基线加固"},{"supplier":"某云计算有限公司","area":"database","measures":"数据库审计"},
                           {"supplier":"某云计算有限公司","area":"middleware","measures":"中间件补丁"},{"supplier":"某网站开发公司","area":"application","measures":"代码审计"},
                           {"supplier":"某云计算有限公司","area":"data","measures":"传输加密"}],
             "sensitiveDataProtection":"迁移中数据全程加密","backupAndRestore":"迁移前全量备份并验证可恢复","providerSupport":"迁移期间 7×24 小时技术支持"}
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    })!;

    private static string ContractChecklistJson()
    {
        var items = GovGuard.Platform.Planning.Payloads.ContractChecklist.Bullets.Select((b, i) =>
            $$"""{"clause":"{{b.Id}}","checked":true,"contractClause":"第{{i + 1}}条"}""");
        return $$"""
            {"providerContract":"HT-2026-001","providerContractSignedOn":"2026-02-01","agentContracts":[{"party":"某安全服务公司","reference":"HT-2026-002","signedOn":"2026-02-02"}],
             "items":[{{string.Join(",", items)}}]}
            """;
    }
}
