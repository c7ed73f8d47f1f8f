using Apko.Oci.Registry.Authentication;
using Microsoft.Extensions.Logging;

namespace Apko.Oci.Registry;

/// <summary>Settings of a <see cref="RegistryClient"/>.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>The client that sends every request; the caller owns it and sets its timeout and proxy.</summary>
    public required HttpClient HttpClient { get; init; }

    /// <summary>Source of credentials per registry; null for anonymous access everywhere.</summary>
    public IRegistryCredentialProvider? Credentials { get; init; }

    /// <summary>Logger for retries (Warning), blobs (Debug) and HTTP requests (Trace); null for none.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Retries of failed requests.</summary>
    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Blobs of at least this many bytes are uploaded in chunks (PATCH); smaller ones in one PUT.</summary>
    public long ChunkedUploadThreshold { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Bytes per PATCH request of a chunked upload; a registry's <c>OCI-Chunk-Min-Length</c> raises it.
    /// </summary>
    public int ChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Registry hosts (with port, as in references) reached over plain HTTP. Loopback hosts (<c>localhost</c>,
    /// <c>127.0.0.0/8</c>, <c>[::1]</c>) always use plain HTTP; every other host uses HTTPS.
    /// </summary>
    public IReadOnlyCollection<string> PlainHttpRegistries { get; init; } = [];

    /// <summary>Time source for retry delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
