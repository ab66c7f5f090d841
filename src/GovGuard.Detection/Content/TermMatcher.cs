using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GovGuard.Detection.Content;

/// <summary>Receives matches from <see cref="TermMatcher"/> without allocating: pattern id and the end (exclusive) in the text.</summary>
public interface IMatchSink
{
    void OnMatch(int patternId, int end);
}

/// <summary>One occurrence of a pattern: its id and its span in the text that was searched.</summary>
public readonly record struct TermMatch(int PatternId, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds every occurrence (overlapping ones included) of up to hundreds of thousands of patterns in one pass:
/// an Aho–Corasick automaton whose goto function is a double-array trie over dense character classes.
/// </summary>
/// <remarks>
/// Per text character the hot loop does one class-table load; characters that start no pattern are skipped by a
/// tight loop over a 64 K bit table while the automaton is at the root, which is where it spends most of its time
/// on ordinary page text. A transition is one interleaved (base, check) pair, so a step touches one cache line.
/// Equal patterns are merged: the id reported is the lowest index among them (<see cref="CanonicalId"/>).
/// </remarks>
public sealed class TermMatcher
{
    private readonly ushort[] _classOf;        // char → class (0: in no pattern)
    private readonly byte[] _startsPattern;    // char → 1 when the root has a transition on it
    private readonly Slot[] _slots;            // double array: base and check interleaved
    private readonly int[] _fail;
    private readonly int[] _firstOut;          // first state on the failure chain (self included) ending a pattern, or -1
    private readonly int[] _nextOut;           // next such state further down the chain, or -1
    private readonly int[] _patternAt;         // pattern ending exactly at a state, or -1
    private readonly int[] _lengths;
    private readonly int[] _canonical;

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public int Base;
        public int Check;
    }

    private TermMatcher(ushort[] classOf, byte[] startsPattern, Slot[] slots, int[] fail, int[] firstOut, int[] nextOut,
        int[] patternAt, int[] lengths, int[] canonical, int stateCount)
    {
        _classOf = classOf;
        _startsPattern = startsPattern;
        _slots = slots;
        _fail = fail;
        _firstOut = firstOut;
        _nextOut = nextOut;
        _patternAt = patternAt;
        _lengths = lengths;
        _canonical = canonical;
        StateCount = stateCount;
        MaxPatternLength = lengths.Length == 0 ? 0 : lengths.Max();
    }

    /// <summary>Number of patterns given to <see cref="Build"/> (duplicates included).</summary>
    public int PatternCount => _lengths.Length;

    /// <summary>Length of the longest pattern in UTF-16 code units: the overlap needed between chunks.</summary>
    public int MaxPatternLength { get; }

    /// <summary>Number of automaton states (trie nodes), for sizing reports.</summary>
    public int StateCount { get; }

    /// <summary>Length of pattern <paramref name="id"/>.</summary>
    public int PatternLength(int id) => _lengths[id];

    /// <summary>The id reported for pattern <paramref name="id"/>: the lowest index of an equal pattern.</summary>
    public int CanonicalId(int id) => _canonical[id];

    /// <summary>Builds the automaton. Empty patterns are ignored (they match nothing).</summary>
    public static TermMatcher Build(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        return new Builder(patterns).Build();
    }

    /// <summary>Reports every occurrence of every pattern to <paramref name="sink"/>, in order of end position.</summary>
    // Compiled optimised at once: the loop runs for seconds on big inputs and must not start in tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FindAll<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        ref ushort classOf = ref MemoryMarshal.GetArrayDataReference(_classOf);
        ref byte startsPattern = ref MemoryMarshal.GetArrayDataReference(_startsPattern);
        ref Slot slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        ref int fail = ref MemoryMarshal.GetArrayDataReference(_fail);
        ref int firstOut = ref MemoryMarshal.GetArrayDataReference(_firstOut);
        int n = text.Length;
        ref char t0 = ref MemoryMarshal.GetReference(text);
        int s = 0;
        int i = 0;
        while (i < n)
        {
            if (s == 0)
            {
                // At the root: skip characters that start no pattern (most of any real text).
                while (Unsafe.Add(ref startsPattern, Unsafe.Add(ref t0, i)) == 0)
                {
                    if (++i == n)
                    {
                        return;
                    }
                }
            }

            int c = Unsafe.Add(ref classOf, Unsafe.Add(ref t0, i));
            if (c == 0)
            {
                s = 0;
                i++;
                continue;
            }

            // Tables are padded past the largest base + class, so no bounds check is needed here.
            while (true)
            {
                int t = Unsafe.Add(ref slots, s).Base + c;
                if (Unsafe.Add(ref slots, t).Check == s)
                {
                    s = t;
                    break;
                }

                if (s == 0)
                {
                    break;
                }

                s = Unsafe.Add(ref fail, s);
            }

            i++;
            int o = Unsafe.Add(ref firstOut, s);
            while (o >= 0)
            {
                sink.OnMatch(_patternAt[o], i);
                o = _nextOut[o];
            }
        }
    }

    /// <summary>Every occurrence of every pattern, ordered by end position.</summary>
    public List<TermMatch> FindAll(ReadOnlySpan<char> text)
    {
        var sink = new ListSink(this, new List<TermMatch>());
        FindAll(text, ref sink);
        return sink.Matches;
    }

    /// <summary>Counts every occurrence of every pattern.</summary>
    public long CountAll(ReadOnlySpan<char> text)
    {
        var sink = new CountSink();
        FindAll(text, ref sink);
        return sink.Count;
    }

    /// <summary>
    /// Every occurrence in a large text, searched in chunks on several cores. Chunks overlap by the longest pattern
    /// less one character; a match belongs to the chunk its end falls in, so none is lost or counted twice.
    /// </summary>
    public List<TermMatch> FindAllParallel(ReadOnlyMemory<char> text, int chunkSize = 1 << 20, int maxDegree = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1024);
        if (text.Length <= chunkSize)
        {
            return FindAll(text.Span);
        }

        int chunks = (text.Length + chunkSize - 1) / chunkSize;
        var results = new List<TermMatch>[chunks];
        int overlap = Math.Max(0, MaxPatternLength - 1);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegree > 0 ? maxDegree : Environment.ProcessorCount }, k =>
        {
            int ownStart = k * chunkSize;
            int ownEnd = Math.Min(text.Length, ownStart + chunkSize);
            int from = Math.Max(0, ownStart - overlap);
            var sink = new ListSink(this, new List<TermMatch>());
            FindAll(text.Span[from..ownEnd], ref sink);
            var own = new List<TermMatch>(sink.Matches.Count);
            foreach (var m in sink.Matches)
            {
                // The first chunk owns everything; later ones only matches ending inside their own part.
                if (from + m.End > ownStart || k == 0)
                {
                    own.Add(m with { Start = m.Start + from });
                }
            }

            results[k] = own;
        });
        var all = new List<TermMatch>(results.Sum(r => r.Count));
        foreach (var r in results)
        {
            all.AddRange(r);
        }

        return all;
    }

    private struct CountSink : IMatchSink
    {
        public long Count;

        public void OnMatch(int patternId, int end) => Count++;
    }

    private readonly struct ListSink(TermMatcher matcher, List<TermMatch> matches) : IMatchSink
    {
        public List<TermMatch> Matches => matches;

        public void OnMatch(int patternId, int end)
        {
            int len = matcher._lengths[patternId];
            matches.Add(new TermMatch(patternId, end - len, len));
        }
    }

    /// <summary>Builds the trie, lays it into the double array, then adds failure and output links breadth first.</summary>
    private sealed class Builder(IReadOnlyList<string> patterns)
    {
        private Slot[] _slots = [];
        private int[] _freeNext = []; // union-find "next free slot at or after i"

        public TermMatcher Build()
        {
            int count = patterns.Count;
            var lengths = new int[count];
            var canonical = new int[count];

            // Character classes: dense ids for the characters that occur in patterns, most frequent first.
            var freq = new int[65536];
            for (int p = 0; p < count; p++)
            {
                var text = patterns[p] ?? throw new ArgumentException($"pattern {p} is null", nameof(patterns));
                lengths[p] = text.Length;
                foreach (char ch in text)
                {
                    freq[ch]++;
                }
            }

            var classOf = new ushort[65536];
            var order = Enumerable.Range(0, 65536).Where(ch => freq[ch] > 0).OrderByDescending(ch => freq[ch]).ToArray();
            for (int k = 0; k < order.Length; k++)
            {
                classOf[order[k]] = (ushort)(k + 1);
            }

            int classes = order.Length + 1;

            // Trie over classes; edges keyed by (node, class).
            var edges = new Dictionary<long, int>();
            var patternOfNode = new List<int> { -1 };
            for (int p = 0; p < count; p++)
            {
                var text = patterns[p];
                if (text.Length == 0)
                {
                    canonical[p] = p;
                    continue;
                }

                int node = 0;
                foreach (char ch in text)
                {
                    long key = ((long)node << 16) | classOf[ch];
                    if (!edges.TryGetValue(key, out int child))
                    {
                        child = patternOfNode.Count;
                        patternOfNode.Add(-1);
                        edges.Add(key, child);
                    }

                    node = child;
                }

                if (patternOfNode[node] < 0)
                {
                    patternOfNode[node] = p;
                }

                canonical[p] = patternOfNode[node];
            }

            int nodes = patternOfNode.Count;
            // Children per node, sorted by class: counting sort on the edge list.
            var childCount = new int[nodes + 1];
            foreach (var key in edges.Keys)
            {
                childCount[(int)(key >> 16) + 1]++;
            }

            for (int k = 0; k < nodes; k++)
            {
                childCount[k + 1] += childCount[k];
            }

            var childClass = new int[edges.Count];
            var childNode = new int[edges.Count];
            var fill = (int[])childCount.Clone();
            foreach (var (key, child) in edges)
            {
                int parent = (int)(key >> 16);
                int at = fill[parent]++;
                childClass[at] = (int)(key & 0xFFFF);
                childNode[at] = child;
            }

            for (int k = 0; k < nodes; k++)
            {
                Array.Sort(childClass, childNode, childCount[k], childCount[k + 1] - childCount[k]);
            }

            // Lay nodes into the double array breadth first; a node's state id is its slot.
            Grow(Math.Max(1024, (nodes * 2) + classes + 1));
            _slots[0].Check = int.MaxValue; // the root's slot is never a child
            Take(0);
            var stateOfNode = new int[nodes];
            var queue = new Queue<int>();
            queue.Enqueue(0);
            int maxSlot = 0;
            while (queue.Count > 0)
            {
                int node = queue.Dequeue();
                int state = stateOfNode[node];
                int from = childCount[node], to = childCount[node + 1];
                if (from == to)
                {
                    _slots[state].Base = 0;
                    continue;
                }

                int b = FindBase(childClass, from, to);
                _slots[state].Base = b;
                for (int e = from; e < to; e++)
                {
                    int slot = b + childClass[e];
                    _slots[slot].Check = state;
                    Take(slot);
                    stateOfNode[childNode[e]] = slot;
                    maxSlot = Math.Max(maxSlot, slot);
                    queue.Enqueue(childNode[e]);
                }
            }

            // Pad so that base + any class stays inside the array without a bounds check.
            int size = maxSlot + classes + 2;
            var slots = new Slot[size];
            Array.Copy(_slots, slots, Math.Min(_slots.Length, size));
            for (int k = Math.Min(_slots.Length, size); k < size; k++)
            {
                slots[k].Check = -1;
            }

            var patternAt = new int[size];
            Array.Fill(patternAt, -1);
            for (int node = 0; node < nodes; node++)
            {
                patternAt[stateOfNode[node]] = patternOfNode[node];
            }

            // Failure links and output chains, breadth first over the trie.
            var fail = new int[size];
            var firstOut = new int[size];
            var nextOut = new int[size];
            Array.Fill(firstOut, -1);
            Array.Fill(nextOut, -1);
            queue.Enqueue(0);
            while (queue.Count > 0)
            {
                int node = queue.Dequeue();
                int state = stateOfNode[node];
                for (int e = childCount[node]; e < childCount[node + 1]; e++)
                {
                    int c = childClass[e];
                    int child = stateOfNode[childNode[e]];
                    int f = 0;
                    if (state != 0)
                    {
                        f = fail[state];
                        while (true)
                        {
                            int t = slots[f].Base + c;
                            if (slots[t].Check == f)
                            {
                                f = t;
                                break;
                            }

                            if (f == 0)
                            {
                                break;
                            }

                            f = fail[f];
                        }
                    }

                    fail[child] = f;
                    nextOut[child] = firstOut[f];
                    firstOut[child] = patternAt[child] >= 0 ? child : firstOut[f];
                    queue.Enqueue(childNode[e]);
                }
            }

            // nextOut must skip to the next state that really ends a pattern on the chain.
            for (int st = 0; st < size; st++)
            {
                if (patternAt[st] >= 0)
                {
                    nextOut[st] = firstOut[fail[st]];
                }
            }

            var startsPattern = new byte[65536];
            for (int ch = 0; ch < 65536; ch++)
            {
                int c = classOf[ch];
                if (c != 0)
                {
                    int t = slots[0].Base + c;
                    startsPattern[ch] = (byte)(slots[t].Check == 0 ? 1 : 0);
                }
            }

            return new TermMatcher(classOf, startsPattern, slots, fail, firstOut, nextOut, patternAt, lengths, canonical, nodes);
        }

        private int FindBase(int[] childClass, int from, int to)
        {
            int c0 = childClass[from];
            int pos = NextFree(c0 + 1);
            while (true)
            {
                int b = pos - c0;
                int last = b + childClass[to - 1];
                if (last >= _slots.Length)
                {
                    Grow(Math.Max(_slots.Length * 2, last + 1024));
                }

                bool fits = true;
                for (int e = from + 1; e < to; e++)
                {
                    if (_slots[b + childClass[e]].Check != -1)
                    {
                        fits = false;
                        break;
                    }
                }

                if (fits)
                {
                    return b;
                }

                pos = NextFree(pos + 1);
            }
        }

        private void Grow(int size)
        {
            int old = _slots.Length;
            Array.Resize(ref _slots, size);
            Array.Resize(ref _freeNext, size + 1);
            for (int k = old; k < size; k++)
            {
                _slots[k].Check = -1;
            }

            for (int k = old; k <= size; k++)
            {
                _freeNext[k] = k;
            }
        }

        private void Take(int slot) => _freeNext[slot] = slot + 1;

        private int NextFree(int i)
        {
            if (i >= _slots.Length)
            {
                Grow(Math.Max(_slots.Length * 2, i + 1024));
            }

            int root = i;
            while (_freeNext[root] != root)
            {
                root = _freeNext[root];
                if (root >= _slots.Length)
                {
                    Grow(Math.Max(_slots.Length * 2, root + 1024));
                }
            }

            while (_freeNext[i] != root)
            {
                int next = _freeNext[i];
                _freeNext[i] = root;
                i = next;
            }

            return root;
        }
    }
}
