using System.CommandLine;
using System.Text;

namespace Apko.Cli.Commands;

/// <summary><c>apko completion SHELL</c>: prints a completion script for bash, zsh or fish, made from the command tree.</summary>
internal static class CompletionCommand
{
    public static Command Create(RootCommand root)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print a shell completion script for bash, zsh or fish.") { shell };
        command.SetAction(result =>
        {
            var commands = root.Subcommands.Where(c => !c.Hidden).ToArray();
            var script = result.GetValue(shell) switch
            {
                "bash" => Bash(commands),
                "zsh" => Zsh(commands),
                _ => Fish(commands),
            };
            Console.Out.Write(script);
            return ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<string> OptionNames(Command command) =>
        command.Options.Concat(GlobalOptionsOf())
            .SelectMany(o => new[] { o.Name }.Concat(o.Aliases))
            .Append("--help")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static Option[] GlobalOptionsOf() => [GlobalOptions.LogLevel, GlobalOptions.WorkDir];

    private static string Bash(Command[] commands)
    {
        var script = new StringBuilder();
        script.Append("# bash completion for apko; load with: source <(apko completion bash)\n");
        script.Append("_apko() {\n    local cur=\"${COMP_WORDS[COMP_CWORD]}\" sub=\"${COMP_WORDS[1]}\"\n");
        script.Append("    if [ \"$COMP_CWORD\" -eq 1 ]; then\n");
        script.Append($"        COMPREPLY=($(compgen -W \"{string.Join(' ', commands.Select(c => c.Name))}\" -- \"$cur\"))\n");
        script.Append("        return\n    fi\n    case \"$sub\" in\n");
        foreach (var command in commands)
        {
            script.Append($"        {command.Name}) COMPREPLY=($(compgen -W \"{string.Join(' ', OptionNames(command))}\" -- \"$cur\")) ;;\n");
        }

        script.Append("    esac\n    if [ ${#COMPREPLY[@]} -eq 0 ]; then COMPREPLY=($(compgen -f -- \"$cur\")); fi\n}\n");
        script.Append("complete -o filenames -F _apko apko\n");
        return script.ToString();
    }

    private static string Zsh(Command[] commands)
    {
        var script = new StringBuilder();
        script.Append("#compdef apko\n# zsh completion for apko; load with: source <(apko completion zsh)\n");
        script.Append("_apko() {\n    if (( CURRENT == 2 )); then\n        local -a commands\n        commands=(\n");
        foreach (var command in commands)
        {
            script.Append($"            '{command.Name}:{EscapeZsh(command.Description)}'\n");
        }

        script.Append("        )\n        _describe 'command' commands\n        return\n    fi\n    case $words[2] in\n");
        foreach (var command in commands)
        {
            script.Append($"        {command.Name}) compadd -- {string.Join(' ', OptionNames(command))}; _files ;;\n");
        }

        script.Append("    esac\n}\ncompdef _apko apko\n");
        return script.ToString();
    }

    private static string Fish(Command[] commands)
    {
        var script = new StringBuilder();
        script.Append("# fish completion for apko; load with: apko completion fish | source\n");
        foreach (var command in commands)
        {
            script.Append($"complete -c apko -n __fish_use_subcommand -a {command.Name} -d '{Escape(command.Description, '\'')}'\n");
            foreach (var option in command.Options.Concat(GlobalOptionsOf()))
            {
                var line = new StringBuilder($"complete -c apko -n '__fish_seen_subcommand_from {command.Name}' -l {option.Name.TrimStart('-')}");
                foreach (var alias in option.Aliases.Where(a => a.Length == 2))
                {
                    line.Append($" -s {alias[1]}");
                }

                line.Append($" -d '{Escape(option.Description, '\'')}'\n");
                script.Append(line);
            }
        }

        return script.ToString();
    }

    private static string Escape(string? text, char quote) =>
        (text ?? "").Replace(quote.ToString(), "'\\''", StringComparison.Ordinal);

    private static string EscapeZsh(string? text) => Escape(text, '\'').Replace(":", "\\:", StringComparison.Ordinal);
}
