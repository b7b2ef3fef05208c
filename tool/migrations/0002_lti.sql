CREATE TYPE "public"."lti_key_purpose" AS ENUM('tool', 'demo-platform');--> statement-breakpoint
CREATE TYPE "public"."lti_key_status" AS ENUM('active', 'previous', 'retired');--> statement-breakpoint
CREATE TYPE "public"."lti_platform_status" AS ENUM('active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."lti_registration_kind" AS ENUM('manual', 'dynamic', 'demo');--> statement-breakpoint
CREATE TYPE "public"."lti_score_status" AS ENUM('pending', 'delivered', 'superseded', 'failed');--> statement-breakpoint
CREATE TABLE "lti_access_tokens" (
	"platform_id" uuid NOT NULL,
	"scope_key" text NOT NULL,
	"token_sealed" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lti_access_tokens_platform_id_scope_key_pk" PRIMARY KEY("platform_id","scope_key")
);
--> statement-breakpoint
CREATE TABLE "lti_deployment_organizations" (
	"deployment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "lti_deployment_organizations_deployment_id_organization_id_pk" PRIMARY KEY("deployment_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "lti_deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"deployment_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lti_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"purpose" "lti_key_purpose" NOT NULL,
	"status" "lti_key_status" NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lti_launch_states" (
	"state" text PRIMARY KEY NOT NULL,
	"platform_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"target_link_uri" text NOT NULL,
	"browser_binding_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lti_line_items" (
	"resource_link_id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"score_maximum" double precision,
	"label" text,
	"resource_id" text,
	"tag" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lti_link_launches" (
	"resource_link_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"role" "membership_role" NOT NULL,
	"first_launch_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_launch_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_link_launches_resource_link_id_user_id_pk" PRIMARY KEY("resource_link_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "lti_platform_organizations" (
	"platform_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "lti_platform_organizations_platform_id_organization_id_pk" PRIMARY KEY("platform_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "lti_platforms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"status" "lti_platform_status" DEFAULT 'active' NOT NULL,
	"registration" "lti_registration_kind" NOT NULL,
	"auth_url" text NOT NULL,
	"token_url" text NOT NULL,
	"authorization_server" text,
	"jwks_url" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"platform_configuration" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lti_resource_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"deployment_id" text NOT NULL,
	"resource_link_id" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid,
	"context_id" text,
	"title" text DEFAULT '' NOT NULL,
	"target" text,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ags_line_items_url" text,
	"ags_line_item_url" text,
	"ags_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"nrps_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lti_score_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resource_link_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"score" jsonb NOT NULL,
	"status" "lti_score_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lti_used_nonces" (
	"platform_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lti_used_nonces_platform_id_nonce_pk" PRIMARY KEY("platform_id","nonce")
);
--> statement-breakpoint
ALTER TABLE "lti_access_tokens" ADD CONSTRAINT "lti_access_tokens_platform_id_lti_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."lti_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_deployment_organizations" ADD CONSTRAINT "lti_deployment_organizations_deployment_id_lti_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."lti_deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_deployment_organizations" ADD CONSTRAINT "lti_deployment_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_deployments" ADD CONSTRAINT "lti_deployments_platform_id_lti_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."lti_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_launch_states" ADD CONSTRAINT "lti_launch_states_platform_id_lti_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."lti_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_line_items" ADD CONSTRAINT "lti_line_items_resource_link_id_lti_resource_links_id_fk" FOREIGN KEY ("resource_link_id") REFERENCES "public"."lti_resource_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_link_launches" ADD CONSTRAINT "lti_link_launches_resource_link_id_lti_resource_links_id_fk" FOREIGN KEY ("resource_link_id") REFERENCES "public"."lti_resource_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_link_launches" ADD CONSTRAINT "lti_link_launches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_platform_organizations" ADD CONSTRAINT "lti_platform_organizations_platform_id_lti_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."lti_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_platform_organizations" ADD CONSTRAINT "lti_platform_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_platform_id_lti_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."lti_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_score_outbox" ADD CONSTRAINT "lti_score_outbox_resource_link_id_lti_resource_links_id_fk" FOREIGN KEY ("resource_link_id") REFERENCES "public"."lti_resource_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_score_outbox" ADD CONSTRAINT "lti_score_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_used_nonces" ADD CONSTRAINT "lti_used_nonces_platform_id_lti_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."lti_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lti_deployments_key" ON "lti_deployments" USING btree ("platform_id","deployment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lti_keys_one_active" ON "lti_keys" USING btree ("purpose") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "lti_launch_states_expires" ON "lti_launch_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "lti_link_launches_user" ON "lti_link_launches" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lti_platforms_issuer_client" ON "lti_platforms" USING btree ("issuer","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lti_resource_links_key" ON "lti_resource_links" USING btree ("platform_id","resource_link_id");--> statement-breakpoint
CREATE INDEX "lti_resource_links_target" ON "lti_resource_links" USING btree ("target");--> statement-breakpoint
CREATE INDEX "lti_score_outbox_due" ON "lti_score_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "lti_score_outbox_link_user" ON "lti_score_outbox" USING btree ("resource_link_id","user_id");--> statement-breakpoint
CREATE INDEX "lti_used_nonces_expires" ON "lti_used_nonces" USING btree ("expires_at");