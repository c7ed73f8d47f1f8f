namespace Apko.Apk.Resolution;

/// <summary>
/// Names waiting for selection. With <paramref name="ordered"/>, the name with the highest
/// <see cref="SolverName.OrderId"/> comes out first, and of two equal ids the one added last; otherwise names come
/// out in arrival order.
/// </summary>
/// <remarks>
/// apk-tools keeps the ordered queue as a sorted linked list, which costs a walk per insertion. A sorted set gives
/// the same order in logarithmic time, which matters when a world names thousands of packages.
/// </remarks>
internal sealed class SolverQueue(bool ordered)
{
    private readonly bool _ordered = ordered;
    private readonly LinkedList<SolverName> _arrivals = new();
    private readonly SortedSet<SolverName> _byOrder = new(QueueOrder.Instance);
    private long _sequence;

    public bool IsEmpty => _ordered ? _byOrder.Count == 0 : _arrivals.Count == 0;

    public void Add(SolverName name)
    {
        if (_ordered)
        {
            name.QueueKey = (name.OrderId, ++_sequence);
            _byOrder.Add(name);
        }
        else
        {
            name.QueueNode = _arrivals.AddLast(name);
        }

        name.Queue = this;
    }

    public SolverName Take()
    {
        var name = _ordered ? _byOrder.Min! : _arrivals.First!.Value;
        Remove(name);
        return name;
    }

    public static void Remove(SolverName name)
    {
        if (name.Queue is not { } queue)
        {
            return;
        }

        if (queue._ordered)
        {
            queue._byOrder.Remove(name);
        }
        else
        {
            queue._arrivals.Remove(name.QueueNode!);
        }

        name.Queue = null;
        name.QueueNode = null;
    }

    /// <summary>Sorts by the key taken when a name was added: higher order id first, then the later addition.</summary>
    private sealed class QueueOrder : IComparer<SolverName>
    {
        public static readonly QueueOrder Instance = new();

        public int Compare(SolverName? x, SolverName? y)
        {
            var (xOrder, xSequence) = x!.QueueKey;
            var (yOrder, ySequence) = y!.QueueKey;
            var byOrder = yOrder.CompareTo(xOrder);
            return byOrder != 0 ? byOrder : ySequence.CompareTo(xSequence);
        }
    }
}
