using Apko.Build.RootFs;
using Apko.Configuration;
using Apko.Oci.Layers;
using Microsoft.Extensions.Logging;

namespace Apko.Build.Layering;

/// <summary>
/// Writes an image's layers for <c>layering: {strategy: origin, budget: N}</c>: one layer per package group,
/// largest group first, then the top layer, so at most <c>N + 1</c> layers.
/// </summary>
internal static class OriginLayers
{
    /// <summary>The only strategy apko defines.</summary>
    public const string Strategy = "origin";

    /// <summary>Writes the layers into <paramref name="directory"/> and returns them in manifest order.</summary>
    /// <param name="rootfs">The finished root filesystem.</param>
    /// <param name="layering">The configuration's <c>layering</c> section.</param>
    /// <param name="directory">Scratch directory for the layer files.</param>
    /// <param name="options">Layer writer options.</param>
    /// <param name="logger">Logger for the layers written; null for none.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ApkoException">The strategy is not <c>origin</c>.</exception>
    /// <exception cref="Apko.Oci.OciException">A layer could not be written.</exception>
    public static async Task<IReadOnlyList<LayerBlob>> WriteAsync(
        BuiltRootFileSystem rootfs,
        Configuration.Layering layering,
        string directory,
        LayerWriterOptions options,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        if (layering.Strategy != Strategy)
        {
            throw new ApkoException(
                ConfigurationErrorCodes.InvalidLayering,
                "layering.strategy: " + ConfigurationMessages.UnknownLayeringStrategy(layering.Strategy));
        }

        var arch = rootfs.Plan.Architecture.ApkName;
        var groups = OriginGrouping.Group(rootfs.Database.Packages, layering.Budget);
        var layers = await LayerSplitter.SplitAsync(rootfs.FileSystem, groups, cancellationToken).ConfigureAwait(false);
        var blobs = new List<LayerBlob>(layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, $"layer-{arch}-{i}.tar.gz");
            var blob = await LayerWriter.WriteAsync(layers[i], path, options, cancellationToken).ConfigureAwait(false);
            var contents = i < groups.Count ? groups[i].ToString() : "top";
            logger?.LogInformation(
                "Wrote layer {Layer} of {Count} for {Arch} ({Packages}): {Digest}",
                i + 1,
                layers.Count,
                arch,
                contents,
                blob.Descriptor.Digest);
            blobs.Add(blob);
        }

        return blobs;
    }
}
