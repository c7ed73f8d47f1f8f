namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// The layers built from apko's golden config against apko's golden layers: the same entries, modes, link
/// targets, devices, mtimes and contents. The installed database (apk-tools' format) and the owners (the package's)
/// differ on purpose and are checked in their own tests.
/// </summary>
public sealed class GoldenLayerTests(GoldenBuild build) : IClassFixture<GoldenBuild>
{
    private const string InstalledDatabase = "usr/lib/apk/db/installed";

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void Layer_HasApkoEntriesInOrder(string architecture)
    {
        var ours = build.Ours.ReadLayerEntries(architecture).Select(e => e.Name).ToList();
        var apko = GoldenBuild.Apko.ReadLayerEntries(architecture).Select(e => e.Name).ToList();

        Assert.True(apko.Count == 39, $"apko's golden {architecture} layer has {apko.Count} entries, not 39.");
        Assert.Equal(apko, ours);
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void Layer_EntriesMatchApkoMetadata(string architecture)
    {
        foreach (var (ours, apko) in Pairs(architecture))
        {
            Assert.True(ours.Type == apko.Type, $"'{ours.Name}' is a {ours.Type}, apko's a {apko.Type}.");
            Assert.True(
                ours.OctalMode == apko.OctalMode,
                $"'{ours.Name}' has mode {ours.OctalMode}, apko's {apko.OctalMode}.");
            Assert.True(
                ours.LinkName == apko.LinkName,
                $"'{ours.Name}' links to '{ours.LinkName}', apko's to '{apko.LinkName}'.");
            Assert.True(
                ours.DeviceMajor == apko.DeviceMajor,
                $"'{ours.Name}' has major {ours.DeviceMajor}, apko's {apko.DeviceMajor}.");
            Assert.True(
                ours.DeviceMinor == apko.DeviceMinor,
                $"'{ours.Name}' has minor {ours.DeviceMinor}, apko's {apko.DeviceMinor}.");
            Assert.True(
                ours.ModificationTime == apko.ModificationTime,
                $"'{ours.Name}' has mtime {ours.ModificationTime:o}, apko's {apko.ModificationTime:o}.");
        }
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void Layer_FileContentsMatchApko(string architecture)
    {
        foreach (var (ours, apko) in Pairs(architecture).Where(p => p.Ours.Name != InstalledDatabase))
        {
            Assert.True(
                ours.Content.AsSpan().SequenceEqual(apko.Content),
                $"'{ours.Name}' differs from apko's: {ours.Content.Length} vs {apko.Content.Length} bytes.");
        }
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void Layer_OwnersFollowPackages(string architecture)
    {
        // replayout ships etc/os-release as 501:20. apk add keeps that owner, and so do we, but apko writes 0:0.
        foreach (var (ours, apko) in Pairs(architecture))
        {
            var expected = ours.Name == "etc/os-release" ? "501:20" : "0:0";
            Assert.True(ours.Owner == expected, $"'{ours.Name}' is owned by {ours.Owner}, not {expected}.");
            Assert.True(apko.Owner == "0:0", $"apko's '{apko.Name}' is owned by {apko.Owner}, not 0:0.");
        }
    }

    private IEnumerable<(LayerEntry Ours, LayerEntry Apko)> Pairs(string architecture)
    {
        var apko = GoldenBuild.Apko.ReadLayerEntries(architecture).ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var ours in build.Ours.ReadLayerEntries(architecture))
        {
            Assert.True(apko.ContainsKey(ours.Name), $"'{ours.Name}' is not in apko's {architecture} layer.");
            yield return (ours, apko[ours.Name]);
        }
    }
}
