namespace Apko;

/// <summary>
/// An error in the build, with a stable code: <c>APKO1xxx</c> for configuration, <c>APKO4xxx</c> for images and
/// <c>APKO6xxx</c> for SBOMs and lock files.
/// </summary>
public class ApkoException : Exception
{
    /// <summary>Creates an exception with a stable error code and a message that names the value and the fix.</summary>
    public ApkoException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The stable error code, such as <c>APKO1001</c>.</summary>
    public string Code { get; }
}
