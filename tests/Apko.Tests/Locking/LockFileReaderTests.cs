using System.Text;
using Apko.Locking;
using Apko.Testing;

namespace Apko.Tests.Locking;

public sealed class LockFileReaderTests
{
    private static string GoldenText => File.ReadAllText(LockWorkspace.GoldenLockPath);

    [Fact]
    public async Task ReadAsync_GoldenLock_RoundTrips()
    {
        var golden = await File.ReadAllBytesAsync(LockWorkspace.GoldenLockPath, TestContext.Current.CancellationToken);

        var lockFile = await ReadGoldenAsync();

        Assert.Equal(golden, LockFileWriter.Write(lockFile));
    }

    [Fact]
    public async Task ReadAsync_GoldenLock_ReadsPackagesInOrder()
    {
        var lockFile = await ReadGoldenAsync();

        Assert.Equal(
            ["pretend-baselayout/x86_64", "replayout/x86_64", "pretend-baselayout/aarch64", "replayout/aarch64"],
            lockFile.Contents.Packages.Select(p => $"{p.Name}/{p.Architecture}"));
        Assert.Equal("apko.yaml", lockFile.Config?.Name);
    }

    [Fact]
    public async Task ReadAsync_PreChecksumLock_IsRejected()
    {
        var path = Fixtures.Path("apko", "internal", "cli", "testdata", "apko.pre-0.13.lock.json");

        var error = await Assert.ThrowsAsync<ApkoException>(
            () => LockFileReader.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal("APKO6505", error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("contents.packages[0] ('pretend-baselayout')", error.Message, StringComparison.Ordinal);
        Assert.Contains("run 'apko lock'", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "apko-missing-" + Guid.NewGuid().ToString("N"), "apko.lock.json");

        var error = await Assert.ThrowsAsync<ApkoException>(
            () => LockFileReader.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal("APKO6501", error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated", "APKO6502", "line ")]
    [InlineData("trailing-comma", "APKO6502", "line ")]
    [InlineData("version-v2", "APKO6504", "'v2'")]
    [InlineData("version-number", "APKO6503", "version: expected a string, found the number 1.")]
    [InlineData("unknown-field", "APKO6503", "contents.packages[1].homepage ('replayout'): 'homepage' is not")]
    [InlineData("duplicate-field", "APKO6503", "contents.packages[0].name ('pretend-baselayout'): the field appears")]
    [InlineData("missing-version", "APKO6503", "packages[0].version ('pretend-baselayout'): the field is missing.")]
    [InlineData("missing-control", "APKO6503", "contents.packages[3].control ('replayout'): the field is missing.")]
    [InlineData("arch-number", "APKO6503", "contents.packages[1].architecture ('replayout'): expected a string")]
    [InlineData("packages-object", "APKO6503", "contents.packages: expected an array, found an object.")]
    [InlineData("package-string", "APKO6503", "contents.packages[0]: expected an object, found a string.")]
    [InlineData("range-gap", "APKO6503", "control.range ('pretend-baselayout'): 'bytes=700-1628' starts at byte 700")]
    [InlineData("range-reversed", "APKO6503", "data.range ('replayout'): 'bytes=2960-1661' is not a byte range")]
    [InlineData("range-text", "APKO6503", "signature.range ('pretend-baselayout'): 'bytes=0-abc' is not")]
    [InlineData("range-empty-signature", "APKO6503", "control.range ('replayout'): 'bytes=647-1655' starts at")]
    [InlineData("bad-digest", "APKO6503", "data.checksum ('replayout'): 'sha256-notbase64!' is not")]
    [InlineData("checksum-disagrees", "APKO6503", "packages[1].checksum ('replayout'): 'Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("bad-version", "APKO6503", "contents.packages[2].version ('pretend-baselayout'): 'x1.0' is not")]
    [InlineData("keyring-missing-url", "APKO6503", "keyring[0].url ('./testdata/melange.rsa.pub'): the field is")]
    public void Parse_MalformedLock_NamesFileAndEntry(string variant, string code, string expected)
    {
        const string file = "/locks/variant.lock.json";
        var text = Malform(GoldenText, variant);

        var error = Assert.Throws<ApkoException>(() => LockFileReader.Parse(Encoding.UTF8.GetBytes(text), file));

        Assert.Equal(code, error.Code);
        Assert.Contains($"'{file}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", error.Message, StringComparison.Ordinal);
    }

    private static string Malform(string golden, string variant) => variant switch
    {
        "truncated" => golden[..(golden.Length / 2)],
        "trailing-comma" => golden.Replace("\"version\": \"v1\",", "\"version\": \"v1\",,", StringComparison.Ordinal),
        "version-v2" => golden.Replace("\"version\": \"v1\"", "\"version\": \"v2\"", StringComparison.Ordinal),
        "version-number" => golden.Replace("\"version\": \"v1\"", "\"version\": 1", StringComparison.Ordinal),
        "unknown-field" => ReplaceNth(
            golden, "\"name\": \"replayout\",", "\"name\": \"replayout\", \"homepage\": \"x\",", 0),
        "duplicate-field" => ReplaceNth(
            golden,
            "\"name\": \"pretend-baselayout\",",
            "\"name\": \"pretend-baselayout\", \"name\": \"pretend-baselayout\",",
            0),
        "missing-version" => ReplaceNth(golden, "\"version\": \"1.0.0-r0\",", "", 0),
        "missing-control" => RemoveControl(golden),
        "arch-number" => ReplaceNth(
            golden,
            "\"architecture\": \"x86_64\",\n        \"signature\"",
            "\"architecture\": 64,\n        \"signature\"",
            1),
        "packages-object" => golden.Replace("\"packages\": [", "\"packages\": {\"a\": [", StringComparison.Ordinal)
            .Replace("    ]\n  }\n}", "    ]}\n  }\n}", StringComparison.Ordinal),
        "package-string" => golden.Replace("\"packages\": [", "\"packages\": [\"x\",", StringComparison.Ordinal),
        "range-gap" => ReplaceNth(golden, "bytes=647-1628", "bytes=700-1628", 0),
        "range-reversed" => golden.Replace("bytes=1661-2960", "bytes=2960-1661", StringComparison.Ordinal),
        "range-text" => ReplaceNth(golden, "bytes=0-646", "bytes=0-abc", 0),
        "range-empty-signature" => golden.Replace(
            "\"range\": \"bytes=0-646\",\n          \"checksum\": \"sha1-/2EQJW+59r1Vbi3AxFA7e9brusw=\"",
            "\"range\": \"\",\n          \"checksum\": \"\"",
            StringComparison.Ordinal),
        "bad-digest" => golden.Replace(
            "sha256-zmiHBvaqKHsF8CxQeHa0M4mZKwj7T4T5kRe9VpTkXUw=", "sha256-notbase64!", StringComparison.Ordinal),
        "checksum-disagrees" => golden.Replace(
            "Q11/HhSewwwOXgl0r0ffb0O0BRtYc=", "Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=", StringComparison.Ordinal),
        "bad-version" => ReplaceNth(golden, "\"version\": \"1.0.0-r0\"", "\"version\": \"x1.0\"", 2),
        "keyring-missing-url" => golden.Replace(
            "\"url\": \"./testdata/melange.rsa.pub\",", "", StringComparison.Ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    private static Task<LockFile> ReadGoldenAsync() =>
        LockFileReader.ReadAsync(LockWorkspace.GoldenLockPath, TestContext.Current.CancellationToken);

    private static string RemoveControl(string golden)
    {
        const string control = "\"control\": {\n          \"range\": \"bytes=647-1655\",\n"
            + "          \"checksum\": \"sha1-u62watWiRSQgVtAIuVuYoDOaVO4=\"\n        },\n        ";
        Assert.Contains(control, golden, StringComparison.Ordinal);
        return golden.Replace(control, "", StringComparison.Ordinal);
    }

    private static string ReplaceNth(string text, string find, string replacement, int n)
    {
        var index = -1;
        for (var i = 0; i <= n; i++)
        {
            index = text.IndexOf(find, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{find}' occurs fewer than {n + 1} times.");
        }

        return text[..index] + replacement + text[(index + find.Length)..];
    }
}
