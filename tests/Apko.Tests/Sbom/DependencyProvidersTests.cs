using Apko.Apk.Indexes;
using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class DependencyProvidersTests
{
    private static readonly ApkPackage s_musl = new()
    {
        Name = "musl",
        Version = "1.2.4-r4",
        Provides = ["so:libc.musl-x86_64.so.1=1"],
    };

    private static readonly ApkPackage s_busybox = new()
    {
        Name = "busybox",
        Version = "1.36.1-r15",
        Provides = ["cmd:sh=1.36.1-r15", "/bin/sh"],
        Dependencies = ["so:libc.musl-x86_64.so.1", "!busybox-static", "missing>1", "busybox"],
    };

    private static readonly ApkPackage s_app = new()
    {
        Name = "app",
        Version = "1-r0",
        Dependencies = ["cmd:sh", "/bin/sh", "musl>=1.2", "musl@edge"],
    };

    [Fact]
    public void Resolve_FollowsProvidesAndSkipsConflictsAndSelf()
    {
        var providers = DependencyProviders.Create([s_musl, s_busybox, s_app]);

        Assert.Equal(["musl"], providers.Resolve(s_busybox));
        Assert.Equal(["busybox", "musl"], providers.Resolve(s_app));
    }

    [Fact]
    public void Resolve_PackageNameWinsOverProvides()
    {
        var impostor = new ApkPackage { Name = "other", Version = "1", Provides = ["musl=9"] };
        var providers = DependencyProviders.Create([impostor, s_musl, s_app]);

        var dependent = new ApkPackage { Name = "x", Version = "1", Dependencies = ["musl"] };

        Assert.Equal(["musl"], providers.Resolve(dependent));
    }
}
