using Apko.Build.Accounts;
using Apko.Build.RootFs;
using Apko.Configuration;
using Apko.Oci.Layers;
using Apko.Oci.Model;

namespace Apko.Build;

/// <summary>Makes the OCI image config, manifest and index from built layers, with apko's fields and annotations.</summary>
internal static class ImageAssembler
{
    private const string Author = "apko for .NET";
    private const string CreatedAnnotation = "org.opencontainers.image.created";
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin";
    private const string DefaultCertificateFile = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>Returns the annotations of an image or index: the configuration's plus <c>created</c> and the VCS source.</summary>
    public static SortedDictionary<string, string> Annotations(ImageConfiguration configuration, DateTimeOffset created)
    {
        var annotations = new SortedDictionary<string, string>(configuration.Annotations, StringComparer.Ordinal);
        var at = configuration.VcsUrl.LastIndexOf('@');
        if (at > 0)
        {
            annotations["org.opencontainers.image.source"] = configuration.VcsUrl[..at];
            annotations["org.opencontainers.image.revision"] = configuration.VcsUrl[(at + 1)..];
        }

        annotations[CreatedAnnotation] = OciJson.FormatTime(created);
        return annotations;
    }

    public static BuiltImage CreateImage(BuiltRootFileSystem rootfs, IReadOnlyList<LayerBlob> layers, string? runAsUid)
    {
        var configuration = rootfs.Plan.Configuration;
        var architecture = rootfs.Plan.Architecture;
        var created = rootfs.BuildEpoch;
        var annotations = Annotations(configuration, created);
        var comment = CreateComment(annotations, layers.Count);
        var config = new ImageConfig
        {
            Architecture = architecture.OciArchitecture,
            Variant = architecture.OciVariant,
            Author = Author,
            Created = created,
            History = layers.Select(_ => new HistoryEntry { Author = "apko", Created = created, CreatedBy = "apko", Comment = comment })
                .ToArray(),
            Config = new ContainerConfig
            {
                Cmd = configuration.Cmd.Length > 0 ? SplitWords(configuration.Cmd, "cmd") : null,
                Entrypoint = Entrypoint(configuration.Entrypoint),
                Env = Environment(configuration.Environment),
                Labels = annotations,
                User = string.IsNullOrEmpty(runAsUid) ? null : runAsUid,
                Volumes = configuration.Volumes.Length > 0 ? configuration.Volumes : null,
                WorkingDir = configuration.WorkDir.Length > 0 ? configuration.WorkDir : null,
                StopSignal = configuration.StopSignal.Length > 0 ? configuration.StopSignal : null,
            },
        };
        return BuiltImage.Create(config, layers, annotations);
    }

    /// <summary>Returns <c>accounts.run-as</c> as a uid when it names an account of the image, otherwise verbatim.</summary>
    public static string? ResolveRunAs(string runAs, string passwd)
    {
        if (runAs.Length == 0)
        {
            return null;
        }

        var account = PasswdEntry.ParseFile(passwd).FirstOrDefault(e => e.UserName == runAs);
        return account is null ? runAs : account.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? CreateComment(IDictionary<string, string> annotations, int layerCount)
    {
        if (annotations.TryGetValue("org.opencontainers.image.title", out var title)
            && annotations.TryGetValue("org.opencontainers.image.vendor", out var vendor))
        {
            return $"{title} by {vendor}";
        }

        return layerCount == 1 ? "This is an apko single-layer image" : null;
    }

    private static IReadOnlyList<string>? Entrypoint(ImageEntrypoint entrypoint)
    {
        if (entrypoint.ShellFragment.Length > 0)
        {
            return ["/bin/sh", "-c", entrypoint.ShellFragment];
        }

        return entrypoint.Command.Length > 0 ? SplitWords(entrypoint.Command, "entrypoint.command") : null;
    }

    private static IReadOnlyList<string> Environment(IReadOnlyDictionary<string, string> configured)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configured)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal))
            {
                throw new ApkoException(
                    "APKO1402", $"environment: '{key}' is not a valid variable name. Names must be non-empty and contain no '='.");
            }

            environment[key] = value;
        }

        environment.TryAdd("PATH", DefaultPath);
        environment.TryAdd("SSL_CERT_FILE", DefaultCertificateFile);
        return environment.Select(e => $"{e.Key}={e.Value}").ToArray();
    }

    private static IReadOnlyList<string> SplitWords(string text, string key)
    {
        try
        {
            return ShellWords.Split(text);
        }
        catch (FormatException e)
        {
            throw new ApkoException("APKO1401", $"{key}: {e.Message} Close the quote or escape it.", e);
        }
    }
}
