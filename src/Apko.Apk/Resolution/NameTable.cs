namespace Apko.Apk.Resolution;

/// <summary>
/// Index names by their characters, split over several hash sets so that no entry array reaches the large object
/// heap, whose allocations count towards full garbage collections.
/// </summary>
internal sealed class NameTable
{
    private const int PartCount = 8;

    private readonly HashSet<IndexName>[] _parts = new HashSet<IndexName>[PartCount];
    private readonly HashSet<IndexName>.AlternateLookup<ReadOnlySpan<char>>[] _lookups =
        new HashSet<IndexName>.AlternateLookup<ReadOnlySpan<char>>[PartCount];

    /// <param name="capacity">Expected number of names.</param>
    public NameTable(int capacity)
    {
        for (var i = 0; i < PartCount; i++)
        {
            _parts[i] = new HashSet<IndexName>(capacity / PartCount, IndexNameComparer.Instance);
            _lookups[i] = _parts[i].GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>Returns the name spelled <paramref name="name"/>, or null when none is known.</summary>
    public IndexName? Find(ReadOnlySpan<char> name) =>
        _lookups[PartOf(name)].TryGetValue(name, out var known) ? known : null;

    /// <summary>Adds a name that <see cref="Find"/> did not find.</summary>
    public void Add(IndexName name) => _parts[PartOf(name.Span)].Add(name);

    /// <summary>Picks a part from the length and last character, which vary well among package names.</summary>
    private static int PartOf(ReadOnlySpan<char> name) =>
        name.IsEmpty ? 0 : (name.Length + name[^1]) & (PartCount - 1);
}
