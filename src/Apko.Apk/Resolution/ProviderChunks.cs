namespace Apko.Apk.Resolution;

/// <summary>
/// Hands out the provider lists of index names from shared arrays small enough to stay off the large object heap,
/// whose allocations count towards full garbage collections.
/// </summary>
internal sealed class ProviderChunks
{
    /// <summary>Entries per shared array: 4,096 providers of 16 bytes make 64 KiB, under the 85,000-byte limit.
    /// </summary>
    private const int ChunkLength = 4096;

    private IndexProvider[] _chunk = [];
    private int _used;

    /// <summary>
    /// Appends <paramref name="provider"/> to the providers of <paramref name="name"/>, reserving room for all
    /// <paramref name="counts"/>[id] of them on the first one; <paramref name="next"/> counts those written.
    /// </summary>
    public void Add(IndexName name, int[] counts, int[] next, IndexProvider provider)
    {
        if (name.Providers.Count == 0)
        {
            name.Providers = Reserve(counts[name.Id]);
        }

        var providers = name.Providers;
        providers[next[name.Id]++] = provider;
    }

    private ArraySegment<IndexProvider> Reserve(int count)
    {
        if (count > ChunkLength)
        {
            return new IndexProvider[count];
        }

        if (_used + count > _chunk.Length)
        {
            _chunk = new IndexProvider[ChunkLength];
            _used = 0;
        }

        var segment = new ArraySegment<IndexProvider>(_chunk, _used, count);
        _used += count;
        return segment;
    }
}
