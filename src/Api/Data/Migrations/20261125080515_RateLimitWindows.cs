using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diecast.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class RateLimitWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rate_limit_windows",
                columns: table => new
                {
                    partition_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    window_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    hits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rate_limit_windows", x => x.partition_key);
                })
                .Annotation("Npgsql:UnloggedTable", true);

            migrationBuilder.CreateIndex(
                name: "ix_rate_limit_windows_window_start",
                table: "rate_limit_windows",
                column: "window_start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rate_limit_windows");
        }
    }
}
