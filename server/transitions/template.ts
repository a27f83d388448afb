import type { ImportField } from './schema.ts'

/**
 * The CSV template a school downloads before uploading: the expected columns (Dutch names the mapping recognises)
 * and two example rows that pass validateRow. Semicolon-separated with a BOM (Excel in Dutch opens it as is).
 */
export const TEMPLATE_COLUMNS: Record<ImportField, string> = {
  cohortYear: 'Cohortjaar',
  originBrin: 'BRIN',
  originVestiging: 'Vestiging',
  originTrack: 'Leerweg',
  destinationSector: 'Bestemming',
  destinationBrin: 'BRIN vervolg',
  programmeCode: 'Opleidingscode',
  started: 'Gestart',
  enrolledAfterYear1: 'Ingeschreven na jaar 1',
  switched: 'Geswitcht',
  droppedOut: 'Uitgevallen',
  diplomaNominal: 'Diploma nominaal',
}
export function templateRows(year = new Date().getUTCFullYear() - 2): string[][] {
  const fields = Object.keys(TEMPLATE_COLUMNS) as ImportField[]
  const example = (v: Record<ImportField, string>) => fields.map((f) => v[f])
  return [
    fields.map((f) => TEMPLATE_COLUMNS[f]),
    example({ cohortYear: String(year), originBrin: '21AB', originVestiging: '00', originTrack: 'havo', destinationSector: 'hbo', destinationBrin: '25KB', programmeCode: '34035', started: '40', enrolledAfterYear1: '34', switched: '4', droppedOut: '2', diplomaNominal: '0' }),
    example({ cohortYear: String(year), originBrin: '21AB', originVestiging: '00', originTrack: 'vmbo_gt', destinationSector: 'mbo', destinationBrin: '', programmeCode: '', started: '25', enrolledAfterYear1: '21', switched: '2', droppedOut: '2', diplomaNominal: '0' }),
  ]
}
