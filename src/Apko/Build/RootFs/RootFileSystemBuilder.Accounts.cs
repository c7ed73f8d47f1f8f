using System.Text;
using Apko.Apk.FileSystem;
using Apko.Build.Accounts;
using Apko.Configuration;

namespace Apko.Build.RootFs;

internal sealed partial class RootFileSystemBuilder
{
    private const string AccountGecos = "Account created by apko";

    /// <summary>
    /// Adds the configured users and groups to <c>/etc/passwd</c>, <c>/etc/shadow</c> and <c>/etc/group</c>, which
    /// packages may already ship, and creates missing home directories. <c>/etc/passwd</c> always exists afterwards.
    /// An account whose name a package already defines is an error, so a configuration cannot silently drop root.
    /// </summary>
    private static async Task ApplyAccountsAsync(
        ImageFileSystem fileSystem,
        ImageAccounts accounts,
        CancellationToken cancellationToken)
    {
        fileSystem.MkdirAll("etc", FileModes.Directory);
        var passwd = PasswdEntry.ParseFile(await ReadTextAsync(fileSystem, "etc/passwd", cancellationToken).ConfigureAwait(false));
        foreach (var user in accounts.Users)
        {
            if (passwd.Find(e => e.UserName == user.UserName) is { } existing)
            {
                throw new ApkoException(
                    "APKO1501",
                    $"accounts.users: '{user.UserName}' already exists in the image's /etc/passwd (uid {existing.Uid}, "
                    + "from its packages). Choose another username.");
            }

            passwd.Add(new PasswdEntry(
                user.UserName,
                "x",
                user.Uid,
                user.Gid ?? user.Uid,
                AccountGecos,
                user.HomeDir.Length > 0 ? user.HomeDir : "/home/" + user.UserName,
                user.Shell.Length > 0 ? user.Shell : "/bin/sh"));
        }

        WriteKeepingMode(fileSystem, "etc/passwd", PasswdEntry.FormatFile(passwd), FileModes.File);
        if (accounts.Users.Length > 0)
        {
            await AddShadowEntriesAsync(fileSystem, accounts, cancellationToken).ConfigureAwait(false);
        }

        if (accounts.Groups.Length > 0)
        {
            var groups = GroupEntry.ParseFile(await ReadTextAsync(fileSystem, "etc/group", cancellationToken).ConfigureAwait(false));
            foreach (var group in accounts.Groups)
            {
                if (groups.Find(e => e.GroupName == group.GroupName) is { } existing)
                {
                    throw new ApkoException(
                        "APKO1502",
                        $"accounts.groups: '{group.GroupName}' already exists in the image's /etc/group (gid {existing.Gid}, "
                        + "from its packages). Choose another group name.");
                }

                groups.Add(new GroupEntry(group.GroupName, "x", group.Gid, group.Members));
            }

            WriteKeepingMode(fileSystem, "etc/group", GroupEntry.FormatFile(groups), FileModes.File);
        }

        CreateHomeDirectories(fileSystem, passwd);
    }

    private static async Task AddShadowEntriesAsync(
        ImageFileSystem fileSystem,
        ImageAccounts accounts,
        CancellationToken cancellationToken)
    {
        var lines = (await ReadTextAsync(fileSystem, "etc/shadow", cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        foreach (var user in accounts.Users)
        {
            lines.RemoveAll(l => l.StartsWith(user.UserName + ":", StringComparison.Ordinal));
            lines.Add($"{user.UserName}:!:::::::");
        }

        WriteKeepingMode(fileSystem, "etc/shadow", string.Concat(lines.Select(l => l + "\n")), FileModes.Octal(640));
    }

    /// <summary>Creates each account's home directory, mode 0700 and owned by the account, unless it exists or is /dev/null.</summary>
    private static void CreateHomeDirectories(ImageFileSystem fileSystem, IEnumerable<PasswdEntry> accounts)
    {
        foreach (var account in accounts)
        {
            var home = account.Home.TrimEnd('/');
            if (home.Length == 0 || home == "/dev/null")
            {
                continue;
            }

            var existing = fileSystem.Stat(home);
            if (existing is not null)
            {
                if (existing.Type != FileNodeType.Directory)
                {
                    throw new ApkoException(
                        "APKO4101",
                        $"The home directory '{home}' of account '{account.UserName}' exists but is not a directory. "
                        + "Change the account's homedir or remove the file.");
                }

                continue;
            }

            var parent = Path.GetDirectoryName(home)?.Replace('\\', '/') ?? "/";
            fileSystem.MkdirAll(parent, FileModes.Directory);
            fileSystem.MkdirAll(home, FileModes.Octal(700), (int)account.Uid, (int)account.Gid);
        }
    }

    private static async Task<string> ReadTextAsync(ImageFileSystem fileSystem, string path, CancellationToken cancellationToken)
    {
        if (fileSystem.Stat(path) is not { Type: FileNodeType.RegularFile or FileNodeType.HardLink })
        {
            return "";
        }

        return Encoding.UTF8.GetString(await fileSystem.ReadFileAsync(path, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Writes a text file, keeping the mode and owner of the file it replaces.</summary>
    private static void WriteKeepingMode(ImageFileSystem fileSystem, string path, string text, UnixFileMode newMode)
    {
        var existing = fileSystem.Stat(path);
        fileSystem.WriteFile(
            path,
            Encoding.UTF8.GetBytes(text),
            existing?.Mode ?? newMode,
            existing?.Uid ?? 0,
            existing?.Gid ?? 0);
        if (existing is not null)
        {
            fileSystem.SetModificationTime(path, existing.ModificationTime);
        }
    }
}
