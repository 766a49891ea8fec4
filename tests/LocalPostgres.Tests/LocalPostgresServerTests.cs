using Npgsql;

namespace Diecast.LocalPostgres.Tests;

/// <summary>Private clusters from the installed binaries; these tests also run as root in CI, which PostgreSQL itself refuses.</summary>
public sealed class LocalPostgresServerTests : IAsyncLifetime
{
    private readonly List<string> _directories = [];
    private readonly List<LocalPostgresServer> _servers = [];

    [Fact]
    public async Task A_new_cluster_accepts_connections_on_loopback_only()
    {
        var server = await StartAsync(NewDirectory());

        Assert.Equal("127.0.0.1", await ScalarAsync(server, "postgres", "SHOW listen_addresses"));
        Assert.Equal("UTF8", await ScalarAsync(server, "postgres", "SHOW server_encoding"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var server = await StartAsync(NewDirectory());
        var builder = new NpgsqlConnectionStringBuilder(server.GetConnectionString("postgres")) { Password = "wrong" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("28P01", error.SqlState);
    }

    [Fact]
    public async Task A_second_start_attaches_to_the_running_server_and_leaves_it_running()
    {
        var directory = NewDirectory();
        var first = await StartAsync(directory);
        var second = await StartAsync(directory);

        Assert.Equal(first.Port, second.Port);
        await second.StopAsync();
        Assert.Equal("1", await ScalarAsync(first, "postgres", "SELECT 1"));
    }

    [Fact]
    public async Task The_server_runs_until_its_last_holder_stops_whoever_started_it()
    {
        var directory = NewDirectory();
        var starter = await StartAsync(directory);
        var attached = await StartAsync(directory);

        // The process that started the server stops first (an API shutting down while its replacement starts): the
        // server stays up for the one that attached, which used to be left on a server that then stopped.
        await starter.StopAsync();
        Assert.Equal("1", await ScalarAsync(attached, "postgres", "SELECT 1"));

        await attached.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => ScalarAsync(attached, "postgres", "SELECT 1"));
    }

    [Fact]
    public async Task A_holder_whose_process_died_does_not_keep_the_server_running()
    {
        var directory = NewDirectory();
        var server = await StartAsync(directory);
        // A holder left by a process killed without stopping: its pid no longer runs.
        using (var gone = System.Diagnostics.Process.Start("true")!)
        {
            await gone.WaitForExitAsync();
            await File.WriteAllBytesAsync(Path.Combine(server.DataDirectory, "holders", $"{gone.Id}-{Guid.NewGuid():N}"), []);
        }

        await server.StopAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => ScalarAsync(server, "postgres", "SELECT 1"));
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDirectory, "holders")));
    }

    [Fact]
    public async Task A_start_racing_the_last_holders_stop_always_ends_on_a_running_server()
    {
        var directory = NewDirectory();
        for (var round = 0; round < 3; round++)
        {
            var leaving = await StartAsync(directory);

            // Either the start attaches first (and the stop then leaves the server up) or the stop finishes first (and
            // the start brings the server up again): never a start attached to a server that is being stopped.
            var starting = StartAsync(directory);
            await Task.WhenAll(leaving.StopAsync(), starting);
            var arrived = await starting;

            Assert.Equal("1", await ScalarAsync(arrived, "postgres", "SELECT 1"));
            await arrived.StopAsync();
        }
    }

    [Fact]
    public async Task A_restarted_cluster_keeps_its_data()
    {
        var directory = NewDirectory();
        var server = await StartAsync(directory);
        await server.CreateDatabaseAsync("shop");
        await ScalarAsync(server, "shop", "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42); SELECT 1");
        await server.StopAsync();

        var restarted = await StartAsync(directory);

        Assert.Equal("42", await ScalarAsync(restarted, "shop", "SELECT id FROM kept"));
    }

    [Fact]
    public async Task Clusters_in_different_folders_run_side_by_side()
    {
        var servers = await Task.WhenAll(StartAsync(NewDirectory()), StartAsync(NewDirectory()));

        Assert.NotEqual(servers[0].Port, servers[1].Port);
        Assert.All(servers, s => Assert.Equal("1", ScalarAsync(s, "postgres", "SELECT 1").GetAwaiter().GetResult()));
    }

    [Fact]
    public async Task A_database_can_be_created_once_and_copied_from_a_template()
    {
        var server = await StartAsync(NewDirectory());
        await server.CreateDatabaseAsync("template_shop");
        await server.CreateDatabaseAsync("template_shop");
        await ScalarAsync(server, "template_shop", "CREATE TABLE products (name text); INSERT INTO products VALUES ('Zonda R'); SELECT 1");
        NpgsqlConnection.ClearAllPools();

        await server.CreateDatabaseAsync("copy \"quoted\"", template: "template_shop");

        Assert.Equal("Zonda R", await ScalarAsync(server, "copy \"quoted\"", "SELECT name FROM products"));
    }

    [Fact]
    public async Task The_superuser_password_is_readable_by_its_owner_only()
    {
        var server = await StartAsync(NewDirectory());
        var mode = File.GetUnixFileMode(Path.Combine(server.DataDirectory, "superuser-password"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task A_folder_the_server_cannot_reach_as_root_moves_to_a_reachable_one()
    {
        var privateParent = NewDirectory();
        Directory.CreateDirectory(privateParent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var requested = Path.Combine(privateParent, "postgres");

        var server = await StartAsync(requested);
        _directories.Add(server.DataDirectory);

        if (Environment.UserName == "root")
        {
            // The service user cannot enter a root-only folder: the cluster lives in /var/tmp instead.
            Assert.StartsWith("/var/tmp/diecast-postgres-", server.DataDirectory, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(requested, server.DataDirectory);
        }

        Assert.Equal("1", await ScalarAsync(server, "postgres", "SELECT 1"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.StopAsync();
        }

        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"diecast-localpg-{Guid.NewGuid():N}");
        _directories.Add(directory);
        return directory;
    }

    private async Task<LocalPostgresServer> StartAsync(string directory)
    {
        var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = directory, Durable = false });
        _servers.Add(server);
        return server;
    }

    private static async Task<string?> ScalarAsync(LocalPostgresServer server, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(server.GetConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
