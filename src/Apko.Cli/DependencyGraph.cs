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
        foreach (var atom in world)
        {
            AddEdge(graph, "world", TargetOf(atom, providers), spanningTree, reached);
        }

        foreach (var package in packages)
        {
            foreach (var dependency in package.Dependencies.Where(d => !d.StartsWith('!')))
            {
                AddEdge(graph, package.Name, TargetOf(dependency, providers), spanningTree, reached);
            }
        }

        graph.Append("}\n");
        return graph.ToString();
    }

    private static string? TargetOf(string atom, Dictionary<string, string> providers) =>
        Dependency.TryParse(atom, out var dependency) ? providers.GetValueOrDefault(dependency.Name) : null;

    private static void AddEdge(StringBuilder graph, string from, string? to, bool spanningTree, HashSet<string> reached)
    {
        if (to is null || to == from || (spanningTree && !reached.Add(to)))
        {
            return;
        }

        graph.Append($"  \"{from}\" -> \"{to}\";\n");
    }
}
