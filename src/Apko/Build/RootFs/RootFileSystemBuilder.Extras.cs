using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Apko.Apk.FileSystem;
using Apko.Apk.Installation;
using Apko.Configuration;
using Microsoft.Extensions.Logging;

namespace Apko.Build.RootFs;

internal sealed partial class RootFileSystemBuilder
{
    private const string CertificateDirectory = "usr/local/share/ca-certificates";

    private static readonly string[] s_certificateBundles =
    [
        "etc/ssl/certs/ca-certificates.crt",
        "var/lib/ecs/deps/execute-command/certs/tls-ca-bundle.pem",
        "kaniko/ssl/certs/ca-certificates.crt",
    ];

    /// <summary>
    /// Adds <c>certificates.additional</c> and the certificates of <c>certificates.providers</c> packages to every
    /// CA bundle the image has, then writes a <c>.NAME.sha256</c> checksum file beside each bundle.
    /// </summary>
    private async Task ApplyCertificatesAsync(
        ImageFileSystem fileSystem,
        ArchitecturePlan plan,
        InstalledDatabase database,
        DateTimeOffset buildEpoch,
        CancellationToken cancellationToken)
    {
        var epoch = buildEpoch.ToUnixTimeSeconds();
        var certificates = new List<byte[]>();
        if (plan.Configuration.Certificates is { } configured)
        {
            foreach (var additional in configured.Additional)
            {
                certificates.Add(WriteAdditionalCertificate(fileSystem, additional.Name, additional.Content, epoch));
            }

            certificates.AddRange(await ReadProviderCertificatesAsync(fileSystem, database, configured.Providers, cancellationToken)
                .ConfigureAwait(false));
        }

        foreach (var bundle in s_certificateBundles.Where(b => fileSystem.Stat(b) is { Type: FileNodeType.RegularFile }))
        {
            if (certificates.Count > 0)
            {
                var content = new List<byte>(await fileSystem.ReadFileAsync(bundle, cancellationToken).ConfigureAwait(false));
                foreach (var certificate in certificates)
                {
                    content.AddRange(certificate);
                    content.Add((byte)'\n');
                }

                WriteKeepingMode(fileSystem, bundle, Encoding.UTF8.GetString(content.ToArray()), FileModes.File);
                fileSystem.SetModificationTime(bundle, epoch);
            }

            var bytes = await fileSystem.ReadFileAsync(bundle, cancellationToken).ConfigureAwait(false);
            var name = Path.GetFileName(bundle);
            var sidecar = $"{ParentOf(bundle)}/.{name}.sha256";
            fileSystem.WriteFile(sidecar, Encoding.UTF8.GetBytes($"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  {name}\n"), FileModes.ReadOnly);
            fileSystem.SetModificationTime(sidecar, epoch);
        }
    }

