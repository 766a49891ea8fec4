using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diecast.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class RazorpayOrderClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "razorpay_order_requested_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            // Orders from before claims may have had an attempt whose answer was lost: their next attempt asks Razorpay by
            // receipt first, as any retry does.
            migrationBuilder.Sql("UPDATE orders SET razorpay_order_requested_at = created_at WHERE razorpay_order_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "razorpay_order_requested_at",
                table: "orders");
        }
    }
}
