using GovGuard.Catalog.Duties;

namespace GovGuard.Fuzz;

/// <summary>The fuzz target over the duty catalog loader; <see cref="CatalogFormatException"/> is its documented refusal.</summary>
public static class CatalogTargets
{
    /// <summary>A catalog file: loaded and checked, or refused naming the line.</summary>
    public static void Catalog(byte[] input)
    {
        using var reader = new StreamReader(new MemoryStream(input, writable: false));
        try
        {
            var catalog = DutyCatalog.Load(reader, "fuzz.yaml");
            foreach (var duty in catalog.Duties)
            {
                _ = catalog.SectionPath(duty).Count;
            }
        }
        catch (CatalogFormatException e)
        {
            _ = e.Message;
        }
    }
}
