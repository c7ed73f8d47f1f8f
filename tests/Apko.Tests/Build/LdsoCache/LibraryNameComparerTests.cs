using Apko.Build.LdsoCache;
using Apko.Testing;

namespace Apko.Tests.Build.LdsoCache;

public sealed class LibraryNameComparerTests
{
    [Theory]
    [InlineData("libyaml-0.so.2", "libyaml-cpp.so.0.8", 1)]
    [InlineData("libfoo.so.9", "libfoo.so.10", -1)]
    [InlineData("libfoo.so.13", "libfoo.so.13", 0)]
    [InlineData("libfoo.so.013", "libfoo.so.13", 0)]
    [InlineData("libfoo.so", "libfoo.so.1", -1)]
    [InlineData("libfoo.so.1", "libfoo.so", 1)]
    [InlineData("libc.so.6", "libc_malloc_debug.so.0", -1)]
    [InlineData("libz.so.1", "libc.so.6", 1)]
    [InlineData("libfoo.so.99999999999999999999", "libfoo.so.100000000000000000000", -1)]
    [InlineData("", "", 0)]
    public void Compare_FollowsDlCacheLibcmp(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(LibraryNameComparer.Instance.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(LibraryNameComparer.Instance.Compare(right, left)));
    }

    [Fact]
    public void Compare_AgreesWithRealLdconfigOrder()
    {
        var path = Fixtures.Path("apko", "internal", "ldso-cache", "testdata", "ld.so.cache");
        var keys = LdsoCacheFile.Read(File.ReadAllBytes(path)).Entries.Select(e => e.Key).ToList();

        for (var i = 1; i < keys.Count; i++)
        {
            Assert.True(
                LibraryNameComparer.Instance.Compare(keys[i - 1], keys[i]) > 0,
                $"glibc's ldconfig put '{keys[i - 1]}' before '{keys[i]}'");
        }
    }
}
