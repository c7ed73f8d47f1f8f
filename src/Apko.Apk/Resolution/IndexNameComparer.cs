namespace Apko.Apk.Resolution;

/// <summary>Compares index names by their characters, and looks them up by a span without making a string.</summary>
internal sealed class IndexNameComparer
    : IEqualityComparer<IndexName>, IAlternateEqualityComparer<ReadOnlySpan<char>, IndexName>
{
    public static readonly IndexNameComparer Instance = new();

    public bool Equals(IndexName? x, IndexName? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Span.SequenceEqual(y.Span));

    public int GetHashCode(IndexName obj) => string.GetHashCode(obj.Span);

    public bool Equals(ReadOnlySpan<char> alternate, IndexName other) => alternate.SequenceEqual(other.Span);

    public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate);

    /// <summary>Not used: names are added only as <see cref="IndexName"/> objects.</summary>
    public IndexName Create(ReadOnlySpan<char> alternate) =>
        throw new NotSupportedException("Index names are added as IndexName objects.");
}
