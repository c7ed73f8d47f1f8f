namespace Apko.Oci.Registry.Authentication;

/// <summary>
/// Credentials from a Docker config file: the registry's <c>credHelpers</c> program, else the
/// <c>credsStore</c> program, else its <c>auths</c> entry. A missing file or entry means anonymous access.
/// </summary>
public sealed class DockerConfigCredentialProvider : IRegistryCredentialProvider
{
    private readonly DockerConfigOptions _options;

    /// <summary>Creates a provider that reads the file at each lookup.</summary>
    public DockerConfigCredentialProvider(DockerConfigOptions options)
    {
        _options = options;
    }

    /// <inheritdoc />
    public async ValueTask<RegistryCredential?> GetCredentialAsync(
        string registry,
        CancellationToken cancellationToken)
    {
        var document = await DockerConfigDocument.ReadAsync(_options.ConfigPath, cancellationToken)
            .ConfigureAwait(false);
        if (document.FindHelper(registry) is { } helper)
        {
            var program = HelperProgram(_options, helper);
            var fromHelper = await CredentialHelper.GetAsync(
                program, DockerConfigDocument.ServerKey(registry), registry, cancellationToken).ConfigureAwait(false);
            if (fromHelper is not null)
            {
                return fromHelper;
            }
        }

        return document.FindAuth(registry);
    }

    internal static string HelperProgram(DockerConfigOptions options, string helper)
    {
        var name = "docker-credential-" + helper;
        return options.HelperDirectory is null ? name : Path.Combine(options.HelperDirectory, name);
    }
}
