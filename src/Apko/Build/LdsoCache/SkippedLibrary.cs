namespace Apko.Build.LdsoCache;

/// <summary>A <c>lib*.so*</c> or <c>ld-*.so*</c> entry that was left out of the cache, and why.</summary>
/// <param name="Path">Absolute image path of the entry.</param>
/// <param name="Reason">Why it was left out, such as "not an ELF file".</param>
internal sealed record SkippedLibrary(string Path, string Reason);
