CREATE TYPE "public"."campaign_type" AS ENUM('ASSESSMENT', 'PROFILES_COLLECTION');--> statement-breakpoint
CREATE TYPE "public"."campaign_participation_status" AS ENUM('STARTED', 'TO_SHARE', 'SHARED');--> statement-breakpoint
CREATE TABLE "campaign_participations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"user_id" uuid,
	"participant_external_id" text,
	"status" "campaign_participation_status" DEFAULT 'STARTED' NOT NULL,
	"is_improved" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shared_at" timestamp with time zone,
	"validated_skills_count" integer,
	"mastery_rate" double precision,
	"pix_score" integer,
	"competence_results" jsonb,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"type" "campaign_type" NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"landing_text" text,
	"external_id_label" text,
	"multiple_sendings" boolean DEFAULT false NOT NULL,
	"open_to_anyone" boolean DEFAULT false NOT NULL,
	"grade_per_competence" boolean DEFAULT false NOT NULL,
	"target_profile_ref" text,
	"target_profile_name" text,
	"skill_ids" jsonb NOT NULL,
	"stages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"archived_by" uuid
);
--> statement-breakpoint
CREATE TABLE "target_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tubes" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_participations" ADD CONSTRAINT "campaign_participations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participations" ADD CONSTRAINT "campaign_participations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participations" ADD CONSTRAINT "campaign_participations_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_profiles" ADD CONSTRAINT "target_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_profiles" ADD CONSTRAINT "target_profiles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_participations_campaign" ON "campaign_participations" USING btree ("campaign_id","created_at") WHERE "campaign_participations"."is_improved" = false and "campaign_participations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "campaign_participations_user" ON "campaign_participations" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_participations_current" ON "campaign_participations" USING btree ("campaign_id","user_id") WHERE "campaign_participations"."is_improved" = false and "campaign_participations"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_code" ON "campaigns" USING btree ("code");--> statement-breakpoint
CREATE INDEX "campaigns_organization" ON "campaigns" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "target_profiles_organization" ON "target_profiles" USING btree ("organization_id");