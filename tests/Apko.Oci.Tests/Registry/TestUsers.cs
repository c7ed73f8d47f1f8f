using Apko.Testing.Registry;

namespace Apko.Oci.Tests.Registry;

/// <summary>Users of the test registries; their passwords must never appear in any output.</summary>
internal static class TestUsers
{
    public static RegistryUser Basic { get; } = new("apko-tester", "Pw-9f3kQ-never-print-me");

    public static RegistryUser Bearer { get; } = new("token-user", "Tk-71zX-secret-token-password");
}