    private static byte[] WriteAdditionalCertificate(ImageFileSystem fileSystem, string name, string content, long epoch)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(content);
        }
        catch (CryptographicException e)
        {
            throw new ApkoException(
                "APKO1301",
                $"certificates.additional '{name}' is not a PEM certificate: {e.Message}. Give one BEGIN CERTIFICATE block.",
                e);
        }

        using (certificate)
        {
            var pem = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n");
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
            fileSystem.MkdirAll(CertificateDirectory, FileModes.Directory);
            var path = $"{CertificateDirectory}/{name}-{fingerprint}.crt";
            fileSystem.WriteFile(path, pem, FileModes.File);
            fileSystem.SetModificationTime(path, epoch);
            return pem;
        }
    }

    private async Task<List<byte[]>> ReadProviderCertificatesAsync(
        ImageFileSystem fileSystem,
        InstalledDatabase database,
        IEnumerable<string> providers,
        CancellationToken cancellationToken)
    {
        var wanted = providers.ToHashSet(StringComparer.Ordinal);
        var result = new List<byte[]>();
        if (wanted.Count == 0 || fileSystem.Stat(CertificateDirectory) is not { Type: FileNodeType.Directory })
        {
            return result;
        }

        foreach (var name in fileSystem.ReadDirectory(CertificateDirectory))
        {
            var path = $"{CertificateDirectory}/{name}";
            var owner = database.FindFileOwner(path);
            var provides = owner?.Package.Provides.Select(p => p.Split('=')[0]) ?? [];
            if (owner is null || !(name.EndsWith(".crt", StringComparison.Ordinal) || name.EndsWith(".pem", StringComparison.Ordinal))
                || !provides.Any(wanted.Contains))
            {
                continue;
            }

            var bytes = await fileSystem.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(bytes));
                result.Add(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"));
            }
            catch (CryptographicException)
            {
                options.Logger?.LogWarning("Skipped '{Path}' of {Package}: not a PEM certificate", path, owner.Package);
            }
        }

        return result;
    }

    private static void WriteRuntimeKeys(ImageFileSystem fileSystem, IEnumerable<RuntimeKeyringEntry> keys, DateTimeOffset buildEpoch)
    {
        foreach (var key in keys)
        {
            var path = "etc/apk/keys/" + key.Name;
            if (fileSystem.Lstat(path) is not null)
            {
                throw new ApkoException(
                    "APKO1302",
                    $"contents.runtime_keyring '{key.Name}' collides with the key file '/{path}' already in the image. Rename it.");
            }

            var content = key.Content.EndsWith('\n') ? key.Content : key.Content + "\n";
            fileSystem.WriteFile(path, Encoding.ASCII.GetBytes(content), FileModes.File);
            fileSystem.SetModificationTime(path, buildEpoch.ToUnixTimeSeconds());
        }
    }

    /// <summary>Writes <c>/sv/NAME/run</c> for each s6 service of a service-bundle entrypoint.</summary>
    private static void WriteServices(ImageFileSystem fileSystem, ImageEntrypoint entrypoint)
    {
        foreach (var (name, command) in entrypoint.Services)
        {
            fileSystem.MkdirAll($"sv/{name}", FileModes.Directory);
            fileSystem.WriteFile($"sv/{name}/run", Encoding.UTF8.GetBytes($"#!/bin/execlineb\n{command}\n"), FileModes.Executable);
        }
    }

    /// <summary>
    /// Creates busybox applet links from <c>/etc/busybox-paths.d/PACKAGE</c>, as busybox's install script would;
    /// existing files and links are kept.
    /// </summary>
    private async Task LinkBusyboxAppletsAsync(
        ImageFileSystem fileSystem,
        InstalledDatabase database,
        CancellationToken cancellationToken)
    {
        if (fileSystem.Stat("bin/busybox") is null)
        {
            return;
        }

        var owner = database.Find("busybox")
            ?? database.Packages.FirstOrDefault(p => p.Package.Provides.Any(x => x.Split('=')[0] == "busybox"));
        var listPath = $"etc/busybox-paths.d/{owner?.Package.Name ?? "busybox"}";
        if (fileSystem.Stat(listPath) is not { Type: FileNodeType.RegularFile or FileNodeType.HardLink })
        {
            // TODO: busybox packages older than 1.36.0-r8 ship no paths file. apko falls back to built-in applet
            // tables for them, but such images get no applet links here.
            options.Logger?.LogWarning("No '/{Path}' in the image; busybox applet links are not created", listPath);
            return;
        }

        var text = Encoding.UTF8.GetString(await fileSystem.ReadFileAsync(listPath, cancellationToken).ConfigureAwait(false));
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var path = line.TrimStart('/');
            if (path == "bin/busybox" || path.Length == 0 || fileSystem.Lstat(path) is not null)
            {
                continue;
            }

            fileSystem.MkdirAll(ParentOf(path), FileModes.Directory);
            fileSystem.Symlink(path, "/bin/busybox");
        }
    }
}
