using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Diecast.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchAndDataProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:collection_status", "available,pre_order,retired,sold_out")
                .Annotation("Npgsql:Enum:genre", "classic,concept,jdm,movie_tv,muscle,off_road,racing,rally,supercar")
                .Annotation("Npgsql:Enum:order_status", "cancelled,delivered,fulfilling,paid,pending_payment,refunded,shipped")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:Enum:collection_status", "available,pre_order,retired,sold_out")
                .OldAnnotation("Npgsql:Enum:genre", "classic,concept,jdm,movie_tv,muscle,off_road,racing,rally,supercar")
                .OldAnnotation("Npgsql:Enum:order_status", "cancelled,delivered,fulfilling,paid,pending_payment,refunded,shipped");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "products",
                type: "tsvector",
                nullable: false)
                .Annotation("Npgsql:TsVectorConfig", "english")
                .Annotation("Npgsql:TsVectorProperties", new[] { "name", "brand", "make", "model", "description" });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_products_brand_trgm",
                table: "products",
                column: "brand")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_products_name_trgm",
                table: "products",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_products_search_vector",
                table: "products",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropIndex(
                name: "ix_products_brand_trgm",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_name_trgm",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_search_vector",
                table: "products");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "products");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:collection_status", "available,pre_order,retired,sold_out")
                .Annotation("Npgsql:Enum:genre", "classic,concept,jdm,movie_tv,muscle,off_road,racing,rally,supercar")
                .Annotation("Npgsql:Enum:order_status", "cancelled,delivered,fulfilling,paid,pending_payment,refunded,shipped")
                .OldAnnotation("Npgsql:Enum:collection_status", "available,pre_order,retired,sold_out")
                .OldAnnotation("Npgsql:Enum:genre", "classic,concept,jdm,movie_tv,muscle,off_road,racing,rally,supercar")
                .OldAnnotation("Npgsql:Enum:order_status", "cancelled,delivered,fulfilling,paid,pending_payment,refunded,shipped")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
