CREATE TYPE "public"."assessment_method" AS ENUM('adaptive', 'smart-random');--> statement-breakpoint
CREATE TYPE "public"."assessment_state" AS ENUM('started', 'completed', 'aborted');--> statement-breakpoint
CREATE TYPE "public"."assessment_type" AS ENUM('COMPETENCE_EVALUATION', 'CAMPAIGN');--> statement-breakpoint
CREATE TYPE "public"."knowledge_element_source" AS ENUM('direct', 'inferred');--> statement-breakpoint
CREATE TYPE "public"."knowledge_element_status" AS ENUM('validated', 'invalidated', 'reset');--> statement-breakpoint
CREATE TABLE "answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"challenge_id" text NOT NULL,
	"value" jsonb,
	"result" text NOT NULL,
	"result_details" jsonb,
	"timed_out" boolean DEFAULT false NOT NULL,
	"focused_out" boolean DEFAULT false NOT NULL,
	"time_spent_seconds" integer,
	"level_up" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid,
	"type" "assessment_type" NOT NULL,
	"competence_index" text,
	"campaign_participation_id" uuid,
	"method" "assessment_method" NOT NULL,
	"state" "assessment_state" DEFAULT 'started' NOT NULL,
	"seed" text NOT NULL,
	"is_improving" boolean DEFAULT false NOT NULL,
	"checkpoints_seen" integer DEFAULT 0 NOT NULL,
	"current_challenge_id" text,
	"current_challenge_asked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "knowledge_elements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"assessment_id" uuid,
	"answer_id" uuid,
	"skill_id" text NOT NULL,
	"competence_index" text NOT NULL,
	"source" "knowledge_element_source" NOT NULL,
	"status" "knowledge_element_status" NOT NULL,
	"earned_pix" double precision DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_elements" ADD CONSTRAINT "knowledge_elements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_elements" ADD CONSTRAINT "knowledge_elements_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_elements" ADD CONSTRAINT "knowledge_elements_answer_id_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."answers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "answers_assessment_challenge" ON "answers" USING btree ("assessment_id","challenge_id");--> statement-breakpoint
CREATE INDEX "assessments_user_competence" ON "assessments" USING btree ("user_id","competence_index","created_at");--> statement-breakpoint
CREATE INDEX "assessments_participation" ON "assessments" USING btree ("campaign_participation_id");--> statement-breakpoint
CREATE INDEX "knowledge_elements_user" ON "knowledge_elements" USING btree ("user_id","competence_index","created_at");