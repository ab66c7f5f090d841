using GovGuard.Fuzz;
using SharpFuzz;

// govguard-fuzz TARGET               run under afl-fuzz (input on stdin, via SharpFuzz)
// govguard-fuzz TARGET --replay FILE…  run files through the target and print what any of them throws
string[] names = [.. DetectionTargets.Names, "catalog"];
Action<byte[]>? target = args.Length > 0 ? (args[0] == "catalog" ? CatalogTargets.Catalog : DetectionTargets.Find(args[0])) : null;
if (target is null)
{
    Console.Error.WriteLine($"usage: GovGuard.Fuzz TARGET [--replay FILE...]; targets: {string.Join(", ", names)}");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    var failed = 0;
    foreach (var file in args[2..])
    {
        try
        {
            target(File.ReadAllBytes(file));
            Console.WriteLine($"ok    {file}");
        }
#pragma warning disable CA1031 // replay reports every exception; each one is a finding
        catch (Exception e)
#pragma warning restore CA1031
        {
            failed++;
            Console.WriteLine($"crash {file}: {e}");
        }
    }

    return failed == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
