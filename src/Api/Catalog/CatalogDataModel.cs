using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Diecast.Api.Catalog;

internal sealed class CatalogDataModel : IDataModelConfiguration
{
    public void ConfigureNpgsql(NpgsqlDbContextOptionsBuilder npgsql) => npgsql.MapEnum<Genre>().MapEnum<CollectionStatus>();
}
