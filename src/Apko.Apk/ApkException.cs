namespace Apko.Apk;

/// <summary>
/// An error in APK data, a repository or a resolution, with a stable code: <c>APKO2xxx</c> for packages and
/// repositories, <c>APKO3xxx</c> for resolution.
/// </summary>
public class ApkException : Exception
{
    /// <summary>Creates an exception with a stable error code and a message that names the value and the fix.</summary>
    public ApkException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The stable error code, such as <c>APKO2001</c>.</summary>
    public string Code { get; }
}
