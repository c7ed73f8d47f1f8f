namespace Apko.Apk.Resolution;

/// <summary>
/// A package or provided name of a <see cref="PackageIndex"/>, with what refers to it. The reverse links are worked
/// out from the index on first use, since a solve reaches only a small part of a repository.
/// </summary>
internal sealed class IndexName
{
    private readonly string _text;
    private readonly int _length;
    private readonly PackageIndex? _index;
    private string? _name;
    private IndexName[]? _reverseDepends;
    private IndexName[]? _reverseInstallIf;

    public IndexName(string name, int id, PackageIndex? index = null)
        : this(name, name.Length, id, index)
    {
    }

    /// <summary>
    /// Creates the name made of the first <paramref name="length"/> characters of <paramref name="text"/>, such as
    /// the name part of a provide <c>so:libz.so.1=1.2.13</c>, whose string is made only when a solve needs it.
    /// </summary>
    public IndexName(string text, int length, int id, PackageIndex? index)
    {
        _text = text;
        _length = length;
        _name = length == text.Length ? text : null;
        Id = id;
        _index = index;
    }

    public string Name => _name ??= _text[.._length];

    /// <summary>The characters of <see cref="Name"/>, without making its string.</summary>
    public ReadOnlySpan<char> Span => _text.AsSpan(0, _length);

    /// <summary>
    /// Id from 0 to <see cref="PackageIndex.NameCount"/> - 1, or -1 for a name the index does not know.
    /// </summary>
    public int Id { get; }

    /// <summary>Packages named so or providing the name, in index order.</summary>
    public ArraySegment<IndexProvider> Providers { get; set; } = ArraySegment<IndexProvider>.Empty;

    /// <summary>
    /// Names of packages that depend on this name, and the names those packages provide, in index order of the first
    /// such package, as apk-tools lists them.
    /// </summary>
    public IndexName[] ReverseDepends
    {
        get
        {
            if (Volatile.Read(ref _reverseDepends) is { } known)
            {
                return known;
            }

            var computed = _index?.GetReverseNames(Id, installIf: false) ?? [];
            Volatile.Write(ref _reverseDepends, computed);
            return computed;
        }
    }

    /// <summary>
    /// Names of packages whose <c>install_if</c> mentions this name, and the names those packages provide.
    /// </summary>
    public IndexName[] ReverseInstallIf
    {
        get
        {
            if (Volatile.Read(ref _reverseInstallIf) is { } known)
            {
                return known;
            }

            var computed = _index?.GetReverseNames(Id, installIf: true) ?? [];
            Volatile.Write(ref _reverseInstallIf, computed);
            return computed;
        }
    }

    public override string ToString() => Name;
}
