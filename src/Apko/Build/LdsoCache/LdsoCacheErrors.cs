namespace Apko.Build.LdsoCache;

/// <summary>Messages and codes of the errors raised while writing <c>/etc/ld.so.cache</c>.</summary>
internal static class LdsoCacheErrors
{
    public static ApkoException UnsupportedMachine(string path, ushort machine) => new(
        "APKO4301",
        $"Cannot write /etc/ld.so.cache: library '{path}' is an ELF shared object for machine "
        + $"{ElfMachineNames.Describe(machine)}, but only x86-64 (EM_X86_64, 62) and AArch64 (EM_AARCH64, 183) "
        + "libraries are supported, as in apko. Remove the package that installs it, or move the library out of "
        + "/lib and the directories listed in /etc/ld.so.conf.");

    public static ApkoException ConfigurationNotAFile(string path) => new(
        "APKO4302",
        $"Cannot write /etc/ld.so.cache: '{path}' is not a regular file. Check the package that installs it.");

    public static ApkoException ReadFailed(string path, Exception inner) => new(
        "APKO4303",
        $"Cannot write /etc/ld.so.cache: reading library '{path}' failed: {inner.Message}",
        inner);
}
