namespace Apko.Configuration;

/// <summary>
/// Applies the rewrites apko makes while validating: a <c>service-bundle</c> entrypoint runs
/// <c>/bin/s6-svscan /sv</c> and adds <c>s6</c> to the world, and users without a home get <c>/home/&lt;name&gt;</c>.
/// </summary>
internal static class ConfigurationDefaults
{
    public const string ServiceBundleType = "service-bundle";
    public const string ServiceBundleCommand = "/bin/s6-svscan /sv";
    public const string ServiceBundlePackage = "s6";

    /// <summary>Returns the configuration with apko's defaults applied.</summary>
    public static ImageConfiguration Apply(ImageConfiguration config)
    {
        if (config.Entrypoint.Type == ServiceBundleType)
        {
            config = config with
            {
                Entrypoint = config.Entrypoint with { Command = ServiceBundleCommand },
                Contents = config.Contents with { Packages = config.Contents.Packages.Add(ServiceBundlePackage) },
            };
        }

        return config with
        {
            Accounts = config.Accounts with
            {
                Users = [.. config.Accounts.Users.Select(user =>
                    user.HomeDir.Length > 0 ? user : user with { HomeDir = "/home/" + user.UserName })],
            },
        };
    }
}
