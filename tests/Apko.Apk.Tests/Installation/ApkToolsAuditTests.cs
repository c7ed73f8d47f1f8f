using System.Text;
using Apko.Apk.FileSystem;
using Apko.Apk.Installation;
using Apko.Testing;

namespace Apko.Apk.Tests.Installation;

/// <summary>
/// Runs the image's own apk-tools (2.14.0 from the installed packages) under proot on an image we built, to check
/// that it accepts our installed database and finds every file as recorded.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ApkToolsAuditTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"apko-audit-{Guid.NewGuid():N}");

    public ApkToolsAuditTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Audit_ImageReportsNoProblems()
    {
        var proot = ExternalTool.Require("proot");
        Assert.SkipUnless(Environment.UserName == "root", "Extracting the image with its owners needs root.");
        var cancellationToken = TestContext.Current.CancellationToken;
        var fileSystem = new ImageFileSystem();
        var database = new InstalledDatabase();
        await AlpineMinimalFixture.InstallAsync(fileSystem, database, _directory, cancellationToken);
        InstalledDatabaseWriter.WriteTo(fileSystem, database, "lib/apk/db", 0);
        var world = string.Join('\n', AlpineMinimalFixture.Order.Order(StringComparer.Ordinal)) + "\n";
        fileSystem.WriteFile("etc/apk/world", Encoding.UTF8.GetBytes(world), (UnixFileMode)0x1A4);
        var root = Path.Combine(_directory, "root");
        await ImageExtractor.ExtractAsync(fileSystem, root, cancellationToken);

        var info = await ExternalTool.RunAsync(proot, ["-r", root, "-w", "/", "/sbin/apk", "info"]);
        var audit = await ExternalTool.RunAsync(
            proot, ["-r", root, "-w", "/", "/sbin/apk", "audit", "--system", "--check-permissions"]);

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal(AlpineMinimalFixture.Order.Order(StringComparer.Ordinal), info.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.True(audit.Stdout.Length == 0, audit.ToString());
    }
}
