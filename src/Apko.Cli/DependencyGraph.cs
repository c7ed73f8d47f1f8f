using System.Text;
using Apko.Apk.Versions;
using Apko.Build;

namespace Apko.Cli;

/// <summary>Formats a resolved package set as a Graphviz digraph: the world, each package, and an edge per dependency.</summary>
internal static class DependencyGraph
{
    public static string Format(ResolvedArchitecture architecture, IEnumerable<string> world, bool spanningTree)
    {
        var packages = architecture.Packages.Select(p => p.Package).ToArray();
        var providers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            providers.TryAdd(package.Name, package.Name);
            foreach (var provided in package.Provides)
            {
                providers.TryAdd(provided.Split('=')[0], package.Name);
            }
        }

        var graph = new StringBuilder();
        graph.Append("digraph images {\n");
        graph.Append("  \"world\" [shape=box];\n");
        foreach (var package in packages)
        {
            graph.Append($"  \"{package.Name}\" [label=\"{package.Name}-{package.Version}\"];\n");
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var edges = new HashSet<(string, string)>();
        foreach (var atom in world)
        {
            AddEdge(graph, "world", TargetOf(atom, providers), spanningTree, reached, edges);
        }

        foreach (var package in packages)
        {
            foreach (var dependency in package.Dependencies.Where(d => !d.StartsWith('!')))
            {
                AddEdge(graph, package.Name, TargetOf(dependency, providers), spanningTree, reached, edges);
            }
        }

        graph.Append("}\n");
        return graph.ToString();
    }

    private static string? TargetOf(string atom, Dictionary<string, string> providers) =>
        Dependency.TryParse(atom, out var dependency) ? providers.GetValueOrDefault(dependency.Name) : null;

    /// <summary>
    /// Writes an edge once, although a package may reach the same provider through several atoms, such as
    /// <c>musl</c> and <c>so:libc.musl-x86_64.so.1</c>.
    /// </summary>
    private static void AddEdge(
        StringBuilder graph,
        string from,
        string? to,
        bool spanningTree,
        HashSet<string> reached,
        HashSet<(string, string)> edges)
    {
        if (to is null || to == from || edges.Contains((from, to)) || (spanningTree && !reached.Add(to)))
        {
            return;
        }

        edges.Add((from, to));

        graph.Append($"  \"{from}\" -> \"{to}\";\n");
    }
}
