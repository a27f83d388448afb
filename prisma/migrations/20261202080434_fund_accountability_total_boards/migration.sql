-- The accountability export's total rows (the year totals and the grand total) named a board: the board number and
-- the board name were each the smallest of the rows summed (MIN per column), so a total of two boards read as the
-- number of one and the name of the other. A total row is of no board: both columns are NULL there now (GROUPING of
-- the board is 1). Otherwise fund_accountability is as in 20261130205511_page_functions, its plan setting as in
-- 20261130205937_page_function_plans (a CREATE OR REPLACE resets it). Replacing the function also makes the stored
-- accountability pages stale (server/fund/page-store.ts: the code a page is of includes its function's xmin).
-- Semicolons of the bodies are written as \x3b: the WASM migration runner splits at every semicolon, even in comments.

CREATE OR REPLACE FUNCTION "fund_accountability"(p_grant text)
RETURNS TABLE ("grant" json, "rows" json, "linked" json) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT "fund_grant"(p_grant),
    (SELECT json_agg(x ORDER BY x.k) FROM (
       SELECT GROUPING(l."year", l."id", b."id", r."category")::int AS g,
              l."year", l."id" AS "lineId", MIN(l."activity") AS activity,
              CASE WHEN GROUPING(b."id") = 0 THEN MIN(b."number") END AS "boardNumber",
              CASE WHEN GROUPING(b."id") = 0 THEN MIN(b."name") END AS "boardName", r."category",
              COUNT(*)::bigint AS n, SUM(r."amountCents")::bigint AS amount, SUM(r."coFinancedCents")::bigint AS cofinanced,
              ROW_NUMBER() OVER (ORDER BY l."year" NULLS LAST, GROUPING(l."year", l."id", b."id", r."category"), MIN(l."activity"), MIN(b."name"), r."category") AS k
         FROM "FundReport" r
         JOIN "FundBudgetLine" l ON l."id" = r."budgetLineId"
         JOIN "Board" b ON b."id" = r."boardId"
        WHERE l."grantId" = p_grant AND r."status" = ''APPROVED''
     GROUP BY GROUPING SETS ((l."year", l."id", b."id", r."category"), (l."year"), ())) x),
    (SELECT json_agg(json_build_object(''id'', l."id", ''year'', l."year", ''activity'', l."activity",
              ''events'', (SELECT json_agg(json_build_object(''id'', e."id", ''title'', e."title", ''startsAtMs'', (extract(epoch FROM e."startsAt") * 1000)::bigint, ''status'', e."status")
                                         ORDER BY e."startsAt", e."id")
                           FROM "FundBudgetLineEvent" le JOIN "CalendarEvent" e ON e."id" = le."eventId" WHERE le."budgetLineId" = l."id"))
            ORDER BY l."year", l."activity", l."id")
       FROM "FundBudgetLine" l
      WHERE l."grantId" = p_grant AND EXISTS (SELECT 1 FROM "FundBudgetLineEvent" le WHERE le."budgetLineId" = l."id"))
  WHERE EXISTS (SELECT 1 FROM "FundGrant" g WHERE g."id" = p_grant)\x3b
END';
ALTER FUNCTION "fund_accountability"(text) SET plan_cache_mode = force_generic_plan;
