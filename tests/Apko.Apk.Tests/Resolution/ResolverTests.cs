using Apko.Apk.Indexes;
using Apko.Apk.Resolution;
using Apko.Apk.Versions;
using Apko.Testing;

namespace Apko.Apk.Tests.Resolution;

public sealed class ResolverTests
{
    private const string MinimalPackages =
        "alpine-baselayout-3.4.3-r2 alpine-baselayout-data-3.4.3-r2 alpine-keys-2.4-r1 apk-tools-2.14.0-r5 "
        + "busybox-1.36.1-r15 busybox-binsh-1.36.1-r15 ca-certificates-bundle-20230506-r0 libc-utils-0.7.2-r5 "
        + "libcrypto3-3.1.4-r5 libssl3-3.1.4-r5 musl-1.2.4_git20230717-r4 musl-utils-1.2.4_git20230717-r4 "
        + "scanelf-1.3.7-r2 ssl_client-1.36.1-r15 zlib-1.3.1-r0";

    private static readonly Lazy<RepositoryIndex> s_alpine319 = new(() =>
        TestIndexes.ReadTarGz(Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz"), "x86_64"));

    [Theory]
    [InlineData("apko-alpine-3.19.1-minimal.yaml", 15, "")]
    [InlineData(
        "apko-alpine-3.19.1-base.yaml",
        25,
        "alpine-base alpine-conf alpine-release busybox-mdev-openrc busybox-openrc busybox-suid ifupdown-ng libcap2 "
        + "mdev-conf openrc")]
    public void Resolve_AlpineConfigMatchesExpectedPackages(string config, int count, string addedNames)
    {
        var world = TestIndexes.ReadConfigPackages(Fixtures.Path("alpine", config)).Select(Dependency.Parse).ToList();
        var resolver = new Resolver([s_alpine319.Value]);

        var result = resolver.Resolve(world);

        var names = result.Packages.Select(p => p.Package.Name).Order(StringComparer.Ordinal).ToList();
        var expected = MinimalPackages.Split(' ').Select(p => p[..p.LastIndexOf('-', p.LastIndexOf('-') - 1)])
            .Concat(addedNames.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(count, result.Packages.Count);
        Assert.Equal(expected, names);
    }

    [Fact]
    public void Resolve_Alpine316ToolchainHas54Packages()
    {
        var index = TestIndexes.ReadTarGz(
            Fixtures.Path("apko", "pkg", "apk", "apk", "testdata", "alpine-316", "APKINDEX.tar.gz"),
            "x86_64");
        var world = "busybox build-base python3 git openssh perl".Split(' ').Select(Dependency.Parse).ToList();

        var result = new Resolver([index]).Resolve(world);

        Assert.Equal(54, result.Packages.Count);
        Assert.Equal(54, result.Packages.Select(p => p.Package.Name).Distinct().Count());
    }

    [Fact]
    public void Resolve_MinimalPicksExpectedVersions()
    {
        var world = TestIndexes.ReadConfigPackages(Fixtures.Path("alpine", "apko-alpine-3.19.1-minimal.yaml"))
            .Select(Dependency.Parse)
            .ToList();

        var result = new Resolver([s_alpine319.Value]).Resolve(world);

        var packages = result.Packages.Select(p => p.Package.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(MinimalPackages, string.Join(' ', packages));
    }

    [Fact]
    public void Resolve_InstallsDependenciesFirst()
    {
        var world = new[] { Dependency.Parse("alpine-base") };

        var result = new Resolver([s_alpine319.Value]).Resolve(world);

        var position = result.Packages.Select((p, i) => (p.Package.Name, i)).ToDictionary();
        foreach (var resolved in result.Packages)
        {
            foreach (var atom in resolved.Package.Dependencies.Select(Dependency.Parse).Where(d => !d.IsConflict))
            {
                var provider = result.Packages.First(p => Provides(p.Package, atom.Name));
                Assert.True(
                    position[provider.Package.Name] <= position[resolved.Package.Name]
                        || IsInCycle(result, provider.Package, resolved.Package),
                    $"'{provider.Package}' providing '{atom}' comes after '{resolved.Package}'.");
            }
        }
    }

    [Fact]
    public void Resolve_NamesRepositoryOfEachPackage()
    {
        var result = new Resolver([s_alpine319.Value]).Resolve([Dependency.Parse("busybox")]);

        Assert.All(result.Packages, p => Assert.Same(s_alpine319.Value, p.Repository));
    }

    [Fact]
    public void Resolve_MissingPackageReportsName()
    {
        var resolver = new Resolver([s_alpine319.Value], new ResolverOptions { Architecture = "x86_64" });

        var error = Assert.Throws<ResolutionException>(() => resolver.Resolve([Dependency.Parse("no-such-thing")]));

        Assert.Equal("APKO3101", error.Code);
        Assert.Contains("for x86_64", error.Message);
        Assert.Contains("  no-such-thing (no such package):\n    required by: world[no-such-thing]\n", error.Report);
    }

    [Fact]
    public void Resolve_InvalidInstallIfVersion_ReportsAtom()
    {
        // opensmtpd-openrc 6.8.0p2-r4 has "i:openrc opensmtpd=6.8.0p2-r4", a version apk-tools 2.14 rejects.
        var index = TestIndexes.ReadTarGz(
            Fixtures.Path("apko", "pkg", "apk", "apk", "testdata", "alpine-316", "APKINDEX.tar.gz"),
            "x86_64");

        var error = Assert.Throws<ResolutionException>(
            () => new Resolver([index]).Resolve([Dependency.Parse("opensmtpd-openrc")]));

        Assert.StartsWith("  opensmtpd-openrc-6.8.0p2-r4:\n    error: uninstallable\n", error.Report);
        Assert.Contains("    install_if: opensmtpd=6.8.0p2-r4\n", error.Report);
        Assert.DoesNotContain("install_if: openrc\n", error.Report);
        Assert.Contains("invalid atom in its repository's index record", error.Message);
    }

    [Theory]
    [InlineData("busyboxx", "did you mean 'busybox'?")]
    [InlineData("libssl", "did you mean 'libssl3'?")]
    [InlineData("apk-tool", "did you mean 'apk-tools'?")]
    [InlineData("BUSYBOX", "did you mean 'busybox'?")]
    public void Resolve_TypoInWorld_SuggestsName(string atom, string expected)
    {
        var resolver = new Resolver([s_alpine319.Value]);

        var error = Assert.Throws<ResolutionException>(() => resolver.Resolve([Dependency.Parse(atom)]));

        Assert.Contains($"No package is named '{atom}'; {expected}", error.Message);
        Assert.DoesNotContain("did you mean", error.Report);
    }

    [Fact]
    public void Resolve_UnrelatedMissingName_NoSuggestion()
    {
        var resolver = new Resolver([s_alpine319.Value]);

        var error = Assert.Throws<ResolutionException>(() => resolver.Resolve([Dependency.Parse("no-such-thing")]));

        Assert.DoesNotContain("did you mean", error.Message);
    }

    [Fact]
    public void Resolve_VersionConflictReportsChain()
    {
        var resolver = new Resolver([s_alpine319.Value]);

        var error = Assert.Throws<ResolutionException>(() => resolver.Resolve(
            [Dependency.Parse("busybox"), Dependency.Parse("ssl_client"), Dependency.Parse("busybox<1.36")]));

        Assert.Contains("busybox-1.36.1-r15:", error.Report);
        Assert.Contains("breaks: world[busybox<1.36]", error.Report);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!busybox")]
    [InlineData("!no-such-thing")]
    public void Resolve_WorldWithoutRequirementsIsEmpty(string atoms)
    {
        var world = atoms.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Dependency.Parse).ToList();

        var result = new Resolver([s_alpine319.Value]).Resolve(world);

        Assert.Empty(result.Packages);
    }

    [Fact]
    public void Resolve_RepeatedSolvesGiveSamePlan()
    {
        var resolver = new Resolver([s_alpine319.Value]);
        var world = new[] { Dependency.Parse("alpine-base") };

        var first = resolver.Resolve(world).Packages.Select(p => p.Package.ToString()).ToList();
        var second = resolver.Resolve(world).Packages.Select(p => p.Package.ToString()).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Resolve_UnknownTagFails()
    {
        var resolver = new Resolver([s_alpine319.Value]);

        var error = Assert.Throws<ApkException>(() => resolver.Resolve([Dependency.Parse("busybox@edge")]));

        Assert.Equal("APKO3006", error.Code);
        Assert.Contains("'@edge'", error.Message);
    }

    private static bool Provides(ApkPackage package, string name) =>
        package.Name == name || package.Provides.Any(p => p == name || p.StartsWith(name + "=", StringComparison.Ordinal));

    /// <summary>Returns whether <paramref name="a"/> also depends, directly or not, on <paramref name="b"/>.</summary>
    private static bool IsInCycle(ResolutionResult result, ApkPackage a, ApkPackage b)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<ApkPackage>([a]);
        while (pending.TryPop(out var package))
        {
            if (package.Name == b.Name)
            {
                return true;
            }

            if (!seen.Add(package.Name))
            {
                continue;
            }

            foreach (var atom in package.Dependencies.Select(Dependency.Parse).Where(d => !d.IsConflict))
            {
                pending.Push(result.Packages.First(p => Provides(p.Package, atom.Name)).Package);
            }
        }

        return false;
    }
}
