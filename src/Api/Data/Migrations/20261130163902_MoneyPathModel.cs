using System;
using Diecast.Api.Orders;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Diecast.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class MoneyPathModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:collection_status", "available,pre_order,retired,sold_out")
                .Annotation("Npgsql:Enum:fulfilment_status", "delivered,fulfilling,shipped,unfulfilled")
                .Annotation("Npgsql:Enum:genre", "classic,concept,jdm,movie_tv,muscle,off_road,racing,rally,supercar")
                .Annotation("Npgsql:Enum:order_status", "cancelled,delivered,fulfilling,paid,pending_payment,refunded,shipped")
                .Annotation("Npgsql:Enum:payment_status", "authorized,awaiting_payment,expired,failed,paid,partially_refunded,refunded,voided")
                .Annotation("Npgsql:Enum:reservation_status", "held,none,released,sold")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:Enum:collection_status", "available,pre_order,retired,sold_out")
                .OldAnnotation("Npgsql:Enum:genre", "classic,concept,jdm,movie_tv,muscle,off_road,racing,rally,supercar")
                .OldAnnotation("Npgsql:Enum:order_status", "cancelled,delivered,fulfilling,paid,pending_payment,refunded,shipped")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<decimal>(
                name: "amount_paid",
                table: "orders",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "amount_refunded",
                table: "orders",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateTime>(
                name: "cancelled_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<FulfilmentStatus>(
                name: "fulfilment_status",
                table: "orders",
                type: "fulfilment_status",
                nullable: false,
                defaultValue: FulfilmentStatus.Unfulfilled);

            migrationBuilder.AddColumn<DateTime>(
                name: "hold_expires_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "orders",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "needs_attention",
                table: "orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "paid_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "payment_checked_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<PaymentStatus>(
                name: "payment_status",
                table: "orders",
                type: "payment_status",
                nullable: false,
                defaultValue: PaymentStatus.AwaitingPayment);

            migrationBuilder.AddColumn<ReservationStatus>(
                name: "reservation_status",
                table: "orders",
                type: "reservation_status",
                nullable: false,
                defaultValue: ReservationStatus.None);

            // The old status moves into the two dimensions; then status becomes what PostgreSQL derives from them.
            migrationBuilder.Sql("""
                UPDATE orders SET
                    payment_status = CASE status
                        WHEN 'pending_payment' THEN 'awaiting_payment'::payment_status
                        WHEN 'cancelled' THEN 'voided'::payment_status
                        WHEN 'refunded' THEN 'refunded'::payment_status
                        ELSE 'paid'::payment_status END,
                    fulfilment_status = CASE status
                        WHEN 'fulfilling' THEN 'fulfilling'::fulfilment_status
                        WHEN 'shipped' THEN 'shipped'::fulfilment_status
                        WHEN 'delivered' THEN 'delivered'::fulfilment_status
                        ELSE 'unfulfilled'::fulfilment_status END,
                    cancelled_at = CASE WHEN status = 'cancelled' THEN updated_at END,
                    amount_paid = CASE WHEN status IN ('pending_payment', 'cancelled') THEN 0 ELSE total END,
                    amount_refunded = CASE WHEN status = 'refunded' THEN total ELSE 0 END,
                    paid_at = CASE WHEN status IN ('pending_payment', 'cancelled') THEN NULL ELSE created_at END;
                """);
            migrationBuilder.DropIndex(name: "ix_orders_status_id", table: "orders");
            migrationBuilder.DropColumn(name: "status", table: "orders");
            migrationBuilder.AddColumn<OrderStatus>(
                name: "status",
                table: "orders",
                type: "order_status",
                nullable: false,
                computedColumnSql: OrderStatuses.OverallSql,
                stored: true);
            migrationBuilder.CreateIndex(name: "ix_orders_status_id", table: "orders", columns: new[] { "status", "id" });

            migrationBuilder.CreateTable(
                name: "order_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    actor = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    actor_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_events_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""
                INSERT INTO order_events (order_id, occurred_at, actor, kind, message)
                SELECT id, created_at, 'System', 'Placed', 'Imported from the status before the payment/fulfilment split: ' || upper(status::text) || '.'
                FROM orders;
                """);

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<int>(type: "integer", nullable: false),
                    razorpay_payment_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    razorpay_order_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    method = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    error_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    error_description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    captured_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "razorpay_webhook_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(60)", maxLength: 60, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    processed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_razorpay_webhook_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<int>(type: "integer", nullable: false),
                    razorpay_payment_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    razorpay_refund_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    restock = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refunds", x => x.id);
                    table.CheckConstraint("ck_refunds_amount_positive", "amount > 0");
                    table.ForeignKey(
                        name: "fk_refunds_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_orders_awaiting_reconciliation",
                table: "orders",
                column: "payment_checked_at",
                filter: "razorpay_order_id IS NOT NULL AND payment_status IN ('awaiting_payment', 'authorized', 'failed', 'expired')");

            migrationBuilder.CreateIndex(
                name: "ix_orders_awaiting_expiry",
                table: "orders",
                column: "hold_expires_at",
                filter: "hold_expires_at IS NOT NULL AND cancelled_at IS NULL AND payment_status IN ('awaiting_payment', 'failed')");

            migrationBuilder.CreateIndex(
                name: "ix_orders_idempotency_key",
                table: "orders",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_orders_hold_has_expiry",
                table: "orders",
                sql: "reservation_status <> 'held' OR hold_expires_at IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_orders_money_within_total",
                table: "orders",
                sql: "amount_paid >= 0 AND amount_refunded >= 0 AND amount_refunded <= amount_paid");

            migrationBuilder.CreateIndex(
                name: "ix_order_events_order_id_id",
                table: "order_events",
                columns: new[] { "order_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_order_id",
                table: "payments",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_razorpay_payment_id",
                table: "payments",
                column: "razorpay_payment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_razorpay_webhook_events_event_id",
                table: "razorpay_webhook_events",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_razorpay_webhook_events_pending",
                table: "razorpay_webhook_events",
                column: "next_attempt_at",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_order_id",
                table: "refunds",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_razorpay_refund_id",
                table: "refunds",
                column: "razorpay_refund_id",
                unique: true);

            // The stock audit keeps its rows: stock_adjustments becomes stock_movements, each old row an admin's Adjustment.
            migrationBuilder.Sql("""
                ALTER TABLE stock_adjustments RENAME TO stock_movements;
                ALTER TABLE stock_movements RENAME COLUMN adjusted_by TO actor;
                ALTER TABLE stock_movements RENAME COLUMN adjusted_at TO occurred_at;
                ALTER TABLE stock_movements ALTER COLUMN actor TYPE character varying(120);
                ALTER TABLE stock_movements ADD COLUMN kind character varying(20) NOT NULL DEFAULT 'Adjustment';
                ALTER TABLE stock_movements ALTER COLUMN kind DROP DEFAULT;
                ALTER TABLE stock_movements ADD COLUMN order_id integer NULL;
                ALTER TABLE stock_movements RENAME CONSTRAINT pk_stock_adjustments TO pk_stock_movements;
                ALTER TABLE stock_movements RENAME CONSTRAINT fk_stock_adjustments_products_product_id TO fk_stock_movements_products_product_id;
                ALTER TABLE stock_movements DROP CONSTRAINT ck_stock_adjustments_delta_not_zero;
                ALTER TABLE stock_movements ADD CONSTRAINT ck_stock_movements_delta CHECK (delta <> 0 OR kind = 'Sale');
                ALTER TABLE stock_movements ADD CONSTRAINT fk_stock_movements_order_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT;
                ALTER INDEX ix_stock_adjustments_product_id_adjusted_at RENAME TO ix_stock_movements_product_id_occurred_at;
                ALTER SEQUENCE IF EXISTS stock_adjustments_id_seq RENAME TO stock_movements_id_seq;
                CREATE INDEX ix_stock_movements_order_id ON stock_movements (order_id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one status column (the overall status is what it held), and to the admins' stock adjustments only:
            // order movements, the timeline, payments, refunds and the webhook inbox have no place before this migration.
            migrationBuilder.Sql("""
                DELETE FROM stock_movements WHERE kind <> 'Adjustment';
                DROP INDEX ix_stock_movements_order_id;
                ALTER TABLE stock_movements DROP CONSTRAINT fk_stock_movements_order_order_id;
                ALTER TABLE stock_movements DROP CONSTRAINT ck_stock_movements_delta;
                ALTER TABLE stock_movements DROP COLUMN order_id;
                ALTER TABLE stock_movements DROP COLUMN kind;
                ALTER TABLE stock_movements ADD CONSTRAINT ck_stock_adjustments_delta_not_zero CHECK (delta <> 0);
                ALTER INDEX ix_stock_movements_product_id_occurred_at RENAME TO ix_stock_adjustments_product_id_adjusted_at;
                ALTER TABLE stock_movements RENAME CONSTRAINT fk_stock_movements_products_product_id TO fk_stock_adjustments_products_product_id;
                ALTER TABLE stock_movements RENAME CONSTRAINT pk_stock_movements TO pk_stock_adjustments;
                ALTER TABLE stock_movements ALTER COLUMN actor TYPE character varying(100);
                ALTER TABLE stock_movements RENAME COLUMN occurred_at TO adjusted_at;
                ALTER TABLE stock_movements RENAME COLUMN actor TO adjusted_by;
                ALTER TABLE stock_movements RENAME TO stock_adjustments;
                ALTER SEQUENCE IF EXISTS stock_movements_id_seq RENAME TO stock_adjustments_id_seq;

                ALTER TABLE orders ADD COLUMN status_before order_status;
                UPDATE orders SET status_before = status;
                DROP INDEX ix_orders_status_id;
                ALTER TABLE orders DROP COLUMN status;
                ALTER TABLE orders RENAME COLUMN status_before TO status;
                ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                CREATE INDEX ix_orders_status_id ON orders (status, id);
                """);

            migrationBuilder.DropTable(name: "order_events");
            migrationBuilder.DropTable(name: "payments");
            migrationBuilder.DropTable(name: "razorpay_webhook_events");
            migrationBuilder.DropTable(name: "refunds");
            migrationBuilder.DropIndex(name: "ix_orders_awaiting_reconciliation", table: "orders");
            migrationBuilder.DropIndex(name: "ix_orders_awaiting_expiry", table: "orders");
            migrationBuilder.DropIndex(name: "ix_orders_idempotency_key", table: "orders");
            migrationBuilder.DropCheckConstraint(name: "ck_orders_hold_has_expiry", table: "orders");
            migrationBuilder.DropCheckConstraint(name: "ck_orders_money_within_total", table: "orders");
            foreach (var column in new[]
            {
                "amount_paid", "amount_refunded", "cancelled_at", "fulfilment_status", "hold_expires_at", "idempotency_key",
                "needs_attention", "paid_at", "payment_checked_at", "payment_status", "reservation_status",
            })
            {
                migrationBuilder.DropColumn(name: column, table: "orders");
            }

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:collection_status", "available,pre_order,retired,sold_out")
                .Annotation("Npgsql:Enum:genre", "classic,concept,jdm,movie_tv,muscle,off_road,racing,rally,supercar")
                .Annotation("Npgsql:Enum:order_status", "cancelled,delivered,fulfilling,paid,pending_payment,refunded,shipped")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:Enum:collection_status", "available,pre_order,retired,sold_out")
                .OldAnnotation("Npgsql:Enum:fulfilment_status", "delivered,fulfilling,shipped,unfulfilled")
                .OldAnnotation("Npgsql:Enum:genre", "classic,concept,jdm,movie_tv,muscle,off_road,racing,rally,supercar")
                .OldAnnotation("Npgsql:Enum:order_status", "cancelled,delivered,fulfilling,paid,pending_payment,refunded,shipped")
                .OldAnnotation("Npgsql:Enum:payment_status", "authorized,awaiting_payment,expired,failed,paid,partially_refunded,refunded,voided")
                .OldAnnotation("Npgsql:Enum:reservation_status", "held,none,released,sold")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
