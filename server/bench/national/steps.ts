/**
 * The national data set as INSERT … SELECT FROM generate_series statements, one step per table, in the order
 * parent → child. Every row follows from its number and the seed (./shape.ts). The rows are made consistent by
 * construction — what the triggers would compute (Slot.confirmedCount, RegistrationSession.confirmedCount, the
 * ParticipationBooking / ParticipationRegistration tie of a listed pupil) is written directly — and ./verify.ts
 * checks it afterwards.
 */
import { hash, institutionOrg, letters, orgBrin, orgRegion, orgSector, reporterUser, schoolOrg, staffUser, type NationalShape } from './shape.ts'

export type Step = { table: string; sql: string[] }

const C = `timestamp '2026-08-01 00:00:00'`
const LEVELS = `ARRAY['VMBO_BB','VMBO_KB','VMBO_GT','HAVO','VWO']::"PupilLevel"[]`
const CATEGORIES = `ARRAY['PERSONNEL','ACTIVITIES','MATERIALS','TRANSPORT','EXTERNAL_HIRE','OVERHEAD']::"FundCategory"[]`

export function nationalSteps(s: NationalShape): Step[] {
  const h = (x: string, salt: number) => hash(s, x, salt)
  const region = (o: string) => orgRegion(s, o)
  const last = (n: number) => n - 1
  // Event e: organised by organisation eo(e), in its region, on a day of the school year.
  const eo = (e: string) => `(${h(e, 6)} % ${s.orgs})`
  const eStart = (e: string) => `(timestamp '${s.base}' + (${h(e, 7)} % 330) * interval '1 day' + ((${e}) % 10) * interval '1 hour')`
  const eStatus = (e: string) => `(CASE (${e}) % 20 WHEN 0 THEN 'DRAFT' WHEN 1 THEN 'PROPOSED' ELSE 'PUBLISHED' END)::"CalendarEventStatus"`
  // Slot g: of programme g % programmes (institution programme / 5).
  const slotOrg = (g: string) => institutionOrg(`((${g}) % ${s.programmes}) / ${s.programmesPerInstitution}`)
  const slotStart = (g: string) => `(timestamp '${s.base}' + (${h(g, 3)} % 330) * interval '1 day' + ((${g}) % 3) * interval '2 hours')`
  const cap = (g: string) => `(8 + (${g}) % 23)`
  const per = s.bookingsPerSlot
  // Pupil q: on the class list of school q / pupilsPerSchool.
  const pupilSchool = (q: string) => schoolOrg(`(${q}) / ${s.pupilsPerSchool}`)
  const pupilEmail = (q: string) => `('p' || (${q}) || '@leerling.example.test')`
  const pupilLevel = (q: string) => `(${LEVELS})[1 + (${q}) % 5]`
  // Fund line l: grant l % regions, year fundYears[(l / regions) % years], one of the boards of the region's organisations in turn.
  const years = s.fundYears.length
  const lineYear = (l: string) => `(${s.fundYears[0]} + ((${l}) / ${s.regions}) % ${years})`
  // The board of line l, once FundBudgetLineBoard holds it (one of its region's boards: see that insert).
  const lineBoard = (l: string) => `(SELECT lb."boardId" FROM "FundBudgetLineBoard" lb WHERE lb."budgetLineId" = 'nfl' || (${l}))`
  const lineCategory = (l: string) => `(${CATEGORIES})[1 + (${l}) % 6]`
  const rowsPerDataset = Math.ceil(s.transitionRows / s.schools)
  const regEvent = (x: string) => `((${x}) * 10 + 3)` // registration x is for event 10x + 3 (PUBLISHED: 3 or 13 mod 20)
  const registrants = s.registrationEvents * s.registrantsPerEvent

  return [
    {
      table: 'Region',
      sql: [`INSERT INTO "Region" (id, slug, name, province, "createdAt", "updatedAt")
        SELECT 'nr' || r, 'nat-' || r, 'Regio ' || r,
               (ARRAY['Groningen','Friesland','Drenthe','Overijssel','Flevoland','Gelderland','Utrecht','Noord-Holland','Zuid-Holland','Zeeland','Noord-Brabant','Limburg'])[1 + r % 12], ${C}, ${C}
        FROM generate_series(0, ${last(s.regions)}) r`],
    },
    {
      table: 'Board',
      sql: [`INSERT INTO "Board" (id, number, name, "createdAt", "updatedAt")
        SELECT 'nbd' || b, (10000 + b)::text, 'Stichting ' || b, ${C}, ${C} FROM generate_series(0, ${last(s.boards)}) b`],
    },
    {
      table: 'Organisation',
      sql: [
        `INSERT INTO "Organisation" (id, brin, name, sector, city, "boardId", "createdAt", "updatedAt")
        SELECT 'no' || o, ${orgBrin('o')}, (CASE WHEN o % 10 < 4 THEN 'College ' ELSE 'Instelling ' END) || o, ${orgSector('o')}, 'Plaats ' || (o % 300), 'nbd' || (o % ${s.boards}), ${C}, ${C}
        FROM generate_series(0, ${last(s.orgs)}) o`,
        `INSERT INTO "Location" (id, "organisationId", vestiging, name, city, "createdAt", "updatedAt")
        SELECT 'nlc' || o, 'no' || o, '00', 'Hoofdvestiging', 'Plaats ' || (o % 300), ${C}, ${C} FROM generate_series(0, ${last(s.orgs)}) o`,
        `INSERT INTO "OrganisationRegion" ("organisationId", "regionId", "createdAt")
        SELECT 'no' || o, 'nr' || ${region('o')}, ${C} FROM generate_series(0, ${last(s.orgs)}) o
        UNION ALL
        SELECT 'no' || o, 'nr' || ((${region('o')} + 1) % ${s.regions}), ${C} FROM generate_series(0, ${last(s.orgs)}) o WHERE o % 10 = 5 AND ${s.regions} > 1`,
      ],
    },
    {
      table: 'User',
      sql: [
        `INSERT INTO "User" (id, name, email, "emailVerified", locale, "createdAt", "updatedAt")
        SELECT 'nu' || u, 'Gebruiker ' || u, 'u' || u || '@nat.example.test', ${C}, 'nl', ${C}, ${C} FROM generate_series(0, ${last(s.users)}) u`,
        // 2 coordinators per region, a reporter per board, the rest staff of the organisations in turn; user 0 is
        // also platform admin.
        `INSERT INTO "RoleMembership" (id, "userId", role, "regionId", "boardId", "organisationId", "createdAt")
        SELECT 'nrm' || u, 'nu' || u,
               (CASE WHEN u < ${2 * s.regions} THEN 'REGION_COORDINATOR' WHEN u < ${2 * s.regions + s.boards} THEN 'BOARD_REPORTER'
                     WHEN (u - ${2 * s.regions + s.boards}) % ${s.orgs} % 10 >= 4 AND u % 2 = 1 THEN 'INSTITUTION_PUBLISHER' ELSE 'ORG_STAFF' END)::"Role",
               CASE WHEN u < ${2 * s.regions} THEN 'nr' || (u % ${s.regions}) END,
               CASE WHEN u >= ${2 * s.regions} AND u < ${2 * s.regions + s.boards} THEN 'nbd' || (u - ${2 * s.regions}) END,
               CASE WHEN u >= ${2 * s.regions + s.boards} THEN 'no' || ((u - ${2 * s.regions + s.boards}) % ${s.orgs}) END, ${C}
        FROM generate_series(0, ${last(s.users)}) u
        UNION ALL SELECT 'nrmadmin', 'nu0', 'PLATFORM_ADMIN', NULL, NULL, NULL, ${C}`,
      ],
    },
    {
      table: 'CalendarEvent',
      sql: [`INSERT INTO "CalendarEvent" (id, title, description, type, status, "startsAt", "endsAt", "allDay", "locationAddress", attachments, "audienceLevels", "schoolYears", sequence, "createdById", "createdAt", "updatedAt")
        SELECT 'ne' || e, 'Activiteit ' || e, '',
               (ARRAY['OPEN_DAG','MEELOOPDAG','PROEFSTUDEREN','VOORLICHTING','OUDERAVOND','STUDIEBEURS','LOB_WORKSHOP','NETWERKWEEK']::"CalendarEventType"[])[1 + e % 8],
               ${eStatus('e')}, ${eStart('e')}, ${eStart('e')} + interval '2 hours' + (e % 2) * interval '1 hour', false, 'Schoolstraat 1, Plaats ' || (${eo('e')} % 300),
               ARRAY[]::text[], (CASE e % 4 WHEN 0 THEN ARRAY['havo','vwo'] WHEN 1 THEN ARRAY['vmbo-gt','havo'] WHEN 2 THEN ARRAY['vmbo-b','vmbo-k'] ELSE ARRAY['mbo-4','havo'] END), ARRAY[3, 4], 0,
               ${staffUser(s, eo('e'))}, ${C}, ${C}
        FROM generate_series(0, ${last(s.events)}) e`],
    },
    {
      table: 'CalendarEventRegion',
      sql: [
        // Every event but a draft is shared with its organiser's region (proposed: pending); one in ten also with
        // the next region, published there.
        `INSERT INTO "CalendarEventRegion" ("eventId", "regionId", decision, "decidedById", "decidedAt")
        SELECT 'ne' || e, 'nr' || ${region(eo('e'))}, (CASE WHEN e % 20 = 1 THEN 'PENDING' ELSE 'PUBLISHED' END)::"CalendarRegionDecision",
               CASE WHEN e % 20 <> 1 THEN 'nu' || ${region(eo('e'))} END, CASE WHEN e % 20 <> 1 THEN ${C} END
        FROM generate_series(0, ${last(s.events)}) e WHERE e % 20 <> 0
        UNION ALL
        SELECT 'ne' || e, 'nr' || ((${region(eo('e'))} + 1) % ${s.regions}), 'PUBLISHED', 'nu' || ((${region(eo('e'))} + 1) % ${s.regions}), ${C}
        FROM generate_series(0, ${last(s.events)}) e WHERE e % 10 = 2 AND ${s.regions} > 1`,
        `INSERT INTO "CalendarEventOrganiser" ("eventId", "organisationId") SELECT 'ne' || e, 'no' || ${eo('e')} FROM generate_series(0, ${last(s.events)}) e`,
      ],
    },
    {
      table: 'AuditLog',
      sql: [`INSERT INTO "AuditLog" (at, "actorId", action, "entityType", "entityId", "regionId", "organisationId")
        SELECT ${C} + e * interval '1 second', ${staffUser(s, eo('e'))}, 'calendar.create', 'CalendarEvent', 'ne' || e, 'nr' || ${region(eo('e'))}, 'no' || ${eo('e')}
        FROM generate_series(0, ${last(s.events)}) e`],
    },
    {
      table: 'SlotProgramme',
      sql: [`INSERT INTO "SlotProgramme" (id, "organisationId", name, sector, level, code, "createdAt", "updatedAt")
        SELECT 'npg' || p, 'no' || o, 'Opleiding ' || p, ${orgSector('o')},
               (CASE o % 10 WHEN 4 THEN 'MBO_2' WHEN 5 THEN 'MBO_3' WHEN 6 THEN 'MBO_4' WHEN 7 THEN 'AD' WHEN 8 THEN 'BACHELOR' ELSE (ARRAY['BACHELOR','MASTER'])[1 + p % 2] END)::"ProgrammeLevel",
               lpad((10000 + p)::text, 5, '0'), ${C}, ${C}
        FROM generate_series(0, ${last(s.programmes)}) p, LATERAL (SELECT ${institutionOrg(`p / ${s.programmesPerInstitution}`)} AS o) x`],
    },
    {
      table: 'Slot',
      // confirmedCount: the bookings that hold a place (see SlotBooking below): min(capacity, per), less the one
      // cancelled booking of every seventh slot when it would have held a place.
      sql: [`INSERT INTO "Slot" (id, "programmeId", "organisationId", "startsAt", "endsAt", location, capacity, "confirmedCount", "bookingOpensAt", "bookingClosesAt", "audienceLevels", questions, status, "createdAt", "updatedAt")
        SELECT 'ns' || g, 'npg' || (g % ${s.programmes}), 'no' || ${slotOrg('g')}, t.s, t.s + interval '4 hours', 'Hoofdgebouw', ${cap('g')},
               LEAST(${cap('g')}, ${per}) - (CASE WHEN g % 7 = 0 AND ${cap('g')} >= ${per} THEN 1 ELSE 0 END),
               t.s - interval '60 days', t.s - interval '1 day',
               (CASE g % 3 WHEN 0 THEN ARRAY['HAVO','VWO'] WHEN 1 THEN ARRAY['VMBO_GT','HAVO'] ELSE ARRAY['VMBO_KB','VMBO_GT'] END)::"PupilLevel"[], '[]', 'PUBLISHED', ${C}, ${C}
        FROM generate_series(0, ${last(s.slots)}) g, LATERAL (SELECT ${slotStart('g')} AS s) t`],
    },
    {
      table: 'ParticipationPupil',
      sql: [`INSERT INTO "ParticipationPupil" (id, "schoolId", "schoolYear", name, email, level, year, "className", "createdAt", "updatedAt")
        SELECT 'npp' || q, 'no' || ${pupilSchool('q')}, 2026, 'Leerling ' || ${letters('q')}, ${pupilEmail('q')}, ${pupilLevel('q')}, 3 + q % 3,
               (3 + q % 3) || chr(65 + q % 4), ${C}, ${C}
        FROM generate_series(0, ${last(s.pupils)}) q`],
    },
    {
      table: 'SlotBooking',
      // Booking b = per × slot + j. Every fifth booking is by a pupil on a class list (its school and address, as
      // the booking trigger matches them); the others by pupils on no list. Places go first come, first served:
      // j < capacity holds a place (CONFIRMED), the rest wait (WAITLISTED, FIFO by j); the last booking of every
      // seventh slot was cancelled.
      sql: [`INSERT INTO "SlotBooking" (id, "slotId", "organisationId", "programmeId", "pupilName", "pupilEmail", "schoolId", level, year, status, "waitlistedAt", "tokenHash", locale, "createdAt", "updatedAt")
        SELECT 'nsb' || b, 'ns' || g, 'no' || ${slotOrg('g')}, 'npg' || (g % ${s.programmes}),
               'Leerling ' || ${letters('CASE WHEN listed THEN q ELSE b END')},
               CASE WHEN listed THEN ${pupilEmail('q')} ELSE 'b' || b || '@mail.example.test' END,
               'no' || CASE WHEN listed THEN ${pupilSchool('q')} ELSE ${schoolOrg(`${h('b', 5)} % ${s.schools}`)} END,
               CASE WHEN listed THEN ${pupilLevel('q')} ELSE ${pupilLevel('b')} END, 3 + b % 3,
               st, CASE WHEN st = 'WAITLISTED' THEN timestamp '${s.base}' - interval '30 days' + j * interval '1 minute' END,
               encode(sha256(('nat${s.seed}:' || b)::bytea), 'hex'), 'nl', ${C} + j * interval '1 minute', ${C}
        FROM generate_series(0, ${last(s.bookings)}) b,
             LATERAL (SELECT b / ${per} AS g, b % ${per} AS j, b % 5 = 0 AS listed, ${h('b', 4)} % ${s.pupils} AS q) x,
             LATERAL (SELECT (CASE WHEN x.j = ${per - 1} AND x.g % 7 = 0 THEN 'CANCELLED' WHEN x.j < ${cap('x.g')} THEN 'CONFIRMED' ELSE 'WAITLISTED' END)::"SlotBookingStatus" AS st) y`],
    },
    {
      table: 'ParticipationBooking',
      sql: [`INSERT INTO "ParticipationBooking" ("bookingId", "pupilId", "schoolId", "slotId", "createdAt")
        SELECT 'nsb' || b, 'npp' || q, 'no' || ${pupilSchool('q')}, 'ns' || (b / ${per}), ${C}
        FROM generate_series(0, ${last(s.bookings)}, 5) b, LATERAL (SELECT ${h('b', 4)} % ${s.pupils} AS q) x`],
    },
    {
      table: 'Registration',
      sql: [
        `INSERT INTO "RegistrationEvent" (id, "eventId", "opensAt", "closesAt", "createdAt", "updatedAt")
        SELECT 'nre' || x, 'ne' || ${regEvent('x')}, ${eStart(regEvent('x'))} - interval '60 days', ${eStart(regEvent('x'))} - interval '1 day', ${C}, ${C}
        FROM generate_series(0, ${last(s.registrationEvents)}) x`,
        `INSERT INTO "RegistrationAudience" (id, "registrationId", kind, levels, "schoolYears", "confirmedCount", "updatedAt")
        SELECT 'nra' || x, 'nre' || x, 'PUPIL', ARRAY[]::"PupilLevel"[], ARRAY[]::int[], ${s.registrantsPerEvent}, ${C} FROM generate_series(0, ${last(s.registrationEvents)}) x`,
        `INSERT INTO "RegistrationSession" (id, "registrationId", title, "startsAt", "endsAt", capacity, "confirmedCount", "createdAt", "updatedAt")
        SELECT 'nrs' || x, 'nre' || x, 'Programma', ${eStart(regEvent('x'))}, ${eStart(regEvent('x'))} + interval '2 hours', ${2 * s.registrantsPerEvent}, ${s.registrantsPerEvent}, ${C}, ${C}
        FROM generate_series(0, ${last(s.registrationEvents)}) x`,
        // Registrant i of registration i / n; every fourth one is a pupil on a class list (tied to it below).
        `INSERT INTO "Registrant" (id, "registrationId", audience, name, email, "schoolId", level, year, "confirmedAt", "tokenHash", "createdAt", "updatedAt")
        SELECT 'nrg' || i, 'nre' || (i / ${s.registrantsPerEvent}), 'PUPIL', 'Leerling ' || ${letters('i')},
               CASE WHEN listed THEN ${pupilEmail('q')} ELSE 'r' || i || '@mail.example.test' END,
               'no' || CASE WHEN listed THEN ${pupilSchool('q')} ELSE ${schoolOrg(`${h('i', 11)} % ${s.schools}`)} END,
               CASE WHEN listed THEN ${pupilLevel('q')} ELSE ${pupilLevel('i')} END, 3 + i % 3, ${C},
               encode(sha256(('natr${s.seed}:' || i)::bytea), 'hex'), ${C} + (i % ${s.registrantsPerEvent}) * interval '1 minute', ${C}
        FROM generate_series(0, ${last(registrants)}) i, LATERAL (SELECT i % 4 = 0 AS listed, ${h('i', 8)} % ${s.pupils} AS q) x`,
        `INSERT INTO "RegistrationSeat" (id, "registrantId", "sessionId", places, status, "createdAt", "updatedAt")
        SELECT 'nst' || i, 'nrg' || i, 'nrs' || (i / ${s.registrantsPerEvent}), 1, 'CONFIRMED', ${C}, ${C} FROM generate_series(0, ${last(registrants)}) i`,
        `INSERT INTO "ParticipationRegistration" ("registrantId", "pupilId", "eventId", "createdAt")
        SELECT 'nrg' || i, 'npp' || (${h('i', 8)} % ${s.pupils}), 'ne' || ${regEvent(`i / ${s.registrantsPerEvent}`)}, ${C} FROM generate_series(0, ${last(registrants)}, 4) i`,
      ],
    },
    {
      table: 'TransitionRow',
      sql: [
        `INSERT INTO "TransitionDataset" (id, "organisationId", source, description, sharing, "regionId", "createdById", "createdAt", "updatedAt")
        SELECT 'ntd' || k, 'no' || o, (ARRAY['NCO','DUO','OWN']::"TransitionSource"[])[1 + k % 3], 'Doorstroom ' || k,
               (CASE WHEN k % 2 = 0 THEN 'REGION' ELSE 'PRIVATE' END)::"TransitionSharing", CASE WHEN k % 2 = 0 THEN 'nr' || ${region('o')} END, ${staffUser(s, 'o')}, ${C}, ${C}
        FROM generate_series(0, ${last(s.schools)}) k, LATERAL (SELECT ${schoolOrg('k')} AS o) x`,
        // Row g: dataset g / rowsPerDataset; within it cohort 2015 + k / 50 and 50 distinct (track, destination,
        // programme) combinations, so the unique key holds.
        `INSERT INTO "TransitionRow" ("datasetId", "cohortYear", "originBrin", "originVestiging", "originTrack", "destinationSector", "destinationBrin", "programmeCode", started, "enrolledAfterYear1", switched, "droppedOut", "diplomaNominal")
        SELECT 'ntd' || d, 2015 + k / 50, ${orgBrin(schoolOrg('d'))}, '00',
               (ARRAY['VMBO_B','VMBO_K','VMBO_GT','HAVO','VWO','MBO_1','MBO_2','MBO_3','MBO_4']::"TransitionOriginTrack"[])[1 + k % 50 % 9],
               (ARRAY['MBO','HBO','WO','LABOUR_MARKET','OTHER']::"TransitionDestination"[])[1 + (k % 50 / 9) % 5], '',
               CASE WHEN k % 50 >= 45 THEN '25001' ELSE '' END, n, n * 9 / 10, n / 10, n / 20, n * 6 / 10
        FROM generate_series(0, ${last(s.transitionRows)}) g, LATERAL (SELECT g / ${rowsPerDataset} AS d, g % ${rowsPerDataset} AS k, 5 + ${h('g', 9)} % 96 AS n) x`,
      ],
    },
    {
      table: 'FundReport',
      sql: [
        `INSERT INTO "FundGrant" (id, "regionId", "fundName", "startYear", "endYear", "penvoerderId", "coFinancingPercent", "createdAt", "updatedAt")
        SELECT 'nfg' || r, 'nr' || r, 'Regionale LOB-samenwerking vo-mbo-ho ${s.fundYears[0]}–${s.fundYears.at(-1)}', ${s.fundYears[0]}, ${s.fundYears.at(-1)}, 'no' || r, 100, ${C}, ${C}
        FROM generate_series(0, ${last(s.regions)}) r`,
        `INSERT INTO "FundAllocation" (id, "grantId", year, "amountCents", "reportDeadline")
        SELECT 'nfa' || (r * ${years} + i), 'nfg' || r, ${s.fundYears[0]} + i, 100000000, make_date(${s.fundYears[0]} + i + 1, 3, 1)
        FROM generate_series(0, ${last(s.regions)}) r, generate_series(0, ${years - 1}) i`,
        // 5,000,000 cents a line; a grant-year has fundLines / (regions × years) = 10 lines: 50,000,000 of 100,000,000.
        `INSERT INTO "FundBudgetLine" (id, "grantId", year, activity, category, "amountCents", "createdAt", "updatedAt")
        SELECT 'nfl' || l, 'nfg' || (l % ${s.regions}), ${lineYear('l')}, 'Activiteit ' || l, ${lineCategory('l')}, 5000000, ${C}, ${C}
        FROM generate_series(0, ${last(s.fundLines)}) l`,
        // A line's board is one of the boards of its region's organisations (the dashboards list those boards).
        `INSERT INTO "FundBudgetLineBoard" ("budgetLineId", "boardId")
        SELECT 'nfl' || l, rb.boards[1 + (l / ${s.regions * years}) % cardinality(rb.boards)]
        FROM generate_series(0, ${last(s.fundLines)}) l
        JOIN (SELECT m."regionId", array_agg(DISTINCT o."boardId" ORDER BY o."boardId") AS boards FROM "OrganisationRegion" m JOIN "Organisation" o ON o.id = m."organisationId" GROUP BY m."regionId") rb
          ON rb."regionId" = 'nr' || (l % ${s.regions})`,
        `INSERT INTO "FundLineVersion" (id, "budgetLineId", version, "budgetVersion", activity, category, year, "amountCents", "boardIds", "createdAt")
        SELECT 'nflv' || l, 'nfl' || l, 1, 1, 'Activiteit ' || l, ${lineCategory('l')}, ${lineYear('l')}, 5000000, ARRAY[${lineBoard('l')}], ${C}
        FROM generate_series(0, ${last(s.fundLines)}) l`,
        // Report f of line f / 10, by the line's board: at most 500,000 cents, so a line's reports stay within it.
        `INSERT INTO "FundReport" (id, "budgetLineId", "boardId", "amountCents", "coFinancedCents", "spentOn", description, category, status, "rejectReason", "createdById", "decidedById", "submittedAt", "decidedAt", "approvedLineVersionId", "createdAt", "updatedAt")
        SELECT 'nfr' || f, 'nfl' || l, ${lineBoard('l')}, a, a, make_date(${lineYear('l')}, 1, 15) + (f % 300), 'Uitgave ' || f, ${lineCategory('l')}, st,
               CASE WHEN st = 'REJECTED' THEN 'Bewijs ontbreekt' END, ${reporterUser(s, `substr(${lineBoard('l')}, 4)::int`)},
               CASE WHEN st IN ('APPROVED', 'REJECTED') THEN 'nu' || (l % ${s.regions}) END,
               CASE WHEN st <> 'DRAFT' THEN ${C} END, CASE WHEN st IN ('APPROVED', 'REJECTED') THEN ${C} + interval '1 day' END,
               CASE WHEN st = 'APPROVED' THEN 'nflv' || l END, ${C}, ${C}
        FROM generate_series(0, ${last(s.fundReports)}) f,
             LATERAL (SELECT f / ${s.reportsPerLine} AS l, 100000 + ${h('f', 10)} % 400001 AS a,
                             (CASE WHEN f % 10 < 6 THEN 'APPROVED' WHEN f % 10 < 8 THEN 'SUBMITTED' WHEN f % 10 = 8 THEN 'DRAFT' ELSE 'REJECTED' END)::"FundReportStatus" AS st) x`,
      ],
    },
    {
      table: 'Plan',
      sql: [
        `INSERT INTO "PlanTheme" (id, key, "nameNl", "nameEn", position) VALUES
           ('npt0', 'nat-lob-beleid', 'LOB in het beleid', 'Career guidance in the policy plan', 0),
           ('npt1', 'nat-leerlijn', 'Doorlopende leerlijn', 'Continuous learning line', 1),
           ('npt2', 'nat-ouders', 'Ouders betrekken', 'Involving parents', 2)`,
        `INSERT INTO "Plan" (id, "regionId", title, "startYear", "endYear", version, "adoptedAt", "createdAt", "updatedAt")
        SELECT 'npl' || r, 'nr' || r, 'Ambitieagenda regio ' || r, ${s.fundYears[0]}, ${s.fundYears.at(-1)}, 1, ${C}, ${C}, ${C} FROM generate_series(0, ${last(s.regions)}) r`,
        `INSERT INTO "PlanVersion" (id, "planId", number, reason, snapshot, "createdById", "createdAt")
        SELECT 'npv' || r, 'npl' || r, 1, 'Vastgesteld', '{}', 'nu' || r, ${C} FROM generate_series(0, ${last(s.regions)}) r`,
        `INSERT INTO "PlanEndorsement" (id, "versionId", "boardId", decision, "userId", "createdAt")
        SELECT 'npe' || r, 'npv' || r, 'nbd' || (r % ${s.boards}), 'AGREE', ${reporterUser(s, `r % ${s.boards}`)}, ${C} FROM generate_series(0, ${last(s.regions)}) r`,
        `INSERT INTO "PlanGoal" (id, "planId", "themeId", title, position, "createdAt")
        SELECT 'npgl' || g, 'npl' || (g / 5), 'npt' || (g % 3), 'Doel ' || (g % 5 + 1), g % 5, ${C} FROM generate_series(0, ${s.regions * 5 - 1}) g`,
        `INSERT INTO "PlanGoalOrganisation" ("goalId", "organisationId") SELECT 'npgl' || g, 'no' || (g / 5) FROM generate_series(0, ${s.regions * 5 - 1}) g`,
        `INSERT INTO "PlanIndicator" (id, "goalId", name, kind, direction, "baselineYear", "baselineValue", "sourceNote", "createdAt")
        SELECT 'npi' || i, 'npgl' || (i / 2), 'Indicator ' || i, 'MANUAL', (CASE WHEN i % 2 = 0 THEN 'HIGHER' ELSE 'LOWER' END)::"PlanDirection", ${s.fundYears[0]}, 50, 'Telling', ${C}
        FROM generate_series(0, ${s.regions * 10 - 1}) i`,
        `INSERT INTO "PlanTarget" ("indicatorId", year, value) SELECT 'npi' || i, ${s.fundYears[0]} + y, 50 + 5 * y FROM generate_series(0, ${s.regions * 10 - 1}) i, generate_series(0, ${years - 1}) y`,
        `INSERT INTO "PlanManualValue" ("indicatorId", year, value, "sourceNote") SELECT 'npi' || i, ${s.fundYears[0]} + y, 48 + i % 7 + 3 * y, 'Telling' FROM generate_series(0, ${s.regions * 10 - 1}) i, generate_series(0, 1) y`,
        `INSERT INTO "PlanGoalBudgetLine" ("goalId", "budgetLineId") SELECT 'npgl' || ((l % ${s.regions}) * 5 + (l / ${s.regions}) % 5), 'nfl' || l FROM generate_series(0, ${last(s.fundLines)}) l`,
      ],
    },
    {
      table: 'MonitorAssessment',
      sql: [
        `INSERT INTO "MonitorFramework" (id, version, "nameNl", "nameEn", "activatedAt", "createdAt", "updatedAt")
        SELECT 'nmf', COALESCE(max(version), 0) + 1, 'Kwaliteitskader LOB (landelijk)', 'Career guidance quality framework (national)', ${C}, ${C}, ${C} FROM "MonitorFramework"`,
        `INSERT INTO "MonitorSection" (id, "frameworkId", position, code, "nameNl", "nameEn") VALUES ('nms0', 'nmf', 0, 'nat.beleid', 'Beleid', 'Policy'), ('nms1', 'nmf', 1, 'nat.loopbaan', 'Loopbaangesprekken', 'Career conversations')`,
        `INSERT INTO "MonitorCriterion" (id, "frameworkId", "sectionId", position, code, "nameNl", "nameEn", "levelsNl", "levelsEn")
        SELECT 'nmc' || c, 'nmf', 'nms' || (c / 3), c % 3, 'nat.c' || c, 'Criterium ' || c, 'Criterion ' || c,
               ARRAY['Startend','In ontwikkeling','Op niveau','Voorbeeldig'], ARRAY['Starting','Developing','At level','Exemplary'] FROM generate_series(0, 5) c`,
        `INSERT INTO "MonitorAssessment" (id, "organisationId", "schoolYear", "frameworkId", status, "submittedAt", "sharedWithRegion", "createdAt", "updatedAt")
        SELECT 'nma' || a, 'no' || ${schoolOrg('a / 2')}, 2024 + a % 2, 'nmf', (CASE WHEN a % 2 = 0 THEN 'SUBMITTED' ELSE 'DRAFT' END)::"MonitorAssessmentStatus",
               CASE WHEN a % 2 = 0 THEN ${C} END, a / 2 % 3 = 0, ${C}, ${C}
        FROM generate_series(0, ${2 * s.schools - 1}) a`,
        `INSERT INTO "MonitorScore" ("assessmentId", "criterionId", score) SELECT 'nma' || a, 'nmc' || c, 1 + ${h('a * 6 + c', 12)} % 4 FROM generate_series(0, ${2 * s.schools - 1}) a, generate_series(0, 5) c`,
      ],
    },
    {
      table: 'Notification',
      sql: [`INSERT INTO "Notification" (id, "userId", kind, key, params, link, "readAt", "createdAt")
        SELECT 'nn' || n, 'nu' || (n / ${s.notificationsPerUser}), (ARRAY['calendar.proposed','calendar.published','calendar.rejected'])[1 + n % 3], 'nat:' || (n % ${s.notificationsPerUser}), '{}', '/agenda',
               CASE WHEN n % ${s.notificationsPerUser} < 3 THEN ${C} END, ${C} + n * interval '1 second'
        FROM generate_series(0, ${s.users * s.notificationsPerUser - 1}) n`],
    },
  ]
}
