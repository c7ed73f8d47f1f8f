using Apko.Apk.FileSystem;
using Apko.Testing;

namespace Apko.Apk.Tests.Installation;

/// <summary>
/// Writes an <see cref="ImageFileSystem"/> to a real directory with owners and modes, so the image's own programs
/// can run on it under proot. Run as root: new files belong to 0:0 and other owners are set with chown. Devices
/// and pipes are skipped.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class ImageExtractor
{
    public static async Task ExtractAsync(ImageFileSystem fileSystem, string root, CancellationToken cancellationToken)
    {
        var directories = new List<(string Path, FileNode Node)>();
        foreach (var (path, node) in fileSystem.Walk())
        {
            var target = Path.Combine(root, path);
            switch (node.Type)
            {
                case FileNodeType.Directory:
                    Directory.CreateDirectory(target);
                    directories.Add((target, node));
                    continue;
                case FileNodeType.RegularFile:
                    await WriteContentAsync(node, target, cancellationToken);
                    break;
                case FileNodeType.Symlink:
                    File.CreateSymbolicLink(target, node.LinkTarget!);
                    break;
                case FileNodeType.HardLink:
                    await RunAsync("ln", [Path.Combine(root, node.LinkTarget!), target]);
                    break;
                default:
                    continue;
            }

            await SetOwnerAndModeAsync(target, node);
        }

        // Directory modes last, so that read-only directories can still be filled.
        directories.Reverse();
        foreach (var (path, node) in directories)
        {
            await SetOwnerAndModeAsync(path, node);
        }
    }

    private static async Task WriteContentAsync(FileNode node, string target, CancellationToken cancellationToken)
    {
        await using var input = node.Content!.OpenRead();
        await using var output = File.Create(target);
        await input.CopyToAsync(output, cancellationToken);
    }

    private static async Task SetOwnerAndModeAsync(string path, FileNode node)
    {
        if (node.Uid != 0 || node.Gid != 0)
        {
            await RunAsync("chown", ["-h", $"{node.Uid}:{node.Gid}", path]);
        }

        // chown clears setuid and setgid, so the mode comes after it.
        if (node.Type != FileNodeType.Symlink)
        {
            File.SetUnixFileMode(path, node.Mode);
        }
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require(program), arguments);
        if (result.ExitCode != 0)
        {
            throw new IOException($"{program} {string.Join(' ', arguments)} failed: {result}");
        }
    }
}
