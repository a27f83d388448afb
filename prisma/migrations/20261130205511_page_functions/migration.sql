-- Issue 17 (fund pages, home pages): the grant pages and the board reporter and publisher home blocks as PL/pgSQL
-- functions, so that PostgreSQL keeps their plans per connection. Sent as unnamed statements (all the pool sends,
-- PgBouncer-safe) they were planned anew on every call: about 1 ms of planning for 1.5 ms of work (fund pages) and
-- 0.6 ms for 0.4 ms (home blocks) on the national data set. Same SQL as before (server/fund/dashboard.ts,
-- settlement.ts, server/home/overview.ts), the board filter a parameter (NULL for the region). Nothing is cached
-- across calls: each call reads the data as committed.
-- Semicolons of the bodies are written as \x3b: the WASM migration runner splits at every semicolon.

-- The grant with its header relations and the boards of its region (those running an organisation in it), as one
-- JSON object (the fields of GrantRow, server/fund/grant-sql.ts), or NULL when there is no such grant.
CREATE FUNCTION "fund_grant"(p_grant text) RETURNS json LANGUAGE plpgsql STABLE AS
  E'BEGIN
  RETURN (
    SELECT json_build_object(
      ''id'', g."id", ''regionId'', g."regionId", ''fundName'', g."fundName", ''startYear'', g."startYear", ''endYear'', g."endYear",
      ''penvoerderId'', g."penvoerderId", ''coFinancingPercent'', g."coFinancingPercent", ''budgetVersion'', g."budgetVersion",
      ''closedAtMs'', (extract(epoch FROM g."closedAt") * 1000)::bigint,
      ''region'', (SELECT json_build_object(''id'', x."id", ''name'', x."name") FROM "Region" x WHERE x."id" = g."regionId"),
      ''penvoerder'', (SELECT json_build_object(''id'', x."id", ''name'', x."name") FROM "Organisation" x WHERE x."id" = g."penvoerderId"),
      ''allocations'', COALESCE((SELECT json_agg(json_build_object(''year'', a."year", ''amountCents'', a."amountCents", ''reportDeadline'', a."reportDeadline") ORDER BY a."year")
                                 FROM "FundAllocation" a WHERE a."grantId" = g."id"), ''[]''::json),
      ''closedYears'', COALESCE((SELECT json_agg(json_build_object(''year'', c."year") ORDER BY c."year") FROM "FundClosedYear" c WHERE c."grantId" = g."id"), ''[]''::json),
      ''regionBoards'', COALESCE((SELECT json_agg(json_build_object(''id'', b."id", ''name'', b."name", ''number'', b."number") ORDER BY b."name", b."id")
                                  FROM "Board" b
                                 WHERE b."id" IN (SELECT o."boardId" FROM "Organisation" o JOIN "OrganisationRegion" r ON r."organisationId" = o."id" WHERE r."regionId" = g."regionId")),
                               ''[]''::json))
    FROM "FundGrant" g WHERE g."id" = p_grant)\x3b
END';

