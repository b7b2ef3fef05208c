CREATE TYPE "public"."campaign_shared_total_kind" AS ENUM('COMPETENCE', 'TUBE');--> statement-breakpoint
CREATE TABLE "campaign_shared_totals" (
	"campaign_id" uuid NOT NULL,
	"kind" "campaign_shared_total_kind" NOT NULL,
	"key" text NOT NULL,
	"targeted" integer DEFAULT 0 NOT NULL,
	"validated" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_shared_totals_campaign_id_kind_key_pk" PRIMARY KEY("campaign_id","kind","key")
);
--> statement-breakpoint
ALTER TABLE "campaign_shared_totals" ADD CONSTRAINT "campaign_shared_totals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill: the totals of the participations already shared, from the results frozen at share time.
INSERT INTO "campaign_shared_totals" ("campaign_id", "kind", "key", "targeted", "validated")
SELECT p."campaign_id", k."kind"::"campaign_shared_total_kind", e."key", sum((e."value"->>'targeted')::int), sum((e."value"->>'validated')::int)
FROM "campaign_participations" p
CROSS JOIN LATERAL (VALUES ('COMPETENCE', 'competences'), ('TUBE', 'tubes')) AS k("kind", "field")
CROSS JOIN LATERAL jsonb_each(p."competence_results" -> k."field") AS e
WHERE p."status" = 'SHARED' AND p."is_improved" = false AND p."deleted_at" IS NULL AND p."competence_results" IS NOT NULL
GROUP BY p."campaign_id", k."kind", e."key";
