namespace GovGuard.Detection.Findings;

/// <summary>The category codes of the findings contract; external tooling matches on these strings.</summary>
public static class Categories
{
    public const string AvailabilityDown = "availability.down";
    public const string AvailabilitySlow = "availability.slow";
    public const string TlsInvalid = "tls.invalid";
    public const string TlsExpiring = "tls.expiring";
    public const string DnsNoncompliant = "dns.noncompliant";
    public const string DomainNoncompliant = "domain.noncompliant";
    public const string TamperDefacement = "tamper.defacement";
    public const string TamperFileChanged = "tamper.file_changed";
    public const string ContentHarmfulKeyword = "content.harmful_keyword";
    public const string ContentDarkLink = "content.dark_link";
    public const string ContentMaliciousScript = "content.malicious_script";
    public const string ContentCloaking = "content.cloaking";
    public const string WebshellFile = "webshell.file";
    public const string VulnExposedFile = "vuln.exposed_file";
    public const string VulnDirListing = "vuln.dir_listing";
    public const string VulnMissingHeader = "vuln.missing_header";
    public const string VulnTemplate = "vuln.template";
    public const string AttackSqli = "attack.sqli";
    public const string AttackXss = "attack.xss";
    public const string AttackTraversal = "attack.traversal";
    public const string AttackCmdi = "attack.cmdi";
    public const string AttackScanner = "attack.scanner";
    public const string AttackBruteforce = "attack.bruteforce";
    public const string AttackWebshellAccess = "attack.webshell_access";
    public const string ResourceThreshold = "resource.threshold";

    /// <summary>Every code, in the contract's order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AvailabilityDown, AvailabilitySlow, TlsInvalid, TlsExpiring, DnsNoncompliant, DomainNoncompliant,
        TamperDefacement, TamperFileChanged, ContentHarmfulKeyword, ContentDarkLink, ContentMaliciousScript,
        ContentCloaking, WebshellFile, VulnExposedFile, VulnDirListing, VulnMissingHeader, VulnTemplate,
        AttackSqli, AttackXss, AttackTraversal, AttackCmdi, AttackScanner, AttackBruteforce, AttackWebshellAccess,
        ResourceThreshold,
    ];
}
