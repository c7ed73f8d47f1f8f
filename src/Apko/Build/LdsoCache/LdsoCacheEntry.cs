namespace Apko.Build.LdsoCache;

/// <summary>One library in <c>/etc/ld.so.cache</c>.</summary>
/// <param name="Flags">Library type and ABI, such as <c>0x0303</c> for an x86-64 glibc library.</param>
/// <param name="Key">The name <c>ld.so</c> looks up: the file name, such as <c>libc.so.6</c>.</param>
/// <param name="Path">The absolute path of the library in the image, such as <c>/lib/libc.so.6</c>.</param>
/// <param name="OsVersion">Minimum kernel version the library needs; 0 for none.</param>
/// <param name="Hwcap">Hardware capabilities the library needs; 0 for none.</param>
internal sealed record LdsoCacheEntry(uint Flags, string Key, string Path, uint OsVersion = 0, ulong Hwcap = 0);