-- A dashboard: the grant and its figures for the region (p_boards NULL) or for the given boards. Report sums per
-- year, category, board, budget line and in total (GROUPING SETS over submitted and approved reports), budget per
-- year, category and in total, payments per year, board and in total, and the budget lines with their boards.
CREATE FUNCTION "fund_dashboard"(p_grant text, p_boards text[])
RETURNS TABLE ("grant" json, "reports" json, "budget" json, "paid" json, "lines" json) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT "fund_grant"(p_grant),
    (SELECT json_agg(x) FROM (
       SELECT GROUPING(l."year", r."category", r."boardId", r."budgetLineId")::int AS g,
              l."year", r."category", r."boardId", r."budgetLineId" AS "lineId",
              SUM(r."amountCents")::bigint AS reported,
              SUM(r."amountCents") FILTER (WHERE r."status" = ''APPROVED'')::bigint AS approved,
              SUM(r."coFinancedCents") FILTER (WHERE r."status" = ''APPROVED'')::bigint AS cofinanced,
              COUNT(*)::bigint AS n
         FROM "FundReport" r
         JOIN "FundBudgetLine" l ON l."id" = r."budgetLineId"
        WHERE l."grantId" = p_grant
          AND r."status" IN (''SUBMITTED'', ''APPROVED'')
          AND (p_boards IS NULL OR r."boardId" = ANY(p_boards))
     GROUP BY GROUPING SETS ((l."year"), (r."category"), (r."boardId"), (r."budgetLineId"), ())) x),
    (SELECT json_agg(x) FROM (
       SELECT GROUPING(l."year", l."category")::int AS g, l."year", l."category", SUM(l."amountCents")::bigint AS budgeted
         FROM "FundBudgetLine" l
        WHERE l."grantId" = p_grant
          AND (p_boards IS NULL OR EXISTS (SELECT 1 FROM "FundBudgetLineBoard" b WHERE b."budgetLineId" = l."id" AND b."boardId" = ANY(p_boards)))
     GROUP BY GROUPING SETS ((l."year"), (l."category"), ())) x),
    (SELECT json_agg(x) FROM (
       SELECT GROUPING(p."year", p."boardId")::int AS g, p."year", p."boardId", SUM(p."amountCents")::bigint AS paid
         FROM "FundPayment" p
        WHERE p."grantId" = p_grant
          AND (p_boards IS NULL OR p."boardId" = ANY(p_boards))
     GROUP BY GROUPING SETS ((p."year"), (p."boardId"), ())) x),
    (SELECT json_agg(json_build_object(''id'', l."id", ''year'', l."year", ''activity'', l."activity", ''category'', l."category", ''amountCents'', l."amountCents",
              ''boards'', COALESCE(lb.boards, ''[]''::json)) ORDER BY l."year", l."activity", l."id")
       FROM "FundBudgetLine" l
       LEFT JOIN (SELECT x."budgetLineId", json_agg(json_build_object(''id'', b."id", ''name'', b."name") ORDER BY b."name", b."id") AS boards
                    FROM "FundBudgetLineBoard" x JOIN "FundBudgetLine" xl ON xl."id" = x."budgetLineId" JOIN "Board" b ON b."id" = x."boardId"
                   WHERE xl."grantId" = p_grant
                GROUP BY x."budgetLineId") lb ON lb."budgetLineId" = l."id"
      WHERE l."grantId" = p_grant
        AND (p_boards IS NULL OR EXISTS (SELECT 1 FROM "FundBudgetLineBoard" b WHERE b."budgetLineId" = l."id" AND b."boardId" = ANY(p_boards))))
  WHERE EXISTS (SELECT 1 FROM "FundGrant" g WHERE g."id" = p_grant)\x3b
END';

