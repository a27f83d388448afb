/**
 * Importing a transition CSV into a dataset: streamed, validated row by row, all-or-nothing. Reading goes on
 * after the first invalid row so that the user sees every error with its line and column.
 */
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { audit } from '../db/audit.ts'
import { AppError, conflict, invalid } from '../lib/errors.ts'
import { bulkPool } from './pg.ts'
import { loadOwnedDataset } from './datasets.ts'
import { refreshRegionTables } from './region-tables.ts'
import { ZColumnMapping, type ColumnMapping, type ImportOptions } from './schema.ts'
import { MAX_LISTED_ERRORS, byteLimit, missingColumns, readRows, sniff, suggestMapping, validateRow, type RowError, type ValidRow } from './csv.ts'

const BATCH = 2000
const KEY = '"cohortYear", "originBrin", "originVestiging", "originTrack", "destinationSector", "destinationBrin", "programmeCode"'
const COUNTS = '"started", "enrolledAfterYear1", "switched", "droppedOut", "diplomaNominal"'

const STAGE_SQL = `
  INSERT INTO "TransitionImportRow" ("importId", "line", ${KEY}, ${COUNTS})
  SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[]::"TransitionOriginTrack"[], $7::text[]::"TransitionDestination"[],
    $8::text[], $9::text[], $10::int[], $11::int[], $12::int[], $13::int[], $14::int[])`

/** Stages a batch of validated rows with one statement of array parameters (unnest), whatever the batch size. */
async function stageRows(importId: string, rows: { line: number; row: ValidRow }[]) {
  const col = <K extends keyof ValidRow>(k: K) => rows.map((r) => r.row[k])
  await bulkPool().query(STAGE_SQL, [
    importId,
    rows.map((r) => r.line),
    col('cohortYear'),
    col('originBrin'),
    col('originVestiging'),
    col('originTrack'),
    col('destinationSector'),
    col('destinationBrin'),
    col('programmeCode'),
    col('started'),
    col('enrolledAfterYear1'),
    col('switched'),
    col('droppedOut'),
    col('diplomaNominal'),
  ])
}

/** Staged rows that repeat an earlier line's key (cohort × origin × destination × programme), with that line. */
async function stagedDuplicates(db: Db, importId: string): Promise<{ errors: RowError[]; count: number }> {
  const rows = await db.$queryRawUnsafe<{ line: number; first: number; total: number }[]>(
    `SELECT line, first, count(*) OVER ()::int AS total FROM (
       SELECT line, min(line) OVER (PARTITION BY ${KEY}) AS first FROM "TransitionImportRow" WHERE "importId" = $1
     ) d WHERE line <> first ORDER BY line LIMIT ${MAX_LISTED_ERRORS}`,
    importId,
  )
  return { errors: rows.map((r) => ({ line: r.line, column: '', key: 'transitions.import.row.duplicate', value: String(r.first) })), count: rows[0]?.total ?? 0 }
}

/** An import that found invalid rows: nothing was written; `errors` lists them (up to MAX_LISTED_ERRORS). */
export class ImportRejected extends AppError {
  readonly errors: RowError[]
  readonly errorCount: number
  constructor(errors: RowError[], errorCount: number) {
    super('VALIDATION', 'transitions.import.errors.rows', { count: errorCount })
    this.errors = errors
    this.errorCount = errorCount
  }
}

async function rememberedMapping(db: Db, organisationId: string): Promise<ColumnMapping | null> {
  const m = await db.transitionImportMapping.findUnique({ where: { organisationId } })
  const parsed = ZColumnMapping.safeParse(m?.mapping)
  return parsed.success ? parsed.data : null
}

/** Step 1: the start of the file → encoding, delimiter, header line, columns and a suggested (or remembered) mapping. */
export async function analyseImport(db: Db, actor: Actor, datasetId: string, sample: Buffer | (() => Promise<Buffer>)) {
  const ds = await loadOwnedDataset(db, actor, datasetId)
  // A route passes a reader, so the request body is read only after the dataset's owner is checked.
  const sniffed = sniff(typeof sample === 'function' ? await sample() : sample)
  const mapping = suggestMapping(sniffed.columns, await rememberedMapping(db, ds.organisationId))
  const existingCohorts = (await db.transitionRow.groupBy({ by: ['cohortYear'], where: { datasetId }, orderBy: { cohortYear: 'asc' } })).map((c) => c.cohortYear)
  return { ...sniffed, mapping, existingCohorts }
}

/**
 * The organisation's other datasets of the same source that hold any of these cohorts: an import overlapping them
 * would count the same pupils twice, so it needs confirmation and then replaces those cohorts there.
 */
async function overlappingDatasets(db: Db, ds: Pick<Awaited<ReturnType<typeof loadOwnedDataset>>, 'id' | 'organisationId' | 'source'>, cohorts: number[]) {
  const rows = await db.transitionRow.groupBy({
    by: ['datasetId', 'cohortYear'],
    where: { cohortYear: { in: cohorts }, datasetId: { not: ds.id }, dataset: { organisationId: ds.organisationId, source: ds.source } },
    orderBy: [{ datasetId: 'asc' }, { cohortYear: 'asc' }],
  })
  const names = new Map((await db.transitionDataset.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.datasetId))] } }, select: { id: true, description: true } })).map((d) => [d.id, d.description]))
  return rows.map((r) => ({ datasetId: r.datasetId, description: names.get(r.datasetId) ?? '', cohortYear: r.cohortYear }))
}

