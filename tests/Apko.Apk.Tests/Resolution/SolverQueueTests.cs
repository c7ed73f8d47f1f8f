using Apko.Apk.Resolution;

namespace Apko.Apk.Tests.Resolution;

public sealed class SolverQueueTests
{
    private static readonly Solver s_solver = new(new PackageIndex([], []));

    [Fact]
    public void Take_Ordered_HighestOrderIdThenLatest()
    {
        var queue = new SolverQueue(ordered: true);
        var names = new[] { Name("a", 5), Name("b", 9), Name("c", 5), Name("d", 1), Name("e", 9) };
        foreach (var name in names)
        {
            queue.Add(name);
        }

        var order = new List<string>();
        while (!queue.IsEmpty)
        {
            order.Add(queue.Take().Name);
        }

        Assert.Equal(["e", "b", "c", "a", "d"], order);
    }

    [Fact]
    public void Remove_OrderedName_OthersKeepOrder()
    {
        var queue = new SolverQueue(ordered: true);
        var (a, b, c) = (Name("a", 3), Name("b", 2), Name("c", 1));
        queue.Add(a);
        queue.Add(b);
        queue.Add(c);

        SolverQueue.Remove(b);

        Assert.Null(b.Queue);
        Assert.Same(a, queue.Take());
        Assert.Same(c, queue.Take());
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Take_Unordered_ArrivalOrder()
    {
        var queue = new SolverQueue(ordered: false);
        queue.Add(Name("x", 1));
        queue.Add(Name("y", 9));

        Assert.Equal("x", queue.Take().Name);
        Assert.Equal("y", queue.Take().Name);
    }

    private static SolverName Name(string text, long orderId) =>
        new(new IndexName(text, -1), s_solver) { OrderId = orderId };
}
