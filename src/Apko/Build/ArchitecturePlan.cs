using Apko.Apk.Resolution;
using Apko.Configuration;

namespace Apko.Build;

/// <summary>What one architecture's root filesystem is built from.</summary>
/// <param name="Architecture">The architecture.</param>
/// <param name="Configuration">The effective configuration: includes merged and command-line flags applied.</param>
/// <param name="Resolution">The packages to install, in install order.</param>
/// <param name="Keys">Key files for <c>/etc/apk/keys</c>.</param>
/// <param name="RuntimeRepositories">Lines for <c>/etc/apk/repositories</c>.</param>
internal sealed record ArchitecturePlan(
    Architecture Architecture,
    ImageConfiguration Configuration,
    ResolutionResult Resolution,
    IReadOnlyList<KeyFile> Keys,
    IReadOnlyList<string> RuntimeRepositories);
