-- Issue 17: the stored fund page read by a PL/pgSQL function, so that PostgreSQL keeps its plan per connection. The
-- read is every fund page's one statement besides the actor's. As an unnamed statement (all the pool sends,
-- PgBouncer-safe) it was planned on every request: 0.38-0.42 ms against 0.10 ms with a kept plan on the national data
-- set. The rules of the store (server/fund/page-store.ts) are written once, here, as two SQL functions that the
-- planner inlines: the read below and the statements that compute a page use both.
-- Semicolons of the bodies are written as \x3b: the WASM migration runner splits at every semicolon.

-- The grant's data version (0 before its first write).
CREATE FUNCTION "fund_grant_version"(p_grant text) RETURNS bigint LANGUAGE sql STABLE AS
  E'SELECT COALESCE((SELECT v."version" FROM "FundGrantVersion" v WHERE v."grantId" = p_grant), 0)';

-- The code a page is of: the xmin of the pg_proc rows of `fund_grant` and of the page's function (a CREATE OR REPLACE
-- writes a new row version) and the hash of the JavaScript that shapes the page.
CREATE FUNCTION "fund_page_code"(p_fn text, p_code text) RETURNS text LANGUAGE sql STABLE AS
  E'SELECT (SELECT string_agg(p.xmin::text, '','' ORDER BY p.proname) FROM pg_proc p WHERE p.proname IN (''fund_grant'', p_fn::name)) || '':'' || p_code';

-- The grant's region and its stored page under the key, of the grant's current version and of the given code.
-- No row: no such grant, page NULL: none stored.
CREATE FUNCTION "fund_page_read"(p_grant text, p_key text, p_fn text, p_code text)
RETURNS TABLE ("regionId" text, "boards" json, "page" text, "parts" json, "tags" json) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT g."regionId", s."boards", s."page", s."parts", s."tags"
    FROM "FundGrant" g
    LEFT JOIN "FundPageStore" s ON s."grantId" = g."id" AND s."key" = p_key
     AND s."version" = "fund_grant_version"(g."id") AND s."code" = "fund_page_code"(p_fn, p_code)
   WHERE g."id" = p_grant\x3b
END';
