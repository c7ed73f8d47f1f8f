using Apko.Testing;

namespace Apko.Tests.Sbom;

/// <summary>Validates documents against the official schemas with tools/schema-check (ajv under node).</summary>
internal static class SchemaCheck
{
    public static string Spdx => Fixtures.Path("schemas", "spdx-2.3", "spdx-schema.json");

    public static string CycloneDx => Fixtures.Path("schemas", "cyclonedx-1.6", "bom-1.6.schema.json");

    /// <summary>
    /// Fails the test when any document does not validate; skips (fails under CI) when node or ajv is missing.
    /// One node process checks them all, since starting node and compiling a schema costs about a second.
    /// </summary>
    public static async Task AssertValidAsync(string schema, IReadOnlyList<(string Name, byte[] Content)> documents)
    {
        var node = ExternalTool.Require("node");
        var tool = Path.Combine(Fixtures.RepositoryRoot, "tools", "schema-check");
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "ajv")))
        {
            var message = $"'{tool}/node_modules' is missing; run 'npm ci --prefix tools/schema-check'.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        var directory = Directory.CreateTempSubdirectory("apko-sbom-schema-");
        try
        {
            var files = new List<string>();
            for (var i = 0; i < documents.Count; i++)
            {
                var file = Path.Combine(directory.FullName, $"{i}-{documents[i].Name}");
                await File.WriteAllBytesAsync(file, documents[i].Content, TestContext.Current.CancellationToken);
                files.Add(file);
            }

            var result = await ExternalTool.RunAsync(node, [Path.Combine(tool, "check.js"), schema, .. files]);
            Assert.True(result.ExitCode == 0, $"Documents do not validate against {schema}:\n{result}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
