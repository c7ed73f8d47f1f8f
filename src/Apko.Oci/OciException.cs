namespace Apko.Oci;

/// <summary>
/// An error while writing, reading or pushing an OCI image, with a stable code: <c>APKO4xxx</c> for images and
/// layouts, <c>APKO5xxx</c> for registries.
/// </summary>
public class OciException : Exception
{
    /// <summary>Creates an exception with a stable error code and a message that names the value and the fix.</summary>
    public OciException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The stable error code, such as <c>APKO4001</c>.</summary>
    public string Code { get; }
}
