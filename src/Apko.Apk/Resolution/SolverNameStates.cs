namespace Apko.Apk.Resolution;

/// <summary>
/// The solver's name states by index name id, in blocks allocated on first use, so that a solve over a large index
/// allocates no array on the large object heap, whose allocations count towards full garbage collections.
/// </summary>
internal sealed class SolverNameStates(int count)
{
    /// <summary>Entries per block: 8,192 references make 64 KiB, under the 85,000-byte limit.</summary>
    private const int BlockShift = 13;
    private const int BlockMask = (1 << BlockShift) - 1;

    private readonly SolverName?[]?[] _blocks = new SolverName?[]?[(count >> BlockShift) + 1];

    /// <summary>Returns the state of name <paramref name="id"/>, or null when the solve has not created it.</summary>
    public SolverName? Get(int id) => _blocks[id >> BlockShift]?[id & BlockMask];

    public void Set(int id, SolverName state)
    {
        var index = id >> BlockShift;
        ref var block = ref _blocks[index];
        block ??= new SolverName?[Math.Min(1 << BlockShift, count - (index << BlockShift))];
        block[id & BlockMask] = state;
    }
}
