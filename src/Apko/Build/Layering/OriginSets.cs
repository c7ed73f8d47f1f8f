namespace Apko.Build.Layering;

/// <summary>
/// Disjoint sets of origin names (union-find). The representative of a set is its ordinal-smallest name, so the
/// result does not depend on the order of joins.
/// </summary>
internal sealed class OriginSets
{
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="origin"/> as a set of its own unless it is already known.</summary>
    public void Add(string origin) => _parent.TryAdd(origin, origin);

    /// <summary>Returns the representative of the set that contains <paramref name="origin"/>.</summary>
    public string Find(string origin)
    {
        var root = origin;
        while (_parent[root] != root)
        {
            root = _parent[root];
        }

        while (origin != root)
        {
            var next = _parent[origin];
            _parent[origin] = root;
            origin = next;
        }

        return root;
    }

    /// <summary>Merges the sets that contain <paramref name="first"/> and <paramref name="second"/>.</summary>
    public void Join(string first, string second)
    {
        var a = Find(first);
        var b = Find(second);
        if (a == b)
        {
            return;
        }

        if (string.CompareOrdinal(a, b) < 0)
        {
            _parent[b] = a;
        }
        else
        {
            _parent[a] = b;
        }
    }
}
