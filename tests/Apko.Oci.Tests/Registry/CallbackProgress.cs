using Apko.Oci.Registry;

namespace Apko.Oci.Tests.Registry;

/// <summary>An <see cref="IProgress{T}"/> that calls a delegate at once on the reporting thread.</summary>
internal sealed class CallbackProgress(Action<PushProgress> callback) : IProgress<PushProgress>
{
    public void Report(PushProgress value) => callback(value);
}
