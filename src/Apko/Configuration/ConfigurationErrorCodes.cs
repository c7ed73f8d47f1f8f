namespace Apko.Configuration;

/// <summary>The stable <c>APKO1xxx</c> codes of configuration problems.</summary>
public static class ConfigurationErrorCodes
{
    /// <summary>More than one problem; each is listed in <see cref="ConfigurationException.Problems"/>.</summary>
    public const string SeveralProblems = "APKO1000";

    /// <summary>A configuration or included file is missing or unreadable.</summary>
    public const string FileNotFound = "APKO1001";

    /// <summary>The file is not well-formed YAML.</summary>
    public const string MalformedYaml = "APKO1002";

    /// <summary>A key is not part of the schema.</summary>
    public const string UnknownKey = "APKO1003";

    /// <summary>A value has the wrong type, such as a list where a string belongs.</summary>
    public const string WrongType = "APKO1004";

    /// <summary>A key appears twice in the same mapping.</summary>
    public const string DuplicateKey = "APKO1005";

    /// <summary>Files include each other in a cycle.</summary>
    public const string IncludeCycle = "APKO1006";

    /// <summary>A package constraint is not syntactically valid.</summary>
    public const string InvalidPackageConstraint = "APKO1007";

    /// <summary>An architecture name is not supported.</summary>
    public const string InvalidArchitecture = "APKO1008";

    /// <summary>A <c>paths</c> entry is invalid.</summary>
    public const string InvalidPathMutation = "APKO1009";

    /// <summary>A user or group is invalid.</summary>
    public const string InvalidAccount = "APKO1010";

    /// <summary>A <c>runtime_keyring</c> entry is invalid.</summary>
    public const string InvalidRuntimeKey = "APKO1011";

    /// <summary>A <c>certificates</c> entry is invalid.</summary>
    public const string InvalidCertificate = "APKO1012";

    /// <summary>The <c>layering</c> section is invalid.</summary>
    public const string InvalidLayering = "APKO1013";

    /// <summary>The <c>format</c> value is invalid.</summary>
    public const string InvalidFormat = "APKO1014";

    /// <summary>The configuration uses a feature that is not built yet.</summary>
    public const string NotBuiltYet = "APKO1015";

    /// <summary>An annotation key or value is invalid.</summary>
    public const string InvalidAnnotation = "APKO1016";

    /// <summary>Any other invalid value, such as an unknown entrypoint type.</summary>
    public const string InvalidValue = "APKO1017";
}
