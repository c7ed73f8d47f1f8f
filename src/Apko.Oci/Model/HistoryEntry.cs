namespace Apko.Oci.Model;

/// <summary>One entry of an image config's <c>history</c>, describing how a layer was made.</summary>
public sealed record HistoryEntry
{
    /// <summary>Author of the step; omitted when null or empty.</summary>
    public string? Author { get; init; }

    /// <summary>Creation time, always written.</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>Command that made the layer; omitted when null or empty.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Free-form comment; omitted when null or empty.</summary>
    public string? Comment { get; init; }

    /// <summary>Whether the step made no layer; written only when true.</summary>
    public bool EmptyLayer { get; init; }
}
