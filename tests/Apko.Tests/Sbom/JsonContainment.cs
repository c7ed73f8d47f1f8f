using System.Text.Json.Nodes;

namespace Apko.Tests.Sbom;

/// <summary>
/// Checks that one JSON document contains everything another does: every property with an equal value, every
/// array element (packages matched by SPDXID) somewhere in the corresponding array.
/// </summary>
internal static class JsonContainment
{
    /// <summary>Returns one line per expected value that the actual document lacks.</summary>
    public static List<string> Missing(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var problems = new List<string>();
        Compare(expected, actual, path, problems);
        return problems;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> problems)
    {
        switch (expected)
        {
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(name, out var actualValue))
                    {
                        problems.Add($"{path}.{name} is missing (expected {value?.ToJsonString()})");
                        continue;
                    }

                    Compare(value, actualValue, $"{path}.{name}", problems);
                }

                break;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                CompareArrays(expectedArray, actualArray, path, problems);
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    problems.Add($"{path} is {actual?.ToJsonString()}, expected {expected?.ToJsonString()}");
                }

                break;
        }
    }

    private static void CompareArrays(JsonArray expected, JsonArray actual, string path, List<string> problems)
    {
        foreach (var item in expected)
        {
            var id = (item as JsonObject)?["SPDXID"]?.GetValue<string>();
            if (id is not null)
            {
                var match = actual.FirstOrDefault(a => (a as JsonObject)?["SPDXID"]?.GetValue<string>() == id);
                if (match is null)
                {
                    problems.Add($"{path}: no element with SPDXID '{id}'");
                }
                else
                {
                    Compare(item, match, $"{path}[{id}]", problems);
                }

                continue;
            }

            if (!actual.Any(a => Missing(item, a).Count == 0))
            {
                problems.Add($"{path}: no element holds {item?.ToJsonString()}");
            }
        }
    }
}
