using System.Runtime.InteropServices;
using Apko.Build.LdsoCache;
using Apko.Testing;

namespace Apko.Tests.Build.LdsoCache;

public sealed class ElfReaderTests
{
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public async Task Read_AnyClassAndByteOrder(bool is64, bool bigEndian, bool withSectionHeaders)
    {
        var image = new ElfImage
        {
            Is64 = is64,
            BigEndian = bigEndian,
            WithSectionHeaders = withSectionHeaders,
            Machine = ElfImage.AArch64,
            Sonames = ["libfoo.so.1"],
        };

        var result = await ReadAsync(image.Build());

        Assert.Null(result.SkipReason);
        Assert.Equal(ElfImage.AArch64, result.Library!.Machine);
        Assert.Equal(["libfoo.so.1"], result.Library.Sonames);
    }

    [Fact]
    public async Task Read_SeveralOrNoSonames()
    {
        var several = await ReadAsync(ElfImage.Library(ElfImage.X8664, "liba.so.1", "libb.so.2"));
        var none = await ReadAsync(ElfImage.Library(ElfImage.X8664));

        Assert.Equal(["liba.so.1", "libb.so.2"], several.Library!.Sonames);
        Assert.Empty(none.Library!.Sonames);
    }

    [Fact]
    public async Task Read_ExecutableIsSkipped()
    {
        var result = await ReadAsync(new ElfImage { Type = 2, Sonames = ["libfoo.so.1"] }.Build());

        Assert.Null(result.Library);
        Assert.Contains("not a shared object (ELF type 2", result.SkipReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/* GNU ld script */\nGROUP ( /lib/libc.so.6 )\n")]
    [InlineData("\u007fELF")]
    public async Task Read_NonElfIsSkipped(string content)
    {
        var result = await ReadAsync(System.Text.Encoding.ASCII.GetBytes(content));

        Assert.Null(result.Library);
        Assert.NotNull(result.SkipReason);
    }

    [Fact]
    public async Task Read_EveryTruncationIsSkippedOrRead()
    {
        var bytes = new ElfImage { Is64 = true, Sonames = ["libfoo.so.1"] }.Build();

        for (var length = 0; length < bytes.Length; length++)
        {
            var result = await ReadAsync(bytes[..length]);

            Assert.True(result.Library is not null || result.SkipReason is not null, $"length {length}");
        }
    }

    [Fact]
    public async Task Read_CorruptedBytesNeverThrow()
    {
        var random = new Random(20261204);
        ElfImage[] images = [new ElfImage { Sonames = ["libx.so.1"] }, new ElfImage { Is64 = false, BigEndian = true }];
        foreach (var image in images)
        {
            var original = image.Build();
            for (var round = 0; round < 2000; round++)
            {
                var bytes = (byte[])original.Clone();
                for (var change = 0; change < 1 + (round % 4); change++)
                {
                    bytes[random.Next(16, bytes.Length)] = (byte)random.Next(256);
                }

                var result = await ReadAsync(bytes);

                Assert.True(result.Library is not null || result.SkipReason is not null, $"round {round}");
            }
        }
    }

    [Fact]
    public async Task Read_HugeDynamicSizeIsSkipped()
    {
        var bytes = new ElfImage { Is64 = true, Sonames = ["libx.so.1"], WithSectionHeaders = false }.Build();
        // The PT_DYNAMIC program header is the second one, at 64 + 56; p_filesz is at offset 32 inside it.
        BitConverter.TryWriteBytes(bytes.AsSpan(64 + 56 + 32), 1UL << 40);

        var result = await ReadAsync(bytes);

        Assert.Contains("dynamic array", result.SkipReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task ElfImage_ReadelfFindsSoname(bool is64, bool bigEndian)
    {
        var readelf = ExternalTool.Require("readelf");
        var directory = Directory.CreateTempSubdirectory("ldso-elf-");
        try
        {
            var path = Path.Combine(directory.FullName, "libcheck.so.1");
            var image = new ElfImage { Is64 = is64, BigEndian = bigEndian, Sonames = ["libcheck.so.1"] };
            await File.WriteAllBytesAsync(
                path,
                image.Build(),
                TestContext.Current.CancellationToken);

            var output = await ExternalTool.RunAsync(readelf, ["-d", path]);

            Assert.Contains("Library soname: [libcheck.so.1]", output.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Read_LibraryBuiltByGcc()
    {
        var gcc = ExternalTool.Require("gcc");
        var directory = Directory.CreateTempSubdirectory("ldso-gcc-");
        try
        {
            var source = Path.Combine(directory.FullName, "answer.c");
            var library = Path.Combine(directory.FullName, "libanswer.so.1.0");
            await File.WriteAllTextAsync(
                source, "int answer(void) { return 42; }\n", TestContext.Current.CancellationToken);
            var build = await ExternalTool.RunAsync(
                gcc, ["-shared", "-fPIC", "-Wl,-soname,libanswer.so.1", "-o", library, source]);
            Assert.True(build.ExitCode == 0, build.ToString());

            var result = await ReadAsync(await File.ReadAllBytesAsync(library, TestContext.Current.CancellationToken));

            Assert.Equal(["libanswer.so.1"], result.Library!.Sonames);
            Assert.Equal(HostMachine(), result.Library.Machine);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static ushort HostMachine() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => ElfImage.X8664,
        Architecture.Arm64 => ElfImage.AArch64,
        var other => throw new PlatformNotSupportedException($"No ELF machine number for {other} in this test."),
    };

    private static async Task<ElfReadResult> ReadAsync(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await ElfReader.ReadAsync(stream, TestContext.Current.CancellationToken);
    }
}