/**
 * Step 2: the whole file with the confirmed options. Rows stream through validation into a staging table in
 * batches; only when the whole file is valid (and replacing existing cohorts is confirmed) are they moved into
 * the dataset, in one transaction with the audit entry. Any error: nothing is written (the staging rows go).
 */
export async function importCsv(db: Db, actor: Actor, options: ImportOptions, input: Readable, limits: { maxBytes?: number } = {}) {
  const ds = await loadOwnedDataset(db, actor, options.datasetId)
  const limited = input.pipe(byteLimit(limits.maxBytes))
  input.on('error', (e) => limited.destroy(e))
  const importId = randomUUID()
  try {
    const existing = new Set((await db.transitionRow.groupBy({ by: ['cohortYear'], where: { datasetId: ds.id } })).map((c) => c.cohortYear))
    const errors: RowError[] = []
    let errorCount = 0
    const cohorts = new Set<number>()
    let batch: { line: number; row: ValidRow }[] = []
    const rows = readRows(limited, {
      encoding: options.encoding,
      delimiter: options.delimiter,
      headerLine: options.headerLine,
      onHeader: (columns) => {
        const missing = missingColumns(options.mapping, columns)
        if (missing.length) throw invalid('transitions.import.errors.missingColumns', { columns: missing.map((f) => options.mapping[f] || f).join(', ') })
      },
    })
    for await (const raw of rows) {
      const { row, errors: rowErrors } = validateRow(raw, options.mapping)
      for (const e of rowErrors) {
        errorCount += 1
        if (errors.length < MAX_LISTED_ERRORS) errors.push(e)
      }
      if (!row) continue
      cohorts.add(row.cohortYear)
      batch.push({ line: raw.line, row })
      if (batch.length >= BATCH) {
        await stageRows(importId, batch)
        batch = []
      }
    }
    if (batch.length) await stageRows(importId, batch)
    const duplicates = await stagedDuplicates(db, importId)
    if (errorCount || duplicates.count) {
      const all = [...errors, ...duplicates.errors].sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_ERRORS)
      throw new ImportRejected(all, errorCount + duplicates.count)
    }
    if (!cohorts.size) throw invalid('transitions.import.errors.noRows')
    const replaced = [...cohorts].filter((c) => existing.has(c)).sort((a, b) => a - b)
    if (replaced.length && !options.replace) throw conflict('transitions.import.errors.cohortExists', { cohorts: replaced.join(', ') })
    const sortedCohorts = [...cohorts].sort((a, b) => a - b)
    const overlaps = await overlappingDatasets(db, ds, sortedCohorts)
    if (overlaps.length && !options.replace)
      throw conflict('transitions.import.errors.overlap', {
        cohorts: [...new Set(overlaps.map((o) => o.cohortYear))].join(', '),
        datasets: [...new Set(overlaps.map((o) => `“${o.description}”`))].join(', '),
      })

    const result = await db.$transaction(
      async (tx) => {
        if (replaced.length) await tx.transitionRow.deleteMany({ where: { datasetId: ds.id, cohortYear: { in: replaced } } })
        // replacing an overlapping dataset's cohorts: the organisation's figures for a cohort and source live in one place
        for (const o of overlaps) await tx.transitionRow.deleteMany({ where: { datasetId: o.datasetId, cohortYear: o.cohortYear } })
        const written = await tx.$executeRawUnsafe(
          `INSERT INTO "TransitionRow" ("datasetId", ${KEY}, ${COUNTS}) SELECT $1, ${KEY}, ${COUNTS} FROM "TransitionImportRow" WHERE "importId" = $2`,
          ds.id,
          importId,
        )
        await tx.transitionImportRow.deleteMany({ where: { importId } })
        await tx.transitionImportMapping.upsert({
          where: { organisationId: ds.organisationId },
          create: { organisationId: ds.organisationId, mapping: options.mapping },
          update: { mapping: options.mapping },
        })
        await tx.transitionDataset.update({ where: { id: ds.id }, data: { updatedAt: new Date() } })
        await audit(tx, actor, {
          action: 'transitions.import',
          entityType: 'TransitionDataset',
          entityId: ds.id,
          organisationId: ds.organisationId,
          regionId: ds.regionId,
          after: { rows: written, cohorts: sortedCohorts, replaced, replacedElsewhere: overlaps, encoding: options.encoding, delimiter: options.delimiter },
        })
        return { rows: written, cohorts: sortedCohorts, replaced, replacedElsewhere: overlaps }
      },
      { timeout: 5 * 60_000, maxWait: 30_000 },
    )
    // the region's protected figures for the next reader (they changed with this import, if the dataset is shared with it)
    await refreshRegionTables(db, [ds.sharing === 'REGION' ? ds.regionId : null])
    return result
  } finally {
    await db.transitionImportRow.deleteMany({ where: { importId } })
  }
}
