using System.Text.Json.Serialization;

namespace Apko.Oci.Registry.Authentication;

/// <summary>Source-generated JSON metadata for the credential helper protocol.</summary>
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
