CREATE TABLE "lti_tagged_line_items" (
	"resource_link_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_tagged_line_items_resource_link_id_tag_pk" PRIMARY KEY("resource_link_id","tag")
);
--> statement-breakpoint
ALTER TABLE "lti_score_outbox" ADD COLUMN "line_item_tag" text;--> statement-breakpoint
ALTER TABLE "lti_score_outbox" ADD COLUMN "line_item_label" text;--> statement-breakpoint
ALTER TABLE "lti_tagged_line_items" ADD CONSTRAINT "lti_tagged_line_items_resource_link_id_lti_resource_links_id_fk" FOREIGN KEY ("resource_link_id") REFERENCES "public"."lti_resource_links"("id") ON DELETE cascade ON UPDATE no action;