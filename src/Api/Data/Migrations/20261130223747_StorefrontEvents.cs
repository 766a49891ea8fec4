using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diecast.Api.Data.Migrations
{
    /// <summary>
    /// Triggers that announce committed changes the storefronts show, on the channel <c>diecast_storefront</c>, for the
    /// API to relay to their caches (see <c>src/Api/Storefront</c>). NOTIFY is transactional: a rolled-back write
    /// announces nothing, a committed one is announced after its commit. Statement-level triggers with transition
    /// tables, so a statement touching many rows sends one notification (PostgreSQL also folds identical ones within a
    /// transaction).
    /// </summary>
    public partial class StorefrontEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- card: the slugs whose change shows wherever the product appears (listings, home, related products);
                -- page: the slugs whose change shows on the product's own page only. A payload that would not fit
                -- NOTIFY's 8000 bytes becomes "everything changed".
                CREATE FUNCTION storefront_notify_products(card text[], page text[]) RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    payload text;
                BEGIN
                    IF coalesce(cardinality(card), 0) + coalesce(cardinality(page), 0) = 0 THEN
                        RETURN;
                    END IF;
                    payload := json_build_object('kind', 'product', 'card', coalesce(card, '{}'), 'page', coalesce(page, '{}'))::text;
                    IF octet_length(payload) > 7000 THEN
                        payload := '{"kind":"all"}';
                    END IF;
                    PERFORM pg_notify('diecast_storefront', payload);
                END $$;

                -- Stock shows as "only N left" at 5 or fewer (Product.fewLeft, ProductGraphType.FewLeftThreshold) and as sold
                -- out at 0, so a change above 5 on both sides shows nowhere and announces nothing: ordinary sales of a
                -- well-stocked model do not empty the caches.
                CREATE FUNCTION storefront_products_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    card text[];
                    page text[];
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(slug) INTO card FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(slug) INTO card FROM old_rows;
                    ELSE
                        SELECT array_agg(DISTINCT s) INTO card FROM (
                            SELECT unnest(ARRAY[o.slug, n.slug]) AS s
                            FROM old_rows o JOIN new_rows n ON n.id = o.id
                            WHERE (o.slug, o.name, o.brand, o.scale, o.genre, o.status, o.price, o.images, o.is_featured, o.archived_at, o.created_at)
                                  IS DISTINCT FROM (n.slug, n.name, n.brand, n.scale, n.genre, n.status, n.price, n.images, n.is_featured, n.archived_at, n.created_at)
                               OR (o.stock_quantity <> n.stock_quantity AND least(o.stock_quantity, n.stock_quantity) <= 5)) changed;
                        SELECT array_agg(n.slug) INTO page
                        FROM old_rows o JOIN new_rows n ON n.id = o.id
                        WHERE (o.make, o.model, o.year, o.description, o.video_url, o.video_media_file_id)
                              IS DISTINCT FROM (n.make, n.model, n.year, n.description, n.video_url, n.video_media_file_id);
                    END IF;
                    PERFORM storefront_notify_products(card, page);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER storefront_products_inserted AFTER INSERT ON products
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_products_changed();
                CREATE TRIGGER storefront_products_updated AFTER UPDATE ON products
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_products_changed();
                CREATE TRIGGER storefront_products_deleted AFTER DELETE ON products
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_products_changed();

                -- A picture added, removed, reordered or re-described changes the product's cards (the first picture) and page.
                CREATE FUNCTION storefront_product_images_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    card text[];
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(p.slug) INTO card FROM products p WHERE p.id IN (SELECT product_id FROM new_rows);
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(p.slug) INTO card FROM products p WHERE p.id IN (SELECT product_id FROM old_rows);
                    ELSE
                        SELECT array_agg(p.slug) INTO card FROM products p
                        WHERE p.id IN (SELECT product_id FROM old_rows UNION SELECT product_id FROM new_rows);
                    END IF;
                    PERFORM storefront_notify_products(card, NULL);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER storefront_product_images_inserted AFTER INSERT ON product_images
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_product_images_changed();
                CREATE TRIGGER storefront_product_images_updated AFTER UPDATE ON product_images
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_product_images_changed();
                CREATE TRIGGER storefront_product_images_deleted AFTER DELETE ON product_images
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_product_images_changed();

                -- Only entries that are or were published show anywhere: editing a draft announces nothing (and never its slug).
                CREATE FUNCTION storefront_journal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    shown boolean;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        shown := EXISTS (SELECT 1 FROM new_rows WHERE is_published);
                    ELSIF TG_OP = 'DELETE' THEN
                        shown := EXISTS (SELECT 1 FROM old_rows WHERE is_published);
                    ELSE
                        shown := EXISTS (SELECT 1 FROM old_rows WHERE is_published) OR EXISTS (SELECT 1 FROM new_rows WHERE is_published);
                    END IF;
                    IF shown THEN
                        PERFORM pg_notify('diecast_storefront', '{"kind":"journal"}');
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER storefront_journal_inserted AFTER INSERT ON journal_entries
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_journal_changed();
                CREATE TRIGGER storefront_journal_updated AFTER UPDATE ON journal_entries
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_journal_changed();
                CREATE TRIGGER storefront_journal_deleted AFTER DELETE ON journal_entries
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_journal_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER storefront_journal_deleted ON journal_entries;
                DROP TRIGGER storefront_journal_updated ON journal_entries;
                DROP TRIGGER storefront_journal_inserted ON journal_entries;
                DROP FUNCTION storefront_journal_changed();
                DROP TRIGGER storefront_product_images_deleted ON product_images;
                DROP TRIGGER storefront_product_images_updated ON product_images;
                DROP TRIGGER storefront_product_images_inserted ON product_images;
                DROP FUNCTION storefront_product_images_changed();
                DROP TRIGGER storefront_products_deleted ON products;
                DROP TRIGGER storefront_products_updated ON products;
                DROP TRIGGER storefront_products_inserted ON products;
                DROP FUNCTION storefront_products_changed();
                DROP FUNCTION storefront_notify_products(text[], text[]);
                """);
        }
    }
}
