using System.Text;
using Apko.Build.LdsoCache;
using Apko.Testing;

namespace Apko.Tests.Build.LdsoCache;

public sealed class LdsoCacheFileTests
{
    [Fact]
    public void Read_GlibcFixtureCache()
    {
        var path = Fixtures.Path("apko", "internal", "ldso-cache", "testdata", "ld.so.cache");

        var cache = LdsoCacheFile.Read(File.ReadAllBytes(path));

        Assert.Equal(65, cache.Entries.Count);
        Assert.Equal(2, cache.HeaderFlags);
        Assert.Equal(3032u, cache.ExtensionOffset);
        Assert.Equal(new LdsoCacheEntry(0x0a03, "libz.so.1", "/lib/libz.so.1"), cache.Entries[0]);
        Assert.Equal(
            new LdsoCacheEntry(0x0a03, "ld-linux-aarch64.so.1", "/lib/ld-linux-aarch64.so.1"), cache.Entries[^1]);
        Assert.All(cache.Entries, e => Assert.EndsWith("/" + e.Key, e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_MatchesGoldenBytes()
    {
        LdsoCacheEntry[] entries =
        [
            new(0x0303, "libfoo.so.1", "/lib/libfoo.so.1"),
            new(0x0a03, "libbar.so", "/usr/lib/libbar.so"),
        ];

        var bytes = LdsoCacheFile.Write(entries);

        // Header, two 24-byte entries, "/lib/libfoo.so.1\0/usr/lib/libbar.so\0" at offset 96, zero padding to 144.
        var expected = Convert.FromHexString(
            "676c6962632d6c642e736f2e6361636865312e31" + "02000000" + "24000000" + "00000000" + "00000000"
            + "000000000000000000000000"
            + "03030000" + "65000000" + "60000000" + "00000000" + "0000000000000000"
            + "030a0000" + "7a000000" + "71000000" + "00000000" + "0000000000000000"
            + Convert.ToHexString(Encoding.ASCII.GetBytes("/lib/libfoo.so.1\0/usr/lib/libbar.so\0"))
            + "000000000000000000000000");
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(1, 112)]
    public void Write_PadsAlignedLengthByFullBlock(int count, int expectedLength)
    {
        // 48 + 24 + "/lib/libabcdefghijkl.so\0" (24 bytes) = 96 is already aligned, yet apko adds 16 zero bytes.
        var entry = new LdsoCacheEntry(0x0303, "libabcdefghijkl.so", "/lib/libabcdefghijkl.so");
        var entries = Enumerable.Repeat(entry, count).ToList();

        var bytes = LdsoCacheFile.Write(entries);

        Assert.Equal(expectedLength, bytes.Length);
    }

    [Fact]
    public void Write_ThenReadRoundTrips()
    {
        var path = Fixtures.Path("apko", "internal", "ldso-cache", "testdata", "ld.so.cache");
        var original = LdsoCacheFile.Read(File.ReadAllBytes(path));

        var copy = LdsoCacheFile.Read(LdsoCacheFile.Write(original.Entries));

        Assert.Equal(original.Entries, copy.Entries);
        Assert.Equal(0, copy.HeaderFlags);
        Assert.Equal(0u, copy.ExtensionOffset);
    }

    [Fact]
    public void Read_TruncatedCacheThrowsFormatException()
    {
        var path = Fixtures.Path("apko", "internal", "ldso-cache", "testdata", "ld.so.cache");
        var bytes = File.ReadAllBytes(path);

        Assert.Throws<FormatException>(() => LdsoCacheFile.Read(bytes.AsSpan(0, 1000)));
    }
}
