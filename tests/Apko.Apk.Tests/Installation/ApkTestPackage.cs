using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Installation;

namespace Apko.Apk.Tests.Installation;

/// <summary>
/// A real .apk split for installation tests: gunzipping the whole file yields one tar with the signature entry,
/// the control entries (names starting with a dot) and then the data entries. The decompressed tar is the data
/// tar handed to the installer, which skips the dot entries.
/// </summary>
internal sealed record ApkTestPackage(ApkPackage Package, IReadOnlyList<ControlEntry> Control, string DataTarPath)
{
    /// <summary>Decompresses <paramref name="apkPath"/> into <paramref name="directory"/> and reads its control part.</summary>
    /// <param name="apkPath">The .apk file.</param>
    /// <param name="index">Index metadata (with C:); replaces and triggers come from .PKGINFO.</param>
    /// <param name="directory">Directory for the decompressed tar.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public static async Task<ApkTestPackage> SplitAsync(
        string apkPath,
        ApkPackage index,
        string directory,
        CancellationToken cancellationToken)
    {
        var tarPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(apkPath) + ".tar");
        await using (var input = File.OpenRead(apkPath))
        await using (var gzip = new GZipStream(input, CompressionMode.Decompress))
        await using (var output = File.Create(tarPath))
        {
            await gzip.CopyToAsync(output, cancellationToken);
        }

        var control = await ReadControlAsync(tarPath, cancellationToken);
        var pkginfo = Encoding.UTF8.GetString(control.Single(entry => entry.Name == ".PKGINFO").Content);
        var package = index with
        {
            Replaces = PkgInfoValues(pkginfo, "replaces").SelectMany(value => value.Split(' ')).ToList(),
            Triggers = PkgInfoValues(pkginfo, "triggers").SelectMany(value => value.Split(' ')).ToList(),
        };
        return new ApkTestPackage(package, control, tarPath);
    }

    /// <summary>Returns the path and type of every data entry, in tar order.</summary>
    public async Task<List<(string Path, TarEntryType Type)>> ReadDataEntriesAsync(CancellationToken cancellationToken)
    {
        var entries = new List<(string, TarEntryType)>();
        await using var reader = new TarReader(File.OpenRead(DataTarPath));
        while (await reader.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
        {
            if (!entry.Name.StartsWith('.'))
            {
                entries.Add((entry.Name.TrimEnd('/'), entry.EntryType));
            }
        }

        return entries;
    }

    /// <summary>Reads an APKINDEX.tar.gz into its packages by name.</summary>
    public static async Task<Dictionary<string, ApkPackage>> ReadIndexAsync(
        string indexPath,
        CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(File.OpenRead(indexPath), CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true, cancellationToken) is { } entry)
        {
            if (entry.Name == "APKINDEX")
            {
                using var text = new StreamReader(entry.DataStream!);
                return ApkIndexTextReader.Read(text, indexPath).ToDictionary(package => package.Name);
            }
        }

        throw new InvalidDataException($"{indexPath} has no APKINDEX entry.");
    }

    private static async Task<List<ControlEntry>> ReadControlAsync(string tarPath, CancellationToken cancellationToken)
    {
        var control = new List<ControlEntry>();
        await using var reader = new TarReader(File.OpenRead(tarPath));
        while (await reader.GetNextEntryAsync(copyData: true, cancellationToken) is { } entry)
        {
            if (!entry.Name.StartsWith('.'))
            {
                break;
            }

            if (entry.Name.StartsWith(".SIGN.", StringComparison.Ordinal))
            {
                continue;
            }

            using var content = new MemoryStream();
            if (entry.DataStream is { } data)
            {
                await data.CopyToAsync(content, cancellationToken);
            }

            control.Add(new ControlEntry(entry.Name, entry.Mode, content.ToArray()));
        }

        return control;
    }

    private static IEnumerable<string> PkgInfoValues(string pkginfo, string key) =>
        pkginfo.Split('\n')
            .Where(line => line.StartsWith(key + " = ", StringComparison.Ordinal))
            .Select(line => line[(key.Length + 3)..]);
}
