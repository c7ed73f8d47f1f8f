namespace Apko.Build.LdsoCache;

/// <summary>
/// What ldconfig needs from an ELF shared object: its target machine and its <c>DT_SONAME</c> entries.
/// </summary>
/// <param name="Machine">The <c>e_machine</c> value, such as 62 for x86-64 or 183 for AArch64.</param>
/// <param name="Sonames">Every <c>DT_SONAME</c> string, in dynamic section order; usually one, possibly none.</param>
internal sealed record ElfLibraryInfo(ushort Machine, IReadOnlyList<string> Sonames);
