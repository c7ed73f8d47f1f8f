using System.IO.Compression;
using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>Reads a data entry straight from a vendored Alpine .apk, to compare the image with its package.</summary>
internal static class ApkPackageFile
{
    /// <summary>
    /// Returns the tar entry for a path in an x86_64 package of the Alpine 3.19.1 fixtures. An .apk is three
    /// concatenated gzip members (signature, control, data) whose tars have no end blocks between them, so one
    /// multi-member gzip stream reads as one tar.
    /// </summary>
    public static LayerEntry Read(string packageFile, string path)
    {
        var file = Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", packageFile);
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        var tar = new MemoryStream();
        gzip.CopyTo(tar);
        var entry = LayerEntry.ReadAll(tar.ToArray()).FirstOrDefault(e => e.Name == path);
        Assert.True(entry is not null, $"'{packageFile}' has no entry '{path}'.");
        return entry!;
    }
}
