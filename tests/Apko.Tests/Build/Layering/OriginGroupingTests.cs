using Apko.Apk.Indexes;
using Apko.Apk.Installation;
using Apko.Build.Layering;

namespace Apko.Tests.Build.Layering;

public sealed class OriginGroupingTests
{
    [Fact]
    public void Group_ByOriginLargestFirst()
    {
        InstalledPackage[] packages =
        [
            Package("musl", 600), Package("musl-utils", 200, origin: "musl"),
            Package("zlib", 100), Package("libcrypto3", 4000, origin: "openssl"),
            Package("libssl3", 500, origin: "openssl"),
        ];

        var groups = OriginGrouping.Group(packages, 10);

        Assert.Equal(["libcrypto3 libssl3", "musl musl-utils", "zlib"], groups.Select(g => g.ToString()));
        Assert.Equal([4500L, 800L, 100L], groups.Select(g => g.InstalledSize));
    }

    [Theory]
    [InlineData(0, new[] { "a b c d" })]
    [InlineData(1, new[] { "a b c d" })]
    [InlineData(2, new[] { "d", "a b c" })]
    [InlineData(3, new[] { "d", "c", "a b" })]
    [InlineData(4, new[] { "d", "c", "b", "a" })]
    [InlineData(9, new[] { "d", "c", "b", "a" })]
    public void Group_MergesBeyondBudget(int budget, string[] expected)
    {
        InstalledPackage[] packages = [Package("a", 1), Package("b", 2), Package("c", 3), Package("d", 4)];

        var groups = OriginGrouping.Group(packages, budget);

        Assert.Equal(expected, groups.Select(g => g.ToString()));
    }

    [Fact]
    public void Group_EqualSizesOrderedByMaxName()
    {
        InstalledPackage[] packages =
        [
            Package("zeta", 10), Package("alpha", 5, origin: "omega"), Package("omega", 5),
        ];

        var groups = OriginGrouping.Group(packages, 5);

        Assert.Equal(["alpha omega", "zeta"], groups.Select(g => g.ToString()));
    }

    [Theory]
    [InlineData("busybox", true)]
    [InlineData("busybox<1.37", true)]
    [InlineData("busybox>1.37", false)]
    [InlineData("toybox", false)]
    public void Group_JoinsWhenReplacesMatches(string replaces, bool joined)
    {
        InstalledPackage[] packages =
        [
            Package("busybox", 900, version: "1.36.1-r15"),
            Package("coreutils", 100, replaces: [replaces]),
            Package("zlib", 50),
        ];

        var groups = OriginGrouping.Group(packages, 5);

        string[] expected = joined ? ["busybox coreutils", "zlib"] : ["busybox", "coreutils", "zlib"];
        Assert.Equal(expected, groups.Select(g => g.ToString()));
    }

    [Fact]
    public void Group_JoinsChainsOfReplaces()
    {
        InstalledPackage[] packages =
        [
            Package("a", 1, replaces: ["b"]), Package("b", 1), Package("c", 1, replaces: ["b"]), Package("d", 10),
        ];

        var groups = OriginGrouping.Group(packages, 5);

        Assert.Equal(["d", "a b c"], groups.Select(g => g.ToString()));
    }

    [Fact]
    public void Group_PackagesWithoutOriginShareGroup()
    {
        InstalledPackage[] packages = [Package("a", 1, origin: "-"), Package("b", 1, origin: "-"), Package("c", 5)];

        var groups = OriginGrouping.Group(packages, 5);

        Assert.Equal(["c", "a b"], groups.Select(g => g.ToString()));
    }

    [Fact]
    public void Group_NoPackagesGivesNoGroups()
    {
        Assert.Empty(OriginGrouping.Group([], 3));
    }

    /// <summary>Creates an installed package. Origin "" means the name, and "-" means none.</summary>
    private static InstalledPackage Package(
        string name,
        long installedSize,
        string origin = "",
        string version = "1.0-r0",
        string[]? replaces = null) =>
        new(new ApkPackage
        {
            Name = name,
            Version = version,
            InstalledSize = installedSize,
            Origin = origin switch
            {
                "" => name,
                "-" => "",
                _ => origin,
            },
            Replaces = replaces ?? [],
        });
}
