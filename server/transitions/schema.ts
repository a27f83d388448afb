import { z } from 'zod'
import { zId } from '../lib/zod.ts'

export const ORIGIN_TRACKS = ['VMBO_B', 'VMBO_K', 'VMBO_GT', 'HAVO', 'VWO', 'MBO_1', 'MBO_2', 'MBO_3', 'MBO_4'] as const
export const DESTINATIONS = ['MBO', 'HBO', 'WO', 'LABOUR_MARKET', 'OTHER'] as const
export const SOURCES = ['NCO', 'DUO', 'OWN'] as const
export const SHARINGS = ['PRIVATE', 'PARTNERS', 'REGION'] as const
export type OriginTrack = (typeof ORIGIN_TRACKS)[number]
export type Destination = (typeof DESTINATIONS)[number]

/** The fields of an import row; the user maps the file's columns onto these. */
export const IMPORT_FIELDS = [
  { field: 'cohortYear', required: true, aliases: ['cohort', 'cohortjaar', 'jaar', 'schooljaar', 'cohort_year'] },
  { field: 'originBrin', required: true, aliases: ['brin', 'brin_herkomst', 'herkomst_brin', 'brinnummer', 'origin_brin'] },
  { field: 'originVestiging', required: true, aliases: ['vestiging', 'vestigingsnummer', 'herkomst_vestiging', 'origin_vestiging', 'location', 'origin_location'] },
  { field: 'originTrack', required: true, aliases: ['leerweg', 'onderwijssoort', 'schoolsoort', 'herkomst', 'opleiding_herkomst', 'origin_track', 'track'] },
  { field: 'destinationSector', required: true, aliases: ['bestemming', 'vervolg', 'sector_vervolg', 'vervolgsector', 'destination', 'destination_sector'] },
  { field: 'destinationBrin', required: false, aliases: ['brin_vervolg', 'vervolg_brin', 'bestemming_brin', 'destination_brin'] },
  { field: 'programmeCode', required: false, aliases: ['crebo', 'croho', 'opleidingscode', 'programma', 'programme_code'] },
  { field: 'started', required: true, aliases: ['gestart', 'aantal', 'instroom', 'started'] },
  { field: 'enrolledAfterYear1', required: true, aliases: ['ingeschreven_na_jaar_1', 'na_1_jaar_ingeschreven', 'nog_ingeschreven', 'enrolled_after_year1', 'enrolled_after_year_1'] },
  { field: 'switched', required: true, aliases: ['geswitcht', 'switch', 'overgestapt', 'switched'] },
  { field: 'droppedOut', required: true, aliases: ['uitgevallen', 'uitval', 'voortijdig_uitgevallen', 'dropped_out'] },
  { field: 'diplomaNominal', required: true, aliases: ['diploma_nominaal', 'diploma_binnen_nominale_tijd', 'nominaal_diploma', 'diploma_nominal', 'diploma_in_nominal_time'] },
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]['field']
export const COUNT_FIELDS = ['started', 'enrolledAfterYear1', 'switched', 'droppedOut', 'diplomaNominal'] as const satisfies readonly ImportField[]
export const REQUIRED_FIELDS = IMPORT_FIELDS.filter((f) => f.required).map((f) => f.field)

/** Column mapping: field → the file's column header ('' / absent: not in the file, only for optional fields). */
export const ZColumnMapping = z.partialRecord(z.enum(IMPORT_FIELDS.map((f) => f.field) as [ImportField, ...ImportField[]]), z.string().max(200))
export type ColumnMapping = Partial<Record<ImportField, string>>

export const ZCreateDatasetInput = z.object({
  organisationId: zId,
  source: z.enum(SOURCES),
  description: z.string().trim().min(2, 'v.nameTooShort').max(500, 'v.tooLong'),
})

export const ZDatasetInput = z.object({ datasetId: zId })

export const ZListDatasetsInput = z.object({}).optional()

export const ZSetSharingInput = z
  .object({
    datasetId: zId,
    sharing: z.enum(SHARINGS),
    regionId: zId.optional(),
    partnerIds: z.array(zId).max(200).default([]),
  })
  .refine((v) => v.sharing !== 'PARTNERS' || v.partnerIds.length > 0, { path: ['partnerIds'], message: 'k.transitions.validation.partnersRequired' })
  .refine((v) => v.sharing !== 'REGION' || !!v.regionId, { path: ['regionId'], message: 'v.regionRequired' })

/** A report over one dataset, or over everything shared with a region. */
export const ZReportInput = z
  .object({ datasetId: zId.optional(), regionId: zId.optional(), cohortYear: z.number().int().min(1990).max(2100).optional() })
  .refine((v) => !!v.datasetId !== !!v.regionId, { message: 'k.transitions.validation.reportTarget' })

/** Options of an import request (the file itself is the request body). */
export const ZImportOptions = z.object({
  datasetId: zId,
  encoding: z.enum(['utf-8', 'latin1']),
  delimiter: z.enum([';', ',']),
  /** 1-based line number of the header row (DUO files have extra lines above it). */
  headerLine: z.number().int().min(1).max(50),
  mapping: ZColumnMapping,
  /** Explicit confirmation to replace cohorts that the dataset already holds. */
  replace: z.boolean().default(false),
})
export type ImportOptions = z.infer<typeof ZImportOptions>
