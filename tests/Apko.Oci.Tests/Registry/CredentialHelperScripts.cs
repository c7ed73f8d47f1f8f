using Apko.Testing.Registry;

namespace Apko.Oci.Tests.Registry;

/// <summary>Writes <c>docker-credential-NAME</c> shell scripts that behave like real credential helpers.</summary>
internal static class CredentialHelperScripts
{
    /// <summary>A helper whose <c>get</c> returns the user for any server and logs each request to NAME.log.</summary>
    public static string WriteGet(string directory, string name, RegistryUser user) =>
        Write(directory, name, $$"""
            #!/bin/sh
            read server
            echo "$1 $server" >> "{{directory}}/{{name}}.log"
            printf '{"ServerURL":"%s","Username":"{{user.Username}}","Secret":"{{user.Password}}"}' "$server"
            """);

    /// <summary>A helper that has no credentials, responding as docker-credential-helpers do.</summary>
    public static string WriteNotFound(string directory, string name) =>
        Write(directory, name, """
            #!/bin/sh
            echo "credentials not found in native keychain"
            exit 1
            """);

    /// <summary>A helper whose <c>store</c> saves its stdin to NAME.stored and which fails on anything else.</summary>
    public static string WriteStore(string directory, string name) =>
        Write(directory, name, $$"""
            #!/bin/sh
            if [ "$1" = store ]; then cat > "{{directory}}/{{name}}.stored"; exit 0; fi
            echo "unsupported: $1" >&2
            exit 3
            """);

    private static string Write(string directory, string name, string script)
    {
        var path = Path.Combine(directory, "docker-credential-" + name);
        File.WriteAllText(path, script.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
