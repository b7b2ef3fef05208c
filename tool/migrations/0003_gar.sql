CREATE TYPE "public"."gar_roster_source" AS ENUM('SIECLE', 'CSV');--> statement-breakpoint
CREATE TABLE "gar_authn_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"idp" text NOT NULL,
	"target" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gar_consumed_assertions" (
	"idp" text NOT NULL,
	"assertion_id" text NOT NULL,
	"consumed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "gar_consumed_assertions_idp_assertion_id_pk" PRIMARY KEY("idp","assertion_id")
);
--> statement-breakpoint
CREATE TABLE "gar_login_steps" (
	"id" text PRIMARY KEY NOT NULL,
	"step" text NOT NULL,
	"state" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gar_reconciliation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birthdate" date NOT NULL,
	"divisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"roster_pupil_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gar_roster_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"format" text NOT NULL,
	"imported" integer NOT NULL,
	"updated" integer NOT NULL,
	"inactivated" integer NOT NULL,
	"error_count" integer NOT NULL,
	"by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gar_roster_pupils" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"ine" text NOT NULL,
	"siecle_eleve_id" text,
	"last_name" text NOT NULL,
	"preferred_last_name" text,
	"first_name" text NOT NULL,
	"middle_name" text,
	"third_name" text,
	"sex" text,
	"birthdate" date NOT NULL,
	"birth_country_code" text,
	"birth_city_code" text,
	"birth_department_code" text,
	"birth_city" text,
	"mef_code" text,
	"status" text,
	"division" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"source" "gar_roster_source" NOT NULL,
	"user_id" uuid,
	"linked_at" timestamp with time zone,
	"imported_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"inactivated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gar_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"idp" text NOT NULL,
	"name_id" text NOT NULL,
	"name_id_format" text,
	"session_index" text,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gar_uai_choices" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"uai" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gar_reconciliation_requests" ADD CONSTRAINT "gar_reconciliation_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gar_reconciliation_requests" ADD CONSTRAINT "gar_reconciliation_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gar_reconciliation_requests" ADD CONSTRAINT "gar_reconciliation_requests_roster_pupil_id_gar_roster_pupils_id_fk" FOREIGN KEY ("roster_pupil_id") REFERENCES "public"."gar_roster_pupils"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gar_roster_imports" ADD CONSTRAINT "gar_roster_imports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gar_roster_imports" ADD CONSTRAINT "gar_roster_imports_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gar_roster_pupils" ADD CONSTRAINT "gar_roster_pupils_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gar_roster_pupils" ADD CONSTRAINT "gar_roster_pupils_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gar_sessions" ADD CONSTRAINT "gar_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gar_uai_choices" ADD CONSTRAINT "gar_uai_choices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gar_authn_requests_expires" ON "gar_authn_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "gar_consumed_assertions_expires" ON "gar_consumed_assertions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "gar_login_steps_expires" ON "gar_login_steps" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "gar_reconciliation_requests_pupil" ON "gar_reconciliation_requests" USING btree ("organization_id","user_id");--> statement-breakpoint
CREATE INDEX "gar_reconciliation_requests_status" ON "gar_reconciliation_requests" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "gar_roster_imports_organization" ON "gar_roster_imports" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gar_roster_pupils_ine" ON "gar_roster_pupils" USING btree ("organization_id","ine");--> statement-breakpoint
CREATE INDEX "gar_roster_pupils_ine_any_school" ON "gar_roster_pupils" USING btree ("ine");--> statement-breakpoint
CREATE INDEX "gar_roster_pupils_birthdate" ON "gar_roster_pupils" USING btree ("organization_id","birthdate");--> statement-breakpoint
CREATE INDEX "gar_roster_pupils_user" ON "gar_roster_pupils" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "gar_sessions_name_id" ON "gar_sessions" USING btree ("idp","name_id");--> statement-breakpoint
CREATE INDEX "gar_sessions_user" ON "gar_sessions" USING btree ("user_id");