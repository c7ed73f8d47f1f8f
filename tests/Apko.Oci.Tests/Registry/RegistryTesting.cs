using Apko.Oci.Registry;
using Apko.Oci.Registry.Authentication;
using Apko.Testing;
using Microsoft.Extensions.Logging;

namespace Apko.Oci.Tests.Registry;

/// <summary>Clients, pushers and skopeo checks shared by the registry tests.</summary>
internal static class RegistryTesting
{
    public static RetryPolicy FastRetry { get; } = new()
    {
        MaxAttempts = 4,
        InitialDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(100),
    };

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static RegistryClient CreateClient(
        HttpClient httpClient,
        IRegistryCredentialProvider? credentials = null,
        ILogger? logger = null,
        RetryPolicy? retry = null) =>
        new(new RegistryClientOptions
        {
            HttpClient = httpClient,
            Credentials = credentials,
            Logger = logger,
            Retry = retry ?? FastRetry,
        });

    public static StaticCredentialProvider Credentials(string host, string username, string password) =>
        new(new Dictionary<string, RegistryCredential>
        {
            [host] = RegistryCredential.FromPassword(username, password),
        });

    /// <summary>Returns <c>skopeo inspect --raw</c> of a reference on a loopback registry.</summary>
    public static async Task<ToolResult> InspectRawAsync(string reference, string? credentials = null)
    {
        var skopeo = ExternalTool.Require("skopeo");
        List<string> arguments = ["inspect", "--raw", "--tls-verify=false"];
        if (credentials is not null)
        {
            arguments.Add("--creds=" + credentials);
        }

        arguments.Add("docker://" + reference);
        return await ExternalTool.RunAsync(skopeo, arguments, timeout: TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// Copies every manifest and blob of a reference into an OCI layout with <c>skopeo copy --all</c>.
    /// </summary>
    public static async Task<ToolResult> CopyToLayoutAsync(
        string reference,
        string directory,
        string? credentials = null)
    {
        var skopeo = ExternalTool.Require("skopeo");
        var policy = Path.Combine(directory + "-policy.json");
        await File.WriteAllTextAsync(policy, """{"default":[{"type":"insecureAcceptAnything"}]}""");
        List<string> arguments = ["copy", "--all", "--policy", policy, "--src-tls-verify=false"];
        if (credentials is not null)
        {
            arguments.Add("--src-creds=" + credentials);
        }

        arguments.Add("docker://" + reference);
        arguments.Add("oci:" + directory);
        return await ExternalTool.RunAsync(skopeo, arguments, timeout: TimeSpan.FromMinutes(1));
    }
}