-- The accountability export: approved expenditure per year, budget line, board and category, with year totals and
-- the grand total (one GROUPING SETS statement, in export order), and the calendar events of each budget line.
CREATE FUNCTION "fund_accountability"(p_grant text)
RETURNS TABLE ("grant" json, "rows" json, "linked" json) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT "fund_grant"(p_grant),
    (SELECT json_agg(x ORDER BY x.k) FROM (
       SELECT GROUPING(l."year", l."id", b."id", r."category")::int AS g,
              l."year", l."id" AS "lineId", MIN(l."activity") AS activity, MIN(b."number") AS "boardNumber", MIN(b."name") AS "boardName", r."category",
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

-- The settlement: per (board, year), board, year and in total, the budget (a line with several boards shared
-- equally in whole cents, the remainder to the first board by id), approved spending and co-financing, payments,
-- for the region (p_boards NULL) or the given boards. Each source is summed per (board, year) first, so the
-- grouping sets roll up a few hundred rows, not every report.
CREATE FUNCTION "fund_settlement"(p_grant text, p_boards text[])
RETURNS TABLE ("grant" json, "figures" json) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT "fund_grant"(p_grant),
    (SELECT json_agg(x) FROM (
       WITH shares AS (
         SELECT lb."boardId", l."year", l."amountCents",
                ROW_NUMBER() OVER (PARTITION BY l."id" ORDER BY lb."boardId") AS k,
                COUNT(*) OVER (PARTITION BY l."id") AS n
           FROM "FundBudgetLine" l
           JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l."id"
          WHERE l."grantId" = p_grant
       ), facts AS (
         SELECT s."boardId", s."year", SUM(s."amountCents" / s.n + CASE WHEN s.k = 1 THEN s."amountCents" % s.n ELSE 0 END)::bigint AS budgeted,
                0::bigint AS approved, 0::bigint AS cofinanced, 0::bigint AS paid
           FROM shares s WHERE (p_boards IS NULL OR s."boardId" = ANY(p_boards))
       GROUP BY s."boardId", s."year"
         UNION ALL
         SELECT r."boardId", l."year", 0, SUM(r."amountCents"), SUM(r."coFinancedCents"), 0
           FROM "FundReport" r JOIN "FundBudgetLine" l ON l."id" = r."budgetLineId"
          WHERE l."grantId" = p_grant AND r."status" = ''APPROVED'' AND (p_boards IS NULL OR r."boardId" = ANY(p_boards))
       GROUP BY r."boardId", l."year"
         UNION ALL
         SELECT p."boardId", p."year", 0, 0, 0, SUM(p."amountCents")
           FROM "FundPayment" p
          WHERE p."grantId" = p_grant AND (p_boards IS NULL OR p."boardId" = ANY(p_boards))
       GROUP BY p."boardId", p."year"
       )
       SELECT GROUPING(f."boardId", f."year")::int AS g, f."boardId", f."year",
              SUM(f.budgeted)::bigint AS budgeted, SUM(f.approved)::bigint AS approved,
              SUM(f.cofinanced)::bigint AS cofinanced, SUM(f.paid)::bigint AS paid
         FROM facts f
     GROUP BY GROUPING SETS ((f."boardId", f."year"), (f."boardId"), (f."year"), ())) x)
  WHERE EXISTS (SELECT 1 FROM "FundGrant" g WHERE g."id" = p_grant)\x3b
END';
-- The home blocks of a board reporter for the given boards: their draft and rejected expenditure reports (latest first,
-- 100) and the coming reporting deadlines (from p_today, the Amsterdam date) of grants with lines of those boards.
CREATE FUNCTION "home_reporter"(p_boards text[], p_today date)
RETURNS TABLE ("reports" json, "deadlines" json) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT
    (SELECT json_agg(json_build_object(''id'', x.id, ''status'', x.status, ''rejectReason'', x."rejectReason", ''updatedAt'', (extract(epoch FROM x."updatedAt") * 1000)::bigint,
              ''activity'', x.activity, ''grantId'', x."grantId", ''year'', x.year) ORDER BY x."updatedAt" DESC, x.id) FROM (
       SELECT r.id, r.status, r."rejectReason", r."updatedAt", l.activity, l."grantId", l.year
       FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId"
       WHERE r."boardId" = ANY(p_boards) AND r.status IN (''DRAFT'', ''REJECTED'')
       ORDER BY r."updatedAt" DESC, r.id LIMIT 100) x),
    (SELECT json_agg(json_build_object(''id'', x.id, ''year'', x.year, ''reportDeadline'', (extract(epoch FROM x."reportDeadline") * 1000)::bigint, ''grantId'', x."grantId", ''fundName'', x."fundName")
              ORDER BY x."reportDeadline", x.id) FROM (
       SELECT a.id, a.year, a."reportDeadline", g.id AS "grantId", g."fundName"
       FROM "FundAllocation" a JOIN "FundGrant" g ON g.id = a."grantId"
       WHERE a."reportDeadline" >= p_today
         AND EXISTS (SELECT 1 FROM "FundBudgetLine" l JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l.id WHERE l."grantId" = g.id AND lb."boardId" = ANY(p_boards))
       ORDER BY a."reportDeadline", a.id LIMIT 50) x)\x3b
END';

-- The home blocks of an institution publisher for the given organisations: their published slots from p_from to p_to
-- with their waiting lists (100), and the slots that ended between p_since and p_now with confirmed bookings whose
-- attendance is not marked, and how many (50). Booking counts of these slots only, through the index
-- SlotBooking(slotId, status, ...) per slot.
CREATE FUNCTION "home_publisher"(p_orgs text[], p_from timestamp, p_to timestamp, p_now timestamp, p_since timestamp)
RETURNS TABLE ("week" json, "past" json) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT
    (SELECT json_agg(json_build_object(''id'', x.id, ''startsAt'', (extract(epoch FROM x."startsAt") * 1000)::bigint, ''capacity'', x.capacity, ''confirmedCount'', x."confirmedCount", ''name'', x.name,
              ''waiting'', (SELECT count(*) FROM "SlotBooking" b WHERE b."slotId" = x.id AND b.status = ''WAITLISTED'')) ORDER BY x."startsAt", x.id) FROM (
       SELECT s.id, s."startsAt", s.capacity, s."confirmedCount", p.name
       FROM "Slot" s JOIN "SlotProgramme" p ON p.id = s."programmeId"
       WHERE s."organisationId" = ANY(p_orgs) AND s."startsAt" >= p_from AND s."startsAt" < p_to AND s.status = ''PUBLISHED''
       ORDER BY s."startsAt", s.id LIMIT 100) x),
    (SELECT json_agg(json_build_object(''id'', x.id, ''startsAt'', (extract(epoch FROM x."startsAt") * 1000)::bigint, ''name'', x.name,
              ''unmarked'', (SELECT count(*) FROM "SlotBooking" b WHERE b."slotId" = x.id AND b.status = ''CONFIRMED'' AND b.attendance IS NULL)) ORDER BY x."startsAt" DESC, x.id) FROM (
       SELECT s.id, s."startsAt", p.name
       FROM "Slot" s JOIN "SlotProgramme" p ON p.id = s."programmeId"
       WHERE s."organisationId" = ANY(p_orgs) AND s."endsAt" < p_now AND s."endsAt" >= p_since
         AND EXISTS (SELECT 1 FROM "SlotBooking" b WHERE b."slotId" = s.id AND b.status = ''CONFIRMED'' AND b.attendance IS NULL)
       ORDER BY s."startsAt" DESC, s.id LIMIT 50) x)\x3b
END';
