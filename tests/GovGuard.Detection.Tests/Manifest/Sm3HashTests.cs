using System.Text;
using GovGuard.Detection.Manifest;

namespace GovGuard.Detection.Tests.Manifest;

public class Sm3HashTests
{
    // GB/T 32905-2016 appendix A, examples 1 and 2.
    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void Standard_test_vectors_hash_to_the_published_digest(string message, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Sm3Hash.HashData(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void Streaming_in_uneven_pieces_equals_one_shot_and_reset_starts_over()
    {
        var data = new byte[1_000_003];
        new Random(7).NextBytes(data);
        var h = new Sm3Hash();
        var offset = 0;
        foreach (var piece in new[] { 1, 63, 64, 65, 4096, 100_000 })
        {
            h.AppendData(data.AsSpan(offset, piece));
            offset += piece;
        }

        h.AppendData(data.AsSpan(offset));
        Assert.Equal(Sm3Hash.HashData(data), h.GetHashAndReset());

        h.AppendData("abc"u8);
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(h.GetHashAndReset()));
    }

    [Fact]
    public void Every_length_around_the_block_and_padding_edges_agrees_with_bouncy_castle()
    {
        // 0..300 bytes crosses one and two padding blocks (55/56 and 119/120 bytes) and several whole blocks.
        var data = new byte[300];
        new Random(38249).NextBytes(data);
        var reference = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
        var expected = new byte[32];
        for (var n = 0; n <= data.Length; n++)
        {
            reference.BlockUpdate(data, 0, n);
            reference.DoFinal(expected, 0);
            Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(Sm3Hash.HashData(data.AsSpan(0, n))));
        }
    }

    [Theory]
    [InlineData(ManifestAlgorithm.Sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData(ManifestAlgorithm.Sm3, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    public void Content_hasher_gives_the_algorithms_digest_and_is_reusable(ManifestAlgorithm algorithm, string abc)
    {
        using var h = ContentHasher.Create(algorithm);
        h.Append("ab"u8);
        h.Reset();
        h.Append("a"u8);
        h.Append("bc"u8);
        Assert.Equal(abc, h.FinishHex());
        h.Append("abc"u8);
        Assert.Equal(abc, h.FinishHex());
    }
}
