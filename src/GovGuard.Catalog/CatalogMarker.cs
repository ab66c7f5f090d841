namespace GovGuard.Catalog;

/// <summary>Anchor type for the catalog assembly.</summary>
public static class CatalogAssembly
{
}
