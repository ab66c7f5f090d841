using GovGuard.Fuzz;
using SharpFuzz;

// GovGuard.Fuzz TARGET: under afl-fuzz, SharpFuzz's fork server feeds inputs to the target; without
// afl-fuzz it runs the target once on standard input (how bench/fuzz.sh replays what afl saved).
// Nothing here may touch the instrumented assemblies before Fuzzer.OutOfProcess.Run attaches the coverage map.
Action<byte[]>? target = args.Length == 1 ? (args[0] == "catalog" ? CatalogTargets.Catalog : DetectionTargets.Find(args[0])) : null;
if (target is null)
{
    Console.Error.WriteLine($"usage: GovGuard.Fuzz TARGET < input; targets: {string.Join(", ", DetectionTargets.Names)}, catalog");
    return 2;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
