using System.Diagnostics;

namespace Diecast.LocalPostgres;

/// <summary>
/// Runs PostgreSQL's programs as the current user, or, when the current user is root, as an unprivileged
/// service user through <c>runuser</c>: PostgreSQL refuses to run as root.
/// </summary>
internal sealed class ProcessRunner
{
    private readonly string? _serviceUser;

    private ProcessRunner(string? serviceUser) => _serviceUser = serviceUser;

    public static ProcessRunner ForCurrentUser(string serviceUser) =>
        new(Environment.UserName == "root" ? serviceUser : null);

    public async Task EnsureServiceUserExistsAsync(CancellationToken cancellationToken)
    {
        if (_serviceUser is null)
        {
            return;
        }

        var (exists, _) = await RunDirectAsync("id", ["-u", _serviceUser], cancellationToken);
        if (exists == 0)
        {
            return;
        }

        var (exitCode, output) = await RunDirectAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _serviceUser], cancellationToken);
        if (exitCode != 0)
        {
            throw new LocalPostgresException($"Could not create the PostgreSQL service user '{_serviceUser}': {output}");
        }
    }

    /// <summary>Makes the folder the service user's and checks that the service user can really write there.</summary>
    public async Task<bool> CanServiceUserWriteAsync(string directory, CancellationToken cancellationToken)
    {
        if (_serviceUser is null)
        {
            return true;
        }

        await GiveToServiceUserAsync(directory, cancellationToken);
        var (exitCode, _) = await RunAsync("test", ["-w", directory, "-a", "-x", directory], cancellationToken);
        return exitCode == 0;
    }

    public async Task GiveToServiceUserAsync(string path, CancellationToken cancellationToken)
    {
        if (_serviceUser is null)
        {
            return;
        }

        var (exitCode, output) = await RunDirectAsync("chown", [_serviceUser, path], cancellationToken);
        if (exitCode != 0)
        {
            throw new LocalPostgresException($"Could not give {path} to '{_serviceUser}': {output}");
        }
    }

    /// <summary>Runs a PostgreSQL program (or another command) as the service user.</summary>
    public Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        program = PostgresBinaries.Resolve(program);
        return _serviceUser is null
            ? RunDirectAsync(program, arguments, cancellationToken)
            : RunDirectAsync("runuser", ["-u", _serviceUser, "--", program, .. arguments], cancellationToken);
    }

    private static async Task<(int ExitCode, string Output)> RunDirectAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server inherits the working folder; "/" is reachable by every user.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new LocalPostgresException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output + await error).Trim());
    }
}
