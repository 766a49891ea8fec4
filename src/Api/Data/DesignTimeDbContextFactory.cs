using Microsoft.EntityFrameworkCore.Design;

namespace Diecast.Api.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the app or a database.
/// The connection string is never opened by that command.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DiecastDbContext>
{
    public DiecastDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DiecastDbContext>();
        DataRegistration.ConfigureDbContext(options, "Host=127.0.0.1;Database=diecast_design_time");
        return new DiecastDbContext(options.Options);
    }
}
