using System.Globalization;
using System.Text;
using Apko.Apk.FileSystem;
using Apko.Testing;

namespace Apko.Tests.Build.LdsoCache;

/// <summary>
/// Loads apko's <c>ldso-cache/testdata/libroot</c> fixture into an image file system. apko's test reads its
/// "libraries" through a mock: each is a YAML text (<c>machine: 0x3e</c>, <c>sonames: [...]</c>), so they are turned
/// into real ELF shared objects here. The fixture's symbolic links may have been checked out as plain files that
/// contain the link target; those six are recreated as links.
/// </summary>
internal static class LibrootImage
{
    private static readonly HashSet<string> s_links = new(StringComparer.Ordinal)
    {
        "lib",
        "usr/local/lib",
        "usr/local/sdk-v1/lib/libsdk.so",
        "usr/local/sdk-v1/lib/libsdk.so.1",
        "usr/local/sdk-v2/lib/libsdk.so",
        "usr/local/sdk-v2/lib/libsdk.so.1",
    };

    public static string HostPath => Fixtures.Path("apko", "internal", "ldso-cache", "testdata", "libroot");

    public static ImageFileSystem Load()
    {
        var fileSystem = new ImageFileSystem();
        Copy(fileSystem, new DirectoryInfo(HostPath), "");
        return fileSystem;
    }

    private static void Copy(ImageFileSystem fileSystem, DirectoryInfo directory, string prefix)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = prefix + entry.Name;
            if (entry.LinkTarget is { } target)
            {
                fileSystem.Symlink(path, target);
            }
            else if (entry is DirectoryInfo child)
            {
                fileSystem.MkdirAll(path, (UnixFileMode)0x1ED);
                Copy(fileSystem, child, path + "/");
            }
            else if (s_links.Contains(path))
            {
                fileSystem.Symlink(path, File.ReadAllText(entry.FullName).Trim());
            }
            else
            {
                fileSystem.WriteFile(path, Convert(File.ReadAllText(entry.FullName)), (UnixFileMode)0x1A4);
            }
        }
    }

    /// <summary>Turns a YAML library description into an ELF shared object; other text stays as it is.</summary>
    private static byte[] Convert(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("machine: 0x", StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var hex = lines[0]["machine: 0x".Length..];
        var machine = ushort.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var sonames = lines.Where(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l.Trim()[2..].Trim())
            .ToArray();
        return ElfImage.Library(machine, sonames);
    }
}
