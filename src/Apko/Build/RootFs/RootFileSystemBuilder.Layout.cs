using System.Text;
using Apko.Apk.FileSystem;
using Apko.Configuration;

namespace Apko.Build.RootFs;

internal sealed partial class RootFileSystemBuilder
{
    private static readonly (string Path, int Mode)[] s_baseDirectories =
    [
        ("tmp", 1777), ("dev", 755), ("etc", 755), ("opt", 755), ("var", 755), ("usr", 755), ("proc", 555),
        ("etc/apk", 755), ("etc/apk/keys", 755), ("usr/lib", 755), ("usr/lib/apk", 755), ("usr/lib/apk/db", 755),
        ("usr/lib/apk/exec", 755), ("var/cache", 755), ("var/cache/apk", 755), ("var/cache/misc", 755),
    ];

    private static readonly (string Path, int Major, int Minor, int Mode)[] s_devices =
    [
        ("dev/zero", 1, 5, 666), ("dev/urandom", 1, 9, 666), ("dev/null", 1, 3, 666), ("dev/random", 1, 8, 666),
        ("dev/console", 5, 1, 620),
    ];

    private static void CreateBaseLayout(ImageFileSystem fileSystem, ArchitecturePlan plan)
    {
        foreach (var (path, mode) in s_baseDirectories)
        {
            fileSystem.MkdirAll(path, FileModes.Octal(mode));
        }

        fileSystem.WriteFile("etc/apk/arch", Encoding.UTF8.GetBytes(plan.Architecture.ApkName + "\n"), FileModes.File);
        fileSystem.WriteFile("etc/apk/world", "\n"u8.ToArray(), FileModes.File);
        fileSystem.WriteFile("etc/apk/repositories", [], FileModes.File);
        CreateDevices(fileSystem);
    }

    private static void WriteLockFile(ImageFileSystem fileSystem)
    {
        fileSystem.WriteFile(DatabaseDirectory + "/lock", [], FileModes.Octal(600));
    }

    private static void CreateDevices(ImageFileSystem fileSystem)
    {
        foreach (var (path, major, minor, mode) in s_devices)
        {
            if (fileSystem.Lstat(path) is null && fileSystem.Stat("dev") is { Type: FileNodeType.Directory })
            {
                fileSystem.Mknod(path, FileNodeType.CharacterDevice, FileModes.Octal(mode), major, minor);
            }
        }
    }

    private static void WriteKeys(ImageFileSystem fileSystem, IReadOnlyList<KeyFile> keys)
    {
        foreach (var key in keys)
        {
            fileSystem.WriteFile("etc/apk/keys/" + key.FileName, key.Content, FileModes.File);
        }
    }

    /// <summary>Creates <c>lib/apk</c> pointing at <c>../usr/lib/apk</c>, unless <c>/lib</c> is already a link (usr-merge).</summary>
    private static void LinkApkDirectory(ImageFileSystem fileSystem)
    {
        if (fileSystem.Lstat("lib") is { Type: FileNodeType.Symlink })
        {
            return;
        }

        fileSystem.MkdirAll("lib", FileModes.Directory);
        if (fileSystem.Lstat("lib/apk") is null)
        {
            fileSystem.Symlink("lib/apk", "../usr/lib/apk");
        }
    }

    /// <summary>Writes <c>/etc/apk/world</c> with every installed package pinned.</summary>
    private static void WriteWorld(ImageFileSystem fileSystem, ArchitecturePlan plan)
    {
        var lines = plan.Resolution.Packages.Select(WorldLine).Order(StringComparer.Ordinal);
        fileSystem.WriteFile(
            "etc/apk/world", Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))), FileModes.File);
    }

    private static void WriteRepositories(ImageFileSystem fileSystem, IReadOnlyList<string> repositories)
    {
        var text = string.Concat(repositories.Select(r => Credentials.Strip(r) + "\n"));
        fileSystem.WriteFile("etc/apk/repositories", Encoding.UTF8.GetBytes(text), FileModes.File);
    }

    private static void WriteApkoJson(ImageFileSystem fileSystem, ImageConfiguration locked)
    {
        fileSystem.WriteFile("etc/apko.json", ImageConfigurationJson.Serialize(locked), FileModes.ReadOnly);
    }
}
