using Apko.Oci.Registry;

namespace Apko.Benchmarks;

/// <summary>Pushes an OCI image layout with the product's registry client, to time the push alone in bench/push.sh.</summary>
internal static class PushLayout
{
    public static async Task RunAsync(string layout, string reference)
    {
        using var http = new HttpClient();
        var client = new RegistryClient(new RegistryClientOptions { HttpClient = http });
        var result = await new ImagePusher(client).PushAsync(layout, [ImageReference.Parse(reference)], null, CancellationToken.None);
        Console.WriteLine(result.Reference);
    }
}
