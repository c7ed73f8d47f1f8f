namespace Apko.Build.LdsoCache;

/// <summary>Outcome of reading one file as an ELF shared object: the library, or why the file is not one.</summary>
/// <param name="Library">The library; null when the file is skipped.</param>
/// <param name="SkipReason">
/// Why the file is not a usable shared object, such as "not an ELF file"; null on success.
/// </param>
internal readonly record struct ElfReadResult(ElfLibraryInfo? Library, string? SkipReason)
{
    public static ElfReadResult Skip(string reason) => new(null, reason);
}
