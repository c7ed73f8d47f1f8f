namespace Apko.Apk.Resolution;

/// <summary>
/// Names waiting for selection. With <paramref name="ordered"/>, the name with the highest
/// <see cref="SolverName.OrderId"/> comes out first; otherwise names come out in arrival order.
/// </summary>
internal sealed class SolverQueue(bool ordered)
{
    private readonly LinkedList<SolverName> _names = new();

    public bool IsEmpty => _names.Count == 0;

    public void Add(SolverName name)
    {
        var node = _names.First;
        while (ordered && node is not null && name.OrderId < node.Value.OrderId)
        {
            node = node.Next;
        }

        name.QueueNode = node is null || !ordered ? _names.AddLast(name) : _names.AddBefore(node, name);
        name.Queue = this;
    }

    public SolverName Take()
    {
        var name = _names.First!.Value;
        Remove(name);
        return name;
    }

    public static void Remove(SolverName name)
    {
        if (name.Queue is null)
        {
            return;
        }

        name.Queue._names.Remove(name.QueueNode!);
        name.Queue = null;
        name.QueueNode = null;
    }
}
