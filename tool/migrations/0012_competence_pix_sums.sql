CREATE TABLE "competence_pix_sums" (
	"user_id" uuid NOT NULL,
	"competence_index" text NOT NULL,
	"earned_pix" double precision NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "competence_pix_sums_user_id_competence_index_pk" PRIMARY KEY("user_id","competence_index")
);
--> statement-breakpoint
ALTER TABLE "competence_pix_sums" ADD CONSTRAINT "competence_pix_sums_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Keeps competence_pix_sums in step with the append-only knowledge elements, before each row goes in (so elements
-- appended by one statement are taken in turn, each seeing the ones before it). A new element is current when no
-- element of that learner and skill is later (created_at, then id, like the read model); it then replaces the
-- previous current one in its competence's sum. The per-learner advisory lock makes two transactions appending
-- for one learner take turns, so the second sees the first's element as the previous one (never counted twice).
CREATE FUNCTION "competence_pix_sums_on_knowledge_element"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous record;
  delta double precision;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(NEW.user_id::text, 7310));
  SELECT ke.status, ke.earned_pix, ke.created_at, ke.id INTO previous
    FROM knowledge_elements ke
    WHERE ke.user_id = NEW.user_id AND ke.skill_id = NEW.skill_id COLLATE "C"
    ORDER BY ke.created_at DESC, ke.id DESC
    LIMIT 1;
  IF FOUND AND (previous.created_at, previous.id) > (NEW.created_at, NEW.id) THEN
    RETURN NEW;
  END IF;
  delta := CASE WHEN NEW.status <> 'reset' THEN NEW.earned_pix ELSE 0 END
    - CASE WHEN FOUND AND previous.status <> 'reset' THEN previous.earned_pix ELSE 0 END;
  INSERT INTO competence_pix_sums AS s (user_id, competence_index, earned_pix, last_at)
    VALUES (NEW.user_id, NEW.competence_index, delta, NEW.created_at)
    ON CONFLICT (user_id, competence_index) DO UPDATE
      SET earned_pix = s.earned_pix + excluded.earned_pix, last_at = greatest(s.last_at, excluded.last_at);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "competence_pix_sums_on_knowledge_element" BEFORE INSERT ON "knowledge_elements"
  FOR EACH ROW EXECUTE FUNCTION "competence_pix_sums_on_knowledge_element"();
--> statement-breakpoint
INSERT INTO "competence_pix_sums" (user_id, competence_index, earned_pix, last_at)
SELECT cur.user_id, cur.competence_index, coalesce(sum(cur.earned_pix) FILTER (WHERE cur.status <> 'reset'), 0), max(cur.created_at)
FROM (
  SELECT DISTINCT ON (ke.user_id, ke.skill_id) ke.user_id, ke.competence_index, ke.status, ke.earned_pix, ke.created_at
  FROM knowledge_elements ke
  ORDER BY ke.user_id, ke.skill_id, ke.created_at DESC, ke.id DESC
) cur
GROUP BY cur.user_id, cur.competence_index;
