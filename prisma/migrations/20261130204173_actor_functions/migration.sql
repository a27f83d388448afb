-- Issue 17 (fixed cost of an authenticated call): the signed-in actor read by PL/pgSQL functions, so that PostgreSQL
-- keeps the statement plan per connection. The actor statement (user, role memberships as JSON, the regions of
-- region roles and of the organisations held directly or through a board) took 0.6-1.1 ms to PLAN on every call and
-- 0.1 ms to run: the pool sends unnamed statements (PgBouncer transaction mode allows no others), which are planned
-- anew each time. The statements of a function are prepared once per connection (generic plan after five calls), and
-- nothing is cached across calls: each call reads the session, the user and the roles as they are now, so a removed
-- membership or a deleted session counts on the next call, in every instance. server/auth/session.ts calls them.
-- Semicolons of the bodies are written as \x3b: the WASM migration runner splits at every semicolon.

-- The actor of a user id: no row when the user does not exist. Regions of region roles first, then those of the
-- organisations held directly or through a board, each once.
CREATE FUNCTION "user_actor"(p_user text)
RETURNS TABLE ("id" text, "email" text, "name" text, "memberships" json, "regionIds" text[]) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT u."id", u."email", u."name",
    COALESCE((SELECT json_agg(json_build_object(''role'', m."role", ''regionId'', m."regionId", ''boardId'', m."boardId", ''organisationId'', m."organisationId") ORDER BY m."createdAt", m."id")
                FROM "RoleMembership" m WHERE m."userId" = u."id"), ''[]''::json),
    ARRAY(SELECT r."regionId" FROM (
            SELECT m."regionId", 0 AS k FROM "RoleMembership" m WHERE m."userId" = u."id" AND m."regionId" IS NOT NULL
            UNION ALL
            SELECT o."regionId", 1 FROM "RoleMembership" m JOIN "OrganisationRegion" o ON o."organisationId" = m."organisationId" WHERE m."userId" = u."id"
            UNION ALL
            SELECT o."regionId", 1 FROM "RoleMembership" m JOIN "Organisation" g ON g."boardId" = m."boardId" JOIN "OrganisationRegion" o ON o."organisationId" = g."id" WHERE m."userId" = u."id"
          ) r GROUP BY r."regionId" ORDER BY min(r.k), r."regionId")
  FROM "User" u WHERE u."id" = p_user\x3b
END';

-- The actor of a session token with the expiry of the session (epoch milliseconds, "expires" holds UTC): no row when
-- there is no such session. Expired sessions are returned too (the caller deletes them, as Auth.js does).
CREATE FUNCTION "session_actor"(p_token text)
RETURNS TABLE ("expiresMs" bigint, "id" text, "email" text, "name" text, "memberships" json, "regionIds" text[]) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
DECLARE
  v_user text\x3b
  v_expires bigint\x3b
BEGIN
  SELECT s."userId", (extract(epoch FROM s."expires") * 1000)::bigint INTO v_user, v_expires FROM "Session" s WHERE s."sessionToken" = p_token\x3b
  IF v_user IS NULL THEN
    RETURN\x3b
  END IF\x3b
  RETURN QUERY SELECT v_expires, a."id", a."email", a."name", a."memberships", a."regionIds" FROM "user_actor"(v_user) a\x3b
END';
