namespace Apko.Apk.Resolution;

/// <summary>
/// The states of those index names that a solve has already created, enumerated without allocating, in the order of
/// <paramref name="names"/>.
/// </summary>
internal readonly struct SolverNameSet(IndexName[] names, SolverNameStates states)
{
    public Enumerator GetEnumerator() => new(names, states);

    /// <summary>Returns true when every created state matches <paramref name="predicate"/>.</summary>
    public bool All(Func<SolverName, bool> predicate)
    {
        foreach (var name in this)
        {
            if (!predicate(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Steps through the names, skipping those without a state.</summary>
    public struct Enumerator(IndexName[] names, SolverNameStates states)
    {
        private int _index = -1;

        public SolverName Current { get; private set; } = null!;

        public bool MoveNext()
        {
            while (++_index < names.Length)
            {
                if (states.Get(names[_index].Id) is { } state)
                {
                    Current = state;
                    return true;
                }
            }

            return false;
        }
    }
}
