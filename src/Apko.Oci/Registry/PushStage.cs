namespace Apko.Oci.Registry;

/// <summary>What a <see cref="PushProgress"/> event reports.</summary>
public enum PushStage
{
    /// <summary>The blob is already in the repository; no bytes were sent.</summary>
    BlobExists,

    /// <summary>The blob was mounted from another repository of the registry; no bytes were sent.</summary>
    BlobMounted,

    /// <summary>Bytes of the blob were sent; <see cref="PushProgress.BytesDone"/> counts them so far.</summary>
    BlobUploading,

    /// <summary>The registry accepted the whole blob.</summary>
    BlobUploaded,

    /// <summary>A manifest or index was pushed by digest.</summary>
    ManifestPushed,

    /// <summary>A tag was set to the pushed manifest or index.</summary>
    TagPushed,
}
