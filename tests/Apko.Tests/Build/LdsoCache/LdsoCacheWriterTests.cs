using System.Text;
using Apko.Apk.FileSystem;
using Apko.Build.LdsoCache;
using Apko.Testing;

namespace Apko.Tests.Build.LdsoCache;

public sealed class LdsoCacheWriterTests
{
    private static readonly UnixFileMode s_fileMode = (UnixFileMode)0x1A4;

    [Fact]
    public async Task WriteIfGlibc_FixtureLibroot()
    {
        var fileSystem = LibrootImage.Load();

        var scan = await WriteAsync(fileSystem);

        // apko's own test expects these 8 libraries; it mocks the ELF parser and checks only count and order.
        string[] expected =
        [
            "/usr/local/sdk-v1/lib/libsdk.so.1", "/usr/local/sdk-v2/lib/libsdk.so.1",
            "/usr/local/sdk-v1/lib/libsdk.so", "/usr/local/sdk-v2/lib/libsdk.so",
            "/lib/libnosoname.so", "/usr/lib/libnosoname.so",
            "/lib/libfoo.so.1", "/usr/lib/libfoo.so.1",
        ];
        var cache = await ReadCacheAsync(fileSystem);
        Assert.Equal(expected, cache.Entries.Select(e => e.Path));
        Assert.All(cache.Entries, e => Assert.Equal(0x0303u, e.Flags));
        Assert.All(cache.Entries, e => Assert.Equal(e.Path[(e.Path.LastIndexOf('/') + 1)..], e.Key));
        Assert.Equal(scan!.Entries, cache.Entries);
    }

    [Fact]
    public async Task WriteIfGlibc_FileMetadata()
    {
        var fileSystem = LibrootImage.Load();

        await WriteAsync(fileSystem);

        var node = fileSystem.Lstat("etc/ld.so.cache")!;
        Assert.Equal(FileNodeType.RegularFile, node.Type);
        Assert.Equal(s_fileMode, node.Mode);
        Assert.Equal(0, node.Uid);
        Assert.Equal(0, node.Gid);
        Assert.Equal(0, node.ModificationTime);
    }

