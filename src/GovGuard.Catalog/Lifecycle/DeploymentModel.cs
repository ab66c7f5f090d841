namespace GovGuard.Catalog.Lifecycle;

/// <summary>Where the website runs (GB/T 38249 5.2.1 b); 社会化云 is a commercial cloud open to other tenants.</summary>
public enum DeploymentModel
{
    [Term("gov_cloud", "政务云", "Government cloud")]
    GovCloud,

    [Term("public_cloud", "社会化云", "Public (commercial) cloud")]
    PublicCloud,

    [Term("private", "私有云", "Private cloud")]
    Private,

    [Term("hybrid", "混合云", "Hybrid cloud")]
    Hybrid,
}
