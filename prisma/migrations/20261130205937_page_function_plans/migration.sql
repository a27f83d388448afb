-- Issue 17: the page functions of 20261130205511_page_functions keep their plans per connection only when PostgreSQL
-- chooses the generic plan, and its choice compares estimated costs: for the fund pages and the publisher home block
-- the generic plan is estimated dearer than the custom ones (a parameter array of unknown length, a board filter that
-- may be NULL), so each call was planned again. Measured on the national data set (EXPLAIN ANALYZE, planning plus
-- execution, best of 15): region dashboard custom 3.11 ms, generic 1.79 ms, board dashboard 2.45 / 1.31,
-- accountability 2.78 / 1.47, settlement (board) 1.95 / 0.81, publisher home 1.17 / 0.35. These functions always use
-- the generic plan, planned once per connection.
ALTER FUNCTION "fund_grant"(text) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "fund_dashboard"(text, text[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "fund_accountability"(text) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "fund_settlement"(text, text[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "home_publisher"(text[], timestamp, timestamp, timestamp, timestamp) SET plan_cache_mode = force_generic_plan;

-- The reporter home block: the same rows, its lines and grants looked up per report and per budget-line board
-- (OFFSET 0 keeps each lookup on its primary key), so that the generic plan reads no table whole: 3.19 ms generic
-- and 1.45 ms custom before, 0.47 ms generic now.
CREATE OR REPLACE FUNCTION "home_reporter"(p_boards text[], p_today date)
RETURNS TABLE ("reports" json, "deadlines" json) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT
    (SELECT json_agg(json_build_object(''id'', x.id, ''status'', x.status, ''rejectReason'', x."rejectReason", ''updatedAt'', (extract(epoch FROM x."updatedAt") * 1000)::bigint,
              ''activity'', x.activity, ''grantId'', x."grantId", ''year'', x.year) ORDER BY x."updatedAt" DESC, x.id) FROM (
       SELECT r.id, r.status, r."rejectReason", r."updatedAt", l.activity, l."grantId", l.year
       FROM (SELECT r.id, r.status, r."rejectReason", r."updatedAt", r."budgetLineId" FROM "FundReport" r
              WHERE r."boardId" = ANY(p_boards) AND r.status IN (''DRAFT'', ''REJECTED'')
              ORDER BY r."updatedAt" DESC, r.id LIMIT 100) r
       CROSS JOIN LATERAL (SELECT l.activity, l."grantId", l.year FROM "FundBudgetLine" l WHERE l.id = r."budgetLineId" OFFSET 0) l) x),
    (SELECT json_agg(json_build_object(''id'', x.id, ''year'', x.year, ''reportDeadline'', (extract(epoch FROM x."reportDeadline") * 1000)::bigint, ''grantId'', x."grantId", ''fundName'', x."fundName")
              ORDER BY x."reportDeadline", x.id) FROM (
       SELECT a.id, a.year, a."reportDeadline", g.id AS "grantId", g."fundName"
       FROM "FundAllocation" a JOIN "FundGrant" g ON g.id = a."grantId"
       WHERE a."reportDeadline" >= p_today
         AND g.id IN (SELECT l."grantId" FROM "FundBudgetLineBoard" lb CROSS JOIN LATERAL (SELECT l."grantId" FROM "FundBudgetLine" l WHERE l.id = lb."budgetLineId" OFFSET 0) l WHERE lb."boardId" = ANY(p_boards))
       ORDER BY a."reportDeadline", a.id LIMIT 50) x)\x3b
END';
ALTER FUNCTION "home_reporter"(text[], date) SET plan_cache_mode = force_generic_plan;
