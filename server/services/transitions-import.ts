/**
 * Importing a transition CSV into a dataset: streamed, validated row by row, all-or-nothing in one transaction.
 * Valid rows go to the database in batches inside that transaction while the file streams in (memory stays
 * flat); once any row is invalid, writing stops but reading goes on so the user sees every error, and the
 * transaction is rolled back.
 */
import type { Readable } from 'node:stream'
import type { Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { audit } from '../audit.ts'
import { AppError, conflict, invalid } from '../errors.ts'
import { loadOwnedDataset } from './transitions.ts'
import { ZColumnMapping, type ColumnMapping, type ImportOptions } from '../schemas/transitions.ts'
import { MAX_LISTED_ERRORS, byteLimit, keyHash, missingColumns, readRows, rowKey, sniff, suggestMapping, validateRow, type RowError, type ValidRow } from '../transitions/csv.ts'

const BATCH = 1000

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
export async function analyseImport(db: Db, actor: Actor, datasetId: string, sample: Buffer) {
  const ds = await loadOwnedDataset(db, actor, datasetId)
  const sniffed = sniff(sample)
  const mapping = suggestMapping(sniffed.columns, await rememberedMapping(db, ds.organisationId))
  const existingCohorts = (await db.transitionRow.groupBy({ by: ['cohortYear'], where: { datasetId }, orderBy: { cohortYear: 'asc' } })).map((c) => c.cohortYear)
  return { ...sniffed, mapping, existingCohorts }
}

/** Step 2: the whole file with the confirmed options. */
export async function importCsv(db: Db, actor: Actor, options: ImportOptions, input: Readable, limits: { maxBytes?: number } = {}) {
  const ds = await loadOwnedDataset(db, actor, options.datasetId)
  const limited = input.pipe(byteLimit(limits.maxBytes))
  input.on('error', (e) => limited.destroy(e))
  return db.$transaction(
    async (tx) => {
      const existing = new Set((await tx.transitionRow.groupBy({ by: ['cohortYear'], where: { datasetId: ds.id } })).map((c) => c.cohortYear))
      const errors: RowError[] = []
      let errorCount = 0
      const seen = new Map<number, number>() // key hash → first line
      const cohorts = new Set<number>()
      const conflicts = new Set<number>()
      let batch: (ValidRow & { datasetId: string })[] = []
      let written = 0
      const flush = async () => {
        if (!batch.length) return
        await tx.transitionRow.createMany({ data: batch })
        written += batch.length
        batch = []
      }
      const report = (e: RowError) => {
        errorCount += 1
        if (errors.length < MAX_LISTED_ERRORS) errors.push(e)
      }
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
        rowErrors.forEach(report)
        if (!row) continue
        const h = keyHash(rowKey(row))
        const first = seen.get(h)
        if (first !== undefined) {
          report({ line: raw.line, column: '', key: 'transitions.import.row.duplicate', value: String(first) })
          continue
        }
        seen.set(h, raw.line)
        if (!cohorts.has(row.cohortYear)) {
          cohorts.add(row.cohortYear)
          if (existing.has(row.cohortYear)) {
            conflicts.add(row.cohortYear)
            if (options.replace) await tx.transitionRow.deleteMany({ where: { datasetId: ds.id, cohortYear: row.cohortYear } })
          }
        }
        if (errorCount || (conflicts.size && !options.replace)) continue
        batch.push({ ...row, datasetId: ds.id })
        if (batch.length >= BATCH) await flush()
      }
      if (errorCount) throw new ImportRejected(errors, errorCount)
      if (!cohorts.size) throw invalid('transitions.import.errors.noRows')
      if (conflicts.size && !options.replace) throw conflict('transitions.import.errors.cohortExists', { cohorts: [...conflicts].sort().join(', ') })
      await flush()
      await tx.transitionImportMapping.upsert({
        where: { organisationId: ds.organisationId },
        create: { organisationId: ds.organisationId, mapping: options.mapping },
        update: { mapping: options.mapping },
      })
      await tx.transitionDataset.update({ where: { id: ds.id }, data: { updatedAt: new Date() } })
      const sortedCohorts = [...cohorts].sort((a, b) => a - b)
      await audit(tx, actor, {
        action: 'transitions.import',
        entityType: 'TransitionDataset',
        entityId: ds.id,
        organisationId: ds.organisationId,
        regionId: ds.regionId,
        after: { rows: written, cohorts: sortedCohorts, replaced: [...conflicts].sort(), encoding: options.encoding, delimiter: options.delimiter },
      })
      return { rows: written, cohorts: sortedCohorts, replaced: [...conflicts].sort((a, b) => a - b) }
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  )
}
