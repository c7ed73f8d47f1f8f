using System.Formats.Tar;
using System.Security.Cryptography;

namespace Apko.Apk.Tests.Installation;

/// <summary>Builds small data tars for installer tests, with the PAX checksum records APK packages carry.</summary>
internal sealed class TestTarBuilder
{
    private readonly List<PaxTarEntry> _entries = [];

    public TestTarBuilder Directory(string name, int mode = 0x1ED, int uid = 0, int gid = 0)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.Directory, name)
        {
            Mode = (UnixFileMode)mode,
            Uid = uid,
            Gid = gid,
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1700000000),
        });
        return this;
    }

    public TestTarBuilder File(
        string name,
        byte[] content,
        int mode = 0x1A4,
        string? checksum = null,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var attributes = new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["APK-TOOLS.checksum.SHA1"] = checksum ?? Convert.ToHexStringLower(SHA1.HashData(content)),
        };
        _entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name, attributes)
        {
            Mode = (UnixFileMode)mode,
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1700000001),
            DataStream = new MemoryStream(content),
        });
        return this;
    }

    public TestTarBuilder Entry(PaxTarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public TestTarBuilder Symlink(string name, string target)
    {
        var attributes = new Dictionary<string, string>
        {
            ["APK-TOOLS.checksum.SHA1"] = Convert.ToHexStringLower(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(target))),
        };
        _entries.Add(new PaxTarEntry(TarEntryType.SymbolicLink, name, attributes)
        {
            LinkName = target,
            Mode = (UnixFileMode)0x1FF,
        });
        return this;
    }

    public TestTarBuilder HardLink(string name, string target)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, Mode = (UnixFileMode)0x1ED });
        return this;
    }

    public async Task<string> WriteAsync(string directory)
    {
        var path = Path.Combine(directory, $"data-{Guid.NewGuid():N}.tar");
        await using var output = System.IO.File.Create(path);
        await using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                await writer.WriteEntryAsync(entry);
            }
        }

        return path;
    }
}
