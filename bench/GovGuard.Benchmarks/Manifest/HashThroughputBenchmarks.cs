using BenchmarkDotNet.Attributes;
using GovGuard.Detection.Manifest;

namespace GovGuard.Benchmarks.Manifest;

/// <summary>SM3 and SHA-256 throughput over 1 MB buffers (the read size of the manifest walk).</summary>
[MemoryDiagnoser]
public class HashThroughputBenchmarks
{
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly byte[] _hash = new byte[32];
    private ContentHasher _sha256 = null!;
    private ContentHasher _sm3 = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(42).NextBytes(_buffer);
        _sha256 = ContentHasher.Create(ManifestAlgorithm.Sha256);
        _sm3 = ContentHasher.Create(ManifestAlgorithm.Sm3);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sha256.Dispose();
        _sm3.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256_1MB()
    {
        _sha256.Append(_buffer);
        _sha256.Finish(_hash);
        return _hash;
    }

    [Benchmark]
    public byte[] Sm3_1MB()
    {
        _sm3.Append(_buffer);
        _sm3.Finish(_hash);
        return _hash;
    }
}
