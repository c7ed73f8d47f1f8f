namespace Apko.Locking;

/// <summary>The byte range and digest of one gzip member of a locked package.</summary>
/// <param name="Range">An HTTP range such as <c>bytes=0-646</c>; empty for an absent signature.</param>
/// <param name="Checksum">
/// The digest as <c>sha1-&lt;base64&gt;</c> or <c>sha256-&lt;base64&gt;</c>; empty for an absent signature.
/// </param>
internal sealed record LockSection(string Range, string Checksum)
{
    /// <summary>The section of an unsigned package's signature.</summary>
    public static LockSection Empty { get; } = new("", "");
}
