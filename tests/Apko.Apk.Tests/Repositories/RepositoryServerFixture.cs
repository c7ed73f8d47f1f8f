using Apko.Testing;
using Apko.Testing.Http;

namespace Apko.Apk.Tests.Repositories;

/// <summary>
/// One <see cref="TestHttpServer"/> per test class serving the Alpine v3.19.1 ISO repository twice, at
/// <c>/alpine</c> and at <c>/mirror</c>, at <c>/private</c> behind Basic authentication, and the Alpine keys at
/// <c>/keys</c>.
/// </summary>
public sealed class RepositoryServerFixture : IAsyncLifetime
{
    public const string User = "apko-user";
    public const string Password = "s3cret:Pa55-word";

    public TestHttpServer Server { get; } = TestHttpServer.Start();

    public static string RepositoryDirectory => Fixtures.Path("alpine", "v3.19.1-iso");

    public static string KeysDirectory => Fixtures.Path("alpine", "keys");

    public ValueTask InitializeAsync()
    {
        Server.Serve("/alpine", RepositoryDirectory);
        Server.Serve("/mirror", RepositoryDirectory);
        Server.Serve("/private", RepositoryDirectory, User, Password);
        Server.Serve("/keys", KeysDirectory);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
