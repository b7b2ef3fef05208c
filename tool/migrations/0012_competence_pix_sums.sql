CREATE TABLE "competence_pix_sums" (
	"user_id" uuid NOT NULL,
	"competence_index" text NOT NULL,
	"earned_pix" double precision NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "competence_pix_sums_user_id_competence_index_pk" PRIMARY KEY("user_id","competence_index")
);
--> statement-breakpoint
ALTER TABLE "competence_pix_sums" ADD CONSTRAINT "competence_pix_sums_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Keeps competence_pix_sums in step with the append-only knowledge elements, once per statement that appends
-- some (an answer appends its direct element and the inferred ones together). For each learner and skill touched,
-- the latest new element replaces the previous current one (latest by created_at then id, like the read model) if
-- it is later, in its competence's sum; elements of one statement in any order count as one history. Per-learner
-- advisory locks (taken in order: no deadlock) make two transactions appending for one learner take turns, so the
-- second sees the first's elements as previous ones (never counted twice).
CREATE FUNCTION "competence_pix_sums_after_append"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(u.user_id::text, 7310))
    FROM (SELECT DISTINCT user_id FROM appended ORDER BY user_id) u;
  WITH latest AS (
    SELECT DISTINCT ON (a.user_id, a.skill_id) a.user_id, a.skill_id, a.competence_index, a.status, a.earned_pix, a.created_at, a.id
    FROM appended a
    ORDER BY a.user_id, a.skill_id, a.created_at DESC, a.id DESC
  ), change AS (
    SELECT l.user_id, l.competence_index, l.created_at,
      CASE WHEN l.status <> 'reset' THEN l.earned_pix ELSE 0 END
        - CASE WHEN p.status IS NOT NULL AND p.status <> 'reset' THEN p.earned_pix ELSE 0 END AS delta
    FROM latest l
    LEFT JOIN LATERAL (
      SELECT ke.status, ke.earned_pix, ke.created_at, ke.id
      FROM knowledge_elements ke
      WHERE ke.user_id = l.user_id AND ke.skill_id = l.skill_id COLLATE "C"
        AND NOT EXISTS (SELECT 1 FROM appended x WHERE x.id = ke.id)
      ORDER BY ke.created_at DESC, ke.id DESC
      LIMIT 1
    ) p ON true
    WHERE p.id IS NULL OR (p.created_at, p.id) < (l.created_at, l.id)
  )
  INSERT INTO competence_pix_sums AS s (user_id, competence_index, earned_pix, last_at)
    SELECT user_id, competence_index, sum(delta), max(created_at) FROM change GROUP BY user_id, competence_index
    ON CONFLICT (user_id, competence_index) DO UPDATE
      SET earned_pix = s.earned_pix + excluded.earned_pix, last_at = greatest(s.last_at, excluded.last_at);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "competence_pix_sums_after_append" AFTER INSERT ON "knowledge_elements"
  REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION "competence_pix_sums_after_append"();
--> statement-breakpoint
INSERT INTO "competence_pix_sums" (user_id, competence_index, earned_pix, last_at)
SELECT cur.user_id, cur.competence_index, coalesce(sum(cur.earned_pix) FILTER (WHERE cur.status <> 'reset'), 0), max(cur.created_at)
FROM (
  SELECT DISTINCT ON (ke.user_id, ke.skill_id) ke.user_id, ke.competence_index, ke.status, ke.earned_pix, ke.created_at
  FROM knowledge_elements ke
  ORDER BY ke.user_id, ke.skill_id, ke.created_at DESC, ke.id DESC
) cur
GROUP BY cur.user_id, cur.competence_index;
