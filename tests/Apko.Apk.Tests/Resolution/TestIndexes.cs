using System.Formats.Tar;
using System.IO.Compression;
using Apko.Apk.Indexes;

namespace Apko.Apk.Tests.Resolution;

/// <summary>Reads real APKINDEX.tar.gz files without checking their signatures.</summary>
internal static class TestIndexes
{
    public static RepositoryIndex ReadTarGz(string path, string arch, string? tag = null)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "APKINDEX" && entry.DataStream is { } data)
            {
                using var text = new StreamReader(data);
                var packages = ApkIndexTextReader.Read(text, path);
                return new RepositoryIndex(new Repository(Path.GetDirectoryName(path)!, tag), arch, new ApkIndex("", packages));
            }
        }

        throw new InvalidDataException($"'{path}' has no APKINDEX entry.");
    }

    /// <summary>Returns the <c>contents.packages</c> entries of an apko configuration file.</summary>
    public static List<string> ReadConfigPackages(string path)
    {
        var packages = new List<string>();
        var inPackages = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Trim() == "packages:")
            {
                inPackages = true;
            }
            else if (inPackages && line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                packages.Add(line.TrimStart()[2..].Trim());
            }
            else if (inPackages && line.Trim().Length > 0)
            {
                inPackages = false;
            }
        }

        return packages;
    }
}
