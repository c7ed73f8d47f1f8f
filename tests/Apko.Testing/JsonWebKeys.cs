using System.Buffers.Text;
using System.Security.Cryptography;

namespace Apko.Testing;

/// <summary>JWKS text for RSA public keys read from PEM files, as a repository publishes them for key discovery.</summary>
public static class JsonWebKeys
{
    /// <summary>Returns one JWKS key object for the RSA public key in <paramref name="pemPath"/>.</summary>
    public static string Entry(string id, string pemPath)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(pemPath));
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var modulus = Base64Url.EncodeToString(parameters.Modulus);
        var exponent = Base64Url.EncodeToString(parameters.Exponent);
        return $$"""{"kty": "RSA", "kid": "{{id}}", "n": "{{modulus}}", "e": "{{exponent}}"}""";
    }

    /// <summary>Returns a JWKS document with the given key objects.</summary>
    public static string Set(params string[] entries) => $"{{\"keys\": [{string.Join(", ", entries)}]}}";

    /// <summary>Returns the DER SubjectPublicKeyInfo of a PEM public key, to compare keys whatever their layout.</summary>
    public static byte[] PublicKeyOf(string pem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa.ExportSubjectPublicKeyInfo();
    }
}