    [Fact]
    public async Task WriteIfGlibc_ReproducesGlibcFixtureEntries()
    {
        var fixture = LdsoCacheFile.Read(File.ReadAllBytes(
            Fixtures.Path("apko", "internal", "ldso-cache", "testdata", "ld.so.cache")));
        var fileSystem = NewImage("/usr/lib\n");
        foreach (var entry in fixture.Entries)
        {
            AddLibrary(fileSystem, entry);
        }

        AddNoise(fileSystem);

        var scan = await WriteAsync(fileSystem);

        Assert.Equal(fixture.Entries, scan!.Entries);
        var linkerScript = Assert.Single(scan.Skipped, s => s.Path == "/usr/lib/libc.so");
        Assert.Contains("not an ELF", linkerScript.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteIfGlibc_WithoutLdSoConf()
    {
        var fileSystem = new ImageFileSystem();
        fileSystem.MkdirAll("lib", (UnixFileMode)0x1ED);
        fileSystem.MkdirAll("etc", (UnixFileMode)0x1ED);
        fileSystem.WriteFile("lib/libc.so.6", ElfImage.Library(ElfImage.X8664, "libc.so.6"), s_fileMode);

        var scan = await WriteAsync(fileSystem);

        Assert.Null(scan);
        Assert.Null(fileSystem.Lstat("etc/ld.so.cache"));
    }

    [Fact]
    public async Task WriteIfGlibc_UnsupportedMachineThrows()
    {
        var fileSystem = NewImage("/usr/lib\n");
        fileSystem.WriteFile("usr/lib/libarm.so.1", ElfImage.Library(40, "libarm.so.1"), s_fileMode);

        var error = await Assert.ThrowsAsync<ApkoException>(() => WriteAsync(fileSystem));

        Assert.Equal("APKO4301", error.Code);
        Assert.Contains("'/usr/lib/libarm.so.1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("32-bit ARM (EM_ARM, 40)", error.Message, StringComparison.Ordinal);
        Assert.Null(fileSystem.Lstat("etc/ld.so.cache"));
    }

    [Fact]
    public async Task WriteIfGlibc_MalformedElfIsSkipped()
    {
        var fileSystem = NewImage("");
        var good = ElfImage.Library(ElfImage.AArch64, "libgood.so.1");
        fileSystem.WriteFile("lib/libgood.so.1", good, s_fileMode);
        fileSystem.WriteFile("lib/libtruncated.so.1", good[..100], s_fileMode);
        fileSystem.WriteFile("lib/libtext.so.2", Encoding.ASCII.GetBytes("not an elf"), s_fileMode);
        fileSystem.Symlink("lib/libdangling.so", "libmissing.so.1");
        fileSystem.MkdirAll("lib/libdir.so.1", (UnixFileMode)0x1ED);
        fileSystem.Symlink("lib/libloop.so", "libloop.so");

        var scan = await WriteAsync(fileSystem);

        var cache = await ReadCacheAsync(fileSystem);
        Assert.Equal([new LdsoCacheEntry(0x0a03, "libgood.so.1", "/lib/libgood.so.1")], cache.Entries);
        Assert.Equal(
            [
                "/lib/libdangling.so", "/lib/libdir.so.1", "/lib/libloop.so", "/lib/libtext.so.2",
                "/lib/libtruncated.so.1",
            ],
            scan!.Skipped.Select(s => s.Path));
    }

    [Fact]
    public async Task WriteIfGlibc_HardLinkedLibrary()
    {
        var fileSystem = NewImage("/usr/lib\n");
        fileSystem.WriteFile("usr/lib/libz.so.1.3", ElfImage.Library(ElfImage.X8664, "libz.so.1"), s_fileMode);
        fileSystem.Hardlink("usr/lib/libz.so.1", "usr/lib/libz.so.1.3");

        await WriteAsync(fileSystem);

        var cache = await ReadCacheAsync(fileSystem);
        Assert.Equal([new LdsoCacheEntry(0x0303, "libz.so.1", "/usr/lib/libz.so.1")], cache.Entries);
    }

    [Fact]
    public async Task WriteIfGlibc_ReplacesExistingCache()
    {
        var fileSystem = NewImage("");
        fileSystem.WriteFile("etc/ld.so.cache", [1, 2, 3], (UnixFileMode)0x1FF);

        await WriteAsync(fileSystem);

        var cache = await ReadCacheAsync(fileSystem);
        Assert.Empty(cache.Entries);
        Assert.Equal(s_fileMode, fileSystem.Lstat("etc/ld.so.cache")!.Mode);
    }

    /// <summary>Adds a library as packages ship it: a versioned file, or a development link with a soname.</summary>
    private static void AddLibrary(ImageFileSystem fileSystem, LdsoCacheEntry entry)
    {
        var directory = entry.Path[..entry.Path.LastIndexOf('/')];
        fileSystem.MkdirAll(directory, (UnixFileMode)0x1ED);
        if (!entry.Key.EndsWith(".so", StringComparison.Ordinal))
        {
            fileSystem.WriteFile(entry.Path + ".0.0", ElfImage.Library(ElfImage.AArch64, entry.Key), s_fileMode);
            fileSystem.Symlink(entry.Path, entry.Key + ".0.0");
        }
        else if (entry.Key == "libmemusage.so")
        {
            fileSystem.WriteFile(entry.Path, ElfImage.Library(ElfImage.AArch64), s_fileMode);
        }
        else
        {
            fileSystem.WriteFile(entry.Path, ElfImage.Library(ElfImage.AArch64, entry.Key + ".99"), s_fileMode);
        }
    }

    /// <summary>Adds files that must stay out of the cache: linker scripts, non-library names, executables.</summary>
    private static void AddNoise(ImageFileSystem fileSystem)
    {
        var linkerScript = Encoding.ASCII.GetBytes("/* GNU ld script */\nGROUP ( /lib/libc.so.6 )\n");
        var executable = new ElfImage { Type = 2, Machine = ElfImage.AArch64, Sonames = ["libexec.so.1"] };
        fileSystem.WriteFile("usr/lib/libc.so", linkerScript, s_fileMode);
        fileSystem.WriteFile("usr/lib/crt1.o", ElfImage.Library(ElfImage.AArch64, "crt1.o"), s_fileMode);
        fileSystem.WriteFile("usr/lib/libexec.so.1", executable.Build(), s_fileMode);
        var otherSoname = ElfImage.Library(ElfImage.AArch64, "libdifferent.so.3");
        fileSystem.WriteFile("usr/lib/libother.so.3", otherSoname, s_fileMode);
        fileSystem.MkdirAll("opt/lib", (UnixFileMode)0x1ED);
        var unlisted = ElfImage.Library(ElfImage.AArch64, "libunlisted.so.1");
        fileSystem.WriteFile("opt/lib/libunlisted.so.1", unlisted, s_fileMode);
    }

    private static ImageFileSystem NewImage(string ldSoConf)
    {
        var fileSystem = new ImageFileSystem();
        fileSystem.MkdirAll("etc", (UnixFileMode)0x1ED);
        fileSystem.MkdirAll("lib", (UnixFileMode)0x1ED);
        fileSystem.MkdirAll("usr/lib", (UnixFileMode)0x1ED);
        fileSystem.WriteFile("etc/ld.so.conf", Encoding.ASCII.GetBytes(ldSoConf), s_fileMode);
        return fileSystem;
    }

    private static async Task<LdsoCacheFile> ReadCacheAsync(ImageFileSystem fileSystem) =>
        LdsoCacheFile.Read(await fileSystem.ReadFileAsync("etc/ld.so.cache", TestContext.Current.CancellationToken));

    private static Task<LibraryScan?> WriteAsync(ImageFileSystem fileSystem) =>
        LdsoCacheWriter.WriteIfGlibcAsync(fileSystem, null, TestContext.Current.CancellationToken);
}
