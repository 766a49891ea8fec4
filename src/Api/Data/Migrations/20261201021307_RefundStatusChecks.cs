using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diecast.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class RefundStatusChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "status_checked_at",
                table: "refunds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_refunds_pending",
                table: "refunds",
                column: "updated_at",
                filter: "status = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_refunds_pending",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "status_checked_at",
                table: "refunds");
        }
    }
}
