using Apko.Oci.Registry;

namespace Apko.Oci.Tests.Registry;

/// <summary>
/// An <see cref="IProgress{T}"/> that records events at once on the reporting thread; <see cref="Progress{T}"/>
/// would post them later through the thread pool.
/// </summary>
internal sealed class SyncProgress(List<PushProgress> events) : IProgress<PushProgress>
{
    public void Report(PushProgress value)
    {
        lock (events)
        {
            events.Add(value);
        }
    }
}
