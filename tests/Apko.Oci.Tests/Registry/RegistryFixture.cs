using Apko.Testing.Registry;

namespace Apko.Oci.Tests.Registry;

/// <summary>
/// One distribution registry per test class, started on first use so that a missing <c>docker-registry</c>
/// skips (or, under CI, fails) the test that needs it instead of the whole class.
/// </summary>
public abstract class RegistryFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private DistributionRegistry? _registry;

    protected abstract RegistryUser? User { get; }

    public async Task<DistributionRegistry> StartAsync()
    {
        Testing.ExternalTool.Require("docker-registry");
        await _lock.WaitAsync();
        try
        {
            return _registry ??= await DistributionRegistry.StartAsync(User);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _lock.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A registry without authentication.</summary>
public sealed class AnonymousRegistryFixture : RegistryFixture
{
    protected override RegistryUser? User => null;
}

/// <summary>A registry with htpasswd Basic authentication for <see cref="TestUsers.Basic"/>.</summary>
public sealed class BasicAuthRegistryFixture : RegistryFixture
{
    protected override RegistryUser? User => TestUsers.Basic;
}
