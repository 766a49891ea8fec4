using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diecast.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogIndexesCoverProductsOnSale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_products_brand_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_created_at_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_featured",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_genre_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_name_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_price_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_scale_id",
                table: "products");

            migrationBuilder.CreateIndex(
                name: "ix_products_brand_id",
                table: "products",
                columns: new[] { "brand", "id" },
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_products_created_at_id",
                table: "products",
                columns: new[] { "created_at", "id" },
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_products_featured",
                table: "products",
                column: "id",
                filter: "is_featured AND archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_products_genre_id",
                table: "products",
                columns: new[] { "genre", "id" },
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_products_name_id",
                table: "products",
                columns: new[] { "name", "id" },
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_products_price_id",
                table: "products",
                columns: new[] { "price", "id" },
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_products_scale_id",
                table: "products",
                columns: new[] { "scale", "id" },
                filter: "archived_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_products_brand_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_created_at_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_featured",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_genre_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_name_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_price_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_scale_id",
                table: "products");

            migrationBuilder.CreateIndex(
                name: "ix_products_brand_id",
                table: "products",
                columns: new[] { "brand", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_created_at_id",
                table: "products",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_featured",
                table: "products",
                column: "id",
                filter: "is_featured");

            migrationBuilder.CreateIndex(
                name: "ix_products_genre_id",
                table: "products",
                columns: new[] { "genre", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_name_id",
                table: "products",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_price_id",
                table: "products",
                columns: new[] { "price", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_scale_id",
                table: "products",
                columns: new[] { "scale", "id" });
        }
    }
}
