import type { Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { IMPORT_FIELDS, type ImportField } from './schema.ts'

/**
 * The CSV template a school downloads before uploading: the expected columns, named in the UI's language from the
 * catalogue (`transitions.import.templateColumns`; the import's suggested mapping recognises the Dutch and the
 * English names, and the user maps any column by hand), and two example rows that pass validateRow.
 * Semicolon-separated with a BOM (Excel in Dutch opens it as is).
 */
export function templateColumns(locale: Locale = 'nl'): string[] {
  const t = translator(locale, 'transitions.import.templateColumns')
  return IMPORT_FIELDS.map((f) => t(f.field))
}

export function templateRows(year = new Date().getUTCFullYear() - 2, locale: Locale = 'nl'): string[][] {
  const fields = IMPORT_FIELDS.map((f) => f.field)
  const example = (v: Record<ImportField, string>) => fields.map((f) => v[f])
  return [
    templateColumns(locale),
    example({ cohortYear: String(year), originBrin: '21AB', originVestiging: '00', originTrack: 'havo', destinationSector: 'hbo', destinationBrin: '25KB', programmeCode: '34035', started: '40', enrolledAfterYear1: '34', switched: '4', droppedOut: '2', diplomaNominal: '0' }),
    example({ cohortYear: String(year), originBrin: '21AB', originVestiging: '00', originTrack: 'vmbo_gt', destinationSector: 'mbo', destinationBrin: '', programmeCode: '', started: '25', enrolledAfterYear1: '21', switched: '2', droppedOut: '2', diplomaNominal: '0' }),
  ]
}
