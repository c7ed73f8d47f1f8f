namespace Apko.Apk.Versions;

/// <summary>Text of the errors about versions and dependency atoms, one method per message.</summary>
internal static class VersionMessages
{
    public static string InvalidDependency(string text, string problem) =>
        $"'{text}' is not a valid package constraint: {problem}. Write it as NAME, NAME@TAG or NAME[@TAG]OPVERSION "
        + "with OP one of =, <, >, <=, >=, ~ and an APK version such as 1.2.3-r0.";
}
