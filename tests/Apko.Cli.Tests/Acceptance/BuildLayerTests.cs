namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// Entries of the Alpine image layers against the same entries in their .apk: apko for .NET keeps the package's
/// mode (setuid included), owner and content, as <c>apk add</c> does, where apko writes 0:0.
/// </summary>
public sealed class BuildLayerTests(AlpineImages images)
{
    public static TheoryData<string, string, string> PackageEntries => new()
    {
        { ApkoProcess.MinimalConfig, "busybox-1.36.1-r15.apk", "bin/busybox" },
        { ApkoProcess.MinimalConfig, "alpine-baselayout-data-3.4.3-r2.apk", "etc/shadow" },
        { ApkoProcess.MinimalConfig, "alpine-baselayout-3.4.3-r2.apk", "etc/crontabs/root" },
        { ApkoProcess.MinimalConfig, "alpine-baselayout-3.4.3-r2.apk", "var/empty" },
        { ApkoProcess.BaseConfig, "busybox-suid-1.36.1-r15.apk", "bin/bbsuid" },
    };

    [Theory]
    [MemberData(nameof(PackageEntries))]
    public void Layer_KeepsPackageModeAndOwner(string config, string package, string path)
    {
        var expected = ApkPackageFile.Read(package, path);

        var actual = ReadLayerEntry(config, path);

        Assert.True(
            actual.OctalMode == expected.OctalMode,
            $"'{path}' has mode {actual.OctalMode}, {package} {expected.OctalMode}.");
        Assert.True(
            actual.Owner == expected.Owner,
            $"'{path}' is owned by {actual.Owner}, in {package} by {expected.Owner}.");
    }

    [Theory]
    [MemberData(nameof(PackageEntries))]
    public void Layer_KeepsPackageContent(string config, string package, string path)
    {
        var expected = ApkPackageFile.Read(package, path);

        var actual = ReadLayerEntry(config, path);

        Assert.True(
            actual.Content.AsSpan().SequenceEqual(expected.Content),
            $"'{path}' differs from its content in {package}.");
    }

    private LayerEntry ReadLayerEntry(string config, string path)
    {
        var entries = new OciLayoutReader(images.LayoutOf(config)).ReadLayerEntries("amd64");
        var entry = entries.FirstOrDefault(e => e.Name == path);
        Assert.True(entry is not null, $"The {config} layer has no '{path}'.");
        return entry!;
    }
}
