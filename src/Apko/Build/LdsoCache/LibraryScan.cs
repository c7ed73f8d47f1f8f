namespace Apko.Build.LdsoCache;

/// <summary>
/// Result of scanning library directories: the cache entries in cache order and the entries left out.
/// </summary>
/// <param name="Entries">Entries sorted in descending <c>_dl_cache_libcmp</c> order of their keys.</param>
/// <param name="Skipped">Library-named entries that are not usable shared objects, in scan order.</param>
internal sealed record LibraryScan(IReadOnlyList<LdsoCacheEntry> Entries, IReadOnlyList<SkippedLibrary> Skipped);
