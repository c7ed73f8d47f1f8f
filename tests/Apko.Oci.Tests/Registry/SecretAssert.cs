using System.Text;

namespace Apko.Oci.Tests.Registry;

/// <summary>Checks that a secret appears in no output, neither as it is nor in a Basic authorization value.</summary>
internal static class SecretAssert
{
    public static void Absent(string secret, params string[] outputs)
    {
        var text = string.Join("\n", outputs);
        Assert.False(text.Contains(secret, StringComparison.Ordinal), "An output contains the secret.");
        foreach (var user in (string[])[TestUsers.Basic.Username, TestUsers.Bearer.Username])
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}"));
            Assert.False(text.Contains(basic, StringComparison.Ordinal), "An output contains a Basic credential.");
        }
    }
}
