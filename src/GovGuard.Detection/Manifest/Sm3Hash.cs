using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GovGuard.Detection.Manifest;

/// <summary>
/// Streaming SM3 (GB/T 32905-2016) shaped like <see cref="System.Security.Cryptography.IncrementalHash"/>:
/// append data in pieces, take the 32-byte digest, start again. A managed implementation tuned for
/// throughput: whole blocks are compressed straight from the caller's buffer, the 64 rounds are unrolled
/// with the working variables renamed instead of shifted, and nothing is allocated per block.
/// </summary>
public sealed class Sm3Hash
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashSizeInBytes = 32;

    private const int BlockBytes = 64;

    private readonly uint[] _state = new uint[8];
    private readonly byte[] _pending = new byte[BlockBytes];
    private int _pendingLength;
    private long _length;

    public Sm3Hash() => Reset();

    /// <summary>Feeds more data into the running digest.</summary>
    public void AppendData(ReadOnlySpan<byte> data)
    {
        _length += data.Length;
        if (_pendingLength > 0)
        {
            var take = Math.Min(BlockBytes - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < BlockBytes)
            {
                return;
            }

            Compress(_state, _pending);
            _pendingLength = 0;
        }

        var whole = data.Length & ~(BlockBytes - 1);
        if (whole > 0)
        {
            Compress(_state, data[..whole]);
            data = data[whole..];
        }

        if (data.Length > 0)
        {
            data.CopyTo(_pending);
            _pendingLength = data.Length;
        }
    }

    /// <summary>Writes the digest of everything appended since the last reset and starts a new one.</summary>
    public int GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        // Padding: 0x80, zeros, then the message length in bits (big-endian), to a whole block.
        Span<byte> tail = stackalloc byte[BlockBytes * 2];
        tail.Clear();
        _pending.AsSpan(0, _pendingLength).CopyTo(tail);
        tail[_pendingLength] = 0x80;
        var tailLength = _pendingLength + 1 + 8 <= BlockBytes ? BlockBytes : BlockBytes * 2;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)_length * 8);
        Compress(_state, tail[..tailLength]);
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], _state[i]);
        }

        Reset();
        return HashSizeInBytes;
    }

    /// <summary>The digest as a new array, then reset.</summary>
    public byte[] GetHashAndReset()
    {
        var hash = new byte[HashSizeInBytes];
        GetHashAndReset(hash);
        return hash;
    }

    /// <summary>Drops what was appended so far.</summary>
    public void Reset()
    {
        _state[0] = 0x7380166F;
        _state[1] = 0x4914B2B9;
        _state[2] = 0x172442D7;
        _state[3] = 0xDA8A0600;
        _state[4] = 0xA96F30BC;
        _state[5] = 0x163138AA;
        _state[6] = 0xE38DEE4D;
        _state[7] = 0xB0FB0E4E;
        _pendingLength = 0;
        _length = 0;
    }

    /// <summary>SM3 of one buffer.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var h = new Sm3Hash();
        h.AppendData(data);
        return h.GetHashAndReset();
    }

    /// <summary>The message expansion of one block: W0..W67.</summary>
    [InlineArray(68)]
    private struct Expansion
    {
        private uint _first;
    }

    /// <summary>Compresses whole 64-byte blocks into <paramref name="state"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void Compress(uint[] state, ReadOnlySpan<byte> blocks)
    {
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        Expansion expansion = default;
        Span<uint> ws = expansion;
        ref var w = ref MemoryMarshal.GetReference(ws);
        ref var block = ref MemoryMarshal.GetReference(blocks);
        for (var offset = 0; offset < blocks.Length; offset += BlockBytes)
        {
            for (var i = 0; i < 16; i++)
            {
                Unsafe.Add(ref w, i) = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref block, offset + i * 4)));
            }

            for (var j = 16; j < 68; j++)
            {
                var x = Unsafe.Add(ref w, j - 16) ^ Unsafe.Add(ref w, j - 9) ^ BitOperations.RotateLeft(Unsafe.Add(ref w, j - 3), 15);
                Unsafe.Add(ref w, j) = (x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23))
                    ^ BitOperations.RotateLeft(Unsafe.Add(ref w, j - 13), 7) ^ Unsafe.Add(ref w, j - 6);
            }

            uint a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h;

            // Rounds 0-15 (XOR boolean functions), four at a time with the variables' roles rotated.
            for (var j = 0; j < 16; j += 4)
            {
                Round1(a, ref b, c, ref d, e, ref f, g, ref h, Unsafe.Add(ref w, j), Unsafe.Add(ref w, j + 4), Constant(j));
                Round1(d, ref a, b, ref c, h, ref e, f, ref g, Unsafe.Add(ref w, j + 1), Unsafe.Add(ref w, j + 5), Constant(j + 1));
                Round1(c, ref d, a, ref b, g, ref h, e, ref f, Unsafe.Add(ref w, j + 2), Unsafe.Add(ref w, j + 6), Constant(j + 2));
                Round1(b, ref c, d, ref a, f, ref g, h, ref e, Unsafe.Add(ref w, j + 3), Unsafe.Add(ref w, j + 7), Constant(j + 3));
            }

            // Rounds 16-63 (majority and choice).
            for (var j = 16; j < 64; j += 4)
            {
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, Unsafe.Add(ref w, j), Unsafe.Add(ref w, j + 4), Constant(j));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, Unsafe.Add(ref w, j + 1), Unsafe.Add(ref w, j + 5), Constant(j + 1));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, Unsafe.Add(ref w, j + 2), Unsafe.Add(ref w, j + 6), Constant(j + 2));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, Unsafe.Add(ref w, j + 3), Unsafe.Add(ref w, j + 7), Constant(j + 3));
            }

            a ^= a0;
            b ^= b0;
            c ^= c0;
            d ^= d0;
            e ^= e0;
            f ^= f0;
            g ^= g0;
            h ^= h0;
        }

        state[0] = a;
        state[1] = b;
        state[2] = c;
        state[3] = d;
        state[4] = e;
        state[5] = f;
        state[6] = g;
        state[7] = h;
    }

    /// <summary>T_j rotated left by j mod 32, as the round uses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Constant(int j) => Unsafe.Add(ref MemoryMarshal.GetReference(RoundConstants), j);

    // One round writes its results into the variables that the next round reads under new names:
    // TT1 into d (the next a), P0(TT2) into h (the next e), and rotates b and f in place (the next c and g).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round1(uint a, ref uint b, uint c, ref uint d, uint e, ref uint f, uint g, ref uint h, uint wj, uint wj4, uint t)
    {
        var a12 = BitOperations.RotateLeft(a, 12);
        var ss1 = BitOperations.RotateLeft(a12 + e + t, 7);
        var ss2 = ss1 ^ a12;
        var tt1 = (a ^ b ^ c) + d + ss2 + (wj ^ wj4);
        var tt2 = (e ^ f ^ g) + h + ss1 + wj;
        b = BitOperations.RotateLeft(b, 9);
        d = tt1;
        f = BitOperations.RotateLeft(f, 19);
        h = tt2 ^ BitOperations.RotateLeft(tt2, 9) ^ BitOperations.RotateLeft(tt2, 17);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round2(uint a, ref uint b, uint c, ref uint d, uint e, ref uint f, uint g, ref uint h, uint wj, uint wj4, uint t)
    {
        var a12 = BitOperations.RotateLeft(a, 12);
        var ss1 = BitOperations.RotateLeft(a12 + e + t, 7);
        var ss2 = ss1 ^ a12;
        var tt1 = ((a & b) | (a & c) | (b & c)) + d + ss2 + (wj ^ wj4);
        var tt2 = ((e & f) | (~e & g)) + h + ss1 + wj;
        b = BitOperations.RotateLeft(b, 9);
        d = tt1;
        f = BitOperations.RotateLeft(f, 19);
        h = tt2 ^ BitOperations.RotateLeft(tt2, 9) ^ BitOperations.RotateLeft(tt2, 17);
    }

    /// <summary>T_j &lt;&lt;&lt; (j mod 32) for j = 0..63: 0x79CC4519 for the first 16 rounds, 0x7A879D8A after.</summary>
    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x79CC4519, 0xF3988A32, 0xE7311465, 0xCE6228CB, 0x9CC45197, 0x3988A32F, 0x7311465E, 0xE6228CBC,
        0xCC451979, 0x988A32F3, 0x311465E7, 0x6228CBCE, 0xC451979C, 0x88A32F39, 0x11465E73, 0x228CBCE6,
        0x9D8A7A87, 0x3B14F50F, 0x7629EA1E, 0xEC53D43C, 0xD8A7A879, 0xB14F50F3, 0x629EA1E7, 0xC53D43CE,
        0x8A7A879D, 0x14F50F3B, 0x29EA1E76, 0x53D43CEC, 0xA7A879D8, 0x4F50F3B1, 0x9EA1E762, 0x3D43CEC5,
        0x7A879D8A, 0xF50F3B14, 0xEA1E7629, 0xD43CEC53, 0xA879D8A7, 0x50F3B14F, 0xA1E7629E, 0x43CEC53D,
        0x879D8A7A, 0x0F3B14F5, 0x1E7629EA, 0x3CEC53D4, 0x79D8A7A8, 0xF3B14F50, 0xE7629EA1, 0xCEC53D43,
        0x9D8A7A87, 0x3B14F50F, 0x7629EA1E, 0xEC53D43C, 0xD8A7A879, 0xB14F50F3, 0x629EA1E7, 0xC53D43CE,
        0x8A7A879D, 0x14F50F3B, 0x29EA1E76, 0x53D43CEC, 0xA7A879D8, 0x4F50F3B1, 0x9EA1E762, 0x3D43CEC5,
    ];
}
