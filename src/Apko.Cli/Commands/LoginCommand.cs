using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko login SERVER</c>: stores registry credentials in the Docker configuration file.</summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var server = new Argument<string>("server") { Description = "Registry host, such as registry.example.com." };
        var username = new Option<string?>("--username", "-u") { Description = "User name." };
        var password = new Option<string?>("--password", "-p") { Description = "Password; prefer --password-stdin." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from stdin." };
        var command = new Command("login", "Log in to a registry and store the credentials in the Docker config file.")
        {
            server, username, password, passwordStdin,
        };
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.LoginAsync(
                context,
                result.GetValue(server)!,
                result.GetValue(username),
                result.GetValue(password),
                result.GetValue(passwordStdin)),
            token));
        return command;
    }
}
