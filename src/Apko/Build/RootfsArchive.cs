using System.IO.Compression;
using Apko.Build.RootFs;
using Apko.Oci.Layers;

namespace Apko.Build;

/// <summary>Archive format of <c>build-minirootfs</c> and <c>build-cpio</c>.</summary>
public enum RootfsArchiveFormat
{
    /// <summary>A tar of the root filesystem, in the same format as an image layer.</summary>
    Tar,

    /// <summary>A newc cpio archive, as a Linux initramfs.</summary>
    Cpio,
}

/// <summary>Builds the root filesystem of one architecture into a tar or cpio file, gzip-compressed when the name ends in <c>.gz</c>.</summary>
public static class RootfsArchive
{
    /// <summary>Builds and writes the archive; a failure leaves no file behind.</summary>
    /// <exception cref="ApkoException">The configuration or the build failed.</exception>
    public static async Task WriteAsync(
        BuildOptions options,
        string outputPath,
        RootfsArchiveFormat format,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(outputPath, options.WorkingDirectory);
        var scratch = Path.Combine(options.TemporaryDirectory, "apko-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        var temporary = output + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            var fetcher = ImageBuilder.CreateFetcher(options, httpClient);
            var (_, plans) = await new BuildPlanner(options, fetcher).PlanAsync(cancellationToken).ConfigureAwait(false);
            if (plans.Count != 1)
            {
                throw new ApkoException(
                    "APKO1103",
                    $"A root filesystem archive holds one architecture, but {plans.Count} were selected. Choose one with --build-arch.");
            }

            var rootfs = await new RootFileSystemBuilder(options, fetcher, scratch).BuildAsync(plans[0], cancellationToken)
                .ConfigureAwait(false);
            var entries = await LayerEntries.FromFileSystemAsync(rootfs.FileSystem, cancellationToken).ConfigureAwait(false);
            await WriteFileAsync(entries, temporary, format, output.EndsWith(".gz", StringComparison.Ordinal), cancellationToken)
                .ConfigureAwait(false);
            File.Move(temporary, output, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
            ImageBuilder.TryDelete(scratch);
        }
    }

    private static async Task WriteFileAsync(
        IEnumerable<LayerEntry> entries,
        string path,
        RootfsArchiveFormat format,
        bool compress,
        CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var gzip = compress ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) : null;
        Stream stream = gzip is null ? file : gzip;
        if (format == RootfsArchiveFormat.Tar)
        {
            var writer = new LayerTarWriter(stream);
            foreach (var entry in entries)
            {
                await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var writer = new CpioWriter(stream);
            foreach (var entry in entries)
            {
                await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
