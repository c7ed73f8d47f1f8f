namespace Apko.Apk.FileSystem;

public sealed partial class ImageFileSystem
{
    /// <summary>Maximum number of symbolic links followed while resolving one path, as Linux allows.</summary>
    private const int MaxSymlinks = 40;

    /// <summary>
    /// Finds where a node named by the last component of <paramref name="path"/> would be placed: its parent
    /// directory (intermediate links followed), its name and the node already there, if any.
    /// </summary>
    internal (FileNode Parent, string Name, FileNode? Existing) ResolveForCreate(string path)
    {
        var names = SplitPath(path);
        if (names.Count == 0 || IsDotName(names[^1]))
        {
            throw FileSystemErrors.InvalidPath(path);
        }

        var parentPath = string.Join('/', names.Take(names.Count - 1));
        var result = Resolve(parentPath, followFinal: true);
        if (result.NotADirectory is not null)
        {
            throw FileSystemErrors.NotADirectory(PathOf(result.NotADirectory));
        }

        var parent = result.Node ?? throw FileSystemErrors.NotFound(parentPath);
        if (parent.Children is null)
        {
            throw FileSystemErrors.NotADirectory(PathOf(parent));
        }

        parent.Children.TryGetValue(names[^1], out var existing);
        return (parent, names[^1], existing);
    }

    /// <summary>Adds <paramref name="node"/> under <paramref name="parent"/>, replacing a node of the same name.</summary>
    internal static FileNode AddChild(FileNode parent, FileNode node)
    {
        if (parent.Children!.Remove(node.Name, out var replaced))
        {
            replaced.Parent = null;
        }

        parent.Children[node.Name] = node;
        node.Parent = parent;
        return node;
    }

    private FileNode Place(string path, FileNode node)
    {
        var (parent, name, existing) = ResolveForCreate(path);
        if (existing?.Type == FileNodeType.Directory)
        {
            throw FileSystemErrors.IsADirectory(PathOf(existing));
        }

        node.Name = name;
        return AddChild(parent, node);
    }

    private FileNode DirectoryOf(FileNode node)
    {
        var target = node.Type == FileNodeType.Symlink ? Resolve(PathOf(node), followFinal: true).Node : node;
        if (target?.Children is null)
        {
            throw FileSystemErrors.NotADirectory(PathOf(node));
        }

        return target;
    }

    private ResolveResult Resolve(string path, bool followFinal)
    {
        var pending = new Stack<string>();
        PushComponents(pending, path);
        var current = Root;
        var links = 0;
        while (pending.TryPop(out var name))
        {
            if (name is "" or ".")
            {
                continue;
            }

            if (name == "..")
            {
                current = current.Parent ?? Root;
                continue;
            }

            if (current.Children is null)
            {
                return new ResolveResult(null, current);
            }

            if (!current.Children.TryGetValue(name, out var child))
            {
                return new ResolveResult(null, null);
            }

            var isLast = pending.All(static rest => rest is "" or ".");
            if (child.Type == FileNodeType.Symlink && (!isLast || followFinal))
            {
                if (++links > MaxSymlinks)
                {
                    throw FileSystemErrors.SymlinkLoop(Normalize(path));
                }

                PushComponents(pending, child.LinkTarget!);
                current = child.LinkTarget!.StartsWith('/') ? Root : current;
                continue;
            }

            current = child;
        }

        return new ResolveResult(current, null);
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var names = path.Split('/');
        for (var i = names.Length - 1; i >= 0; i--)
        {
            pending.Push(names[i]);
        }
    }

    private static List<string> SplitPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(static name => name != ".").ToList();
    }

    private static bool IsDotName(string name) => name is "." or "..";

    private static string Normalize(string path) => string.Join('/', SplitPath(path));

    /// <summary>Outcome of a path lookup: the node found, or the non-directory that blocked the lookup.</summary>
    private readonly record struct ResolveResult(FileNode? Node, FileNode? NotADirectory);
}
