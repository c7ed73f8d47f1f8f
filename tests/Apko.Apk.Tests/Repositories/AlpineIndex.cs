using System.Formats.Tar;
using System.IO.Compression;
using Apko.Apk.Indexes;

namespace Apko.Apk.Tests.Repositories;

/// <summary>Reads the package records of an APKINDEX.tar.gz fixture, without checking its signature.</summary>
internal static class AlpineIndex
{
    public static IReadOnlyList<ApkPackage> ReadPackages(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "APKINDEX" && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                return ApkIndexTextReader.Read(reader, path);
            }
        }

        throw new InvalidDataException($"'{path}' has no APKINDEX member.");
    }
}
