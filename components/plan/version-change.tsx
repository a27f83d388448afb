import { getLocale, getTranslations } from 'next-intl/server'
import type { Change } from '@/server/plan/diff'
import { schoolYearLabel } from '@/server/plan/format'
import { formatAmsterdam } from '@/server/lib/time'
import { intlLocale } from '@/server/i18n/config'

type T = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean }
type Locale = 'nl' | 'en'

/** Metric names of the computed indicators' configuration, by the four kinds' message groups. */
const METRIC_GROUPS = ['transitionMetrics', 'activityMetrics', 'fundMetrics', 'monitorMetrics'] as const

/**
 * One value of a changed field of a plan version, for people: translated enum values, school years, dates and
 * numbers in the UI language, names instead of keys — never field names or JSON (a version's diff is read by
 * boards deciding whether to endorse it).
 */
function formatValue(field: string, entity: Change['entity'], v: unknown, t: T, locale: Locale, themeNames: Map<string, string>): string {
  if (v === null || v === undefined || v === '') return '—'
  const tr = (key: string, fallback: string) => (t.has(key) ? t(key) : fallback)
  switch (field) {
    case 'status':
      return tr(entity === 'agreement' ? `agreements.statuses.${String(v)}` : `goals.statuses.${String(v)}`, String(v))
    case 'kind':
      return tr(`indicators.kinds.${String(v)}`, String(v))
    case 'direction':
      return tr(`indicators.directions.${String(v)}`, String(v))
    case 'party':
      return tr(`parties.${String(v)}`, String(v))
    case 'theme':
      return themeNames.get(String(v)) ?? String(v)
    case 'dueDate':
      return typeof v === 'string' ? formatAmsterdam(new Date(`${v}T12:00:00Z`), 'd MMM yyyy', locale) : String(v)
    case 'baselineYear':
      return typeof v === 'number' ? schoolYearLabel(v) : String(v)
    case 'decision': {
      const d = v as { year: number; decision: string; note?: string }
      const what = `${tr(`decisions.${d.decision}`, d.decision)} (${schoolYearLabel(d.year)})`
      return d.note ? `${what}: “${d.note}”` : what
    }
    case 'targets':
      return Object.entries(v as Record<string, number>)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([year, n]) => `${schoolYearLabel(Number(year))}: ${n.toLocaleString(intlLocale(locale))}`)
        .join('; ') || '—'
    case 'config':
      return Object.values(v as Record<string, unknown>)
        .filter((x) => x !== null && x !== undefined && x !== '')
        .map((x) => {
          const group = METRIC_GROUPS.find((g) => t.has(`indicators.${g}.${String(x)}`))
          return group ? t(`indicators.${group}.${String(x)}`) : String(x)
        })
        .join(', ') || '—'
  }
  if (typeof v === 'number') return v.toLocaleString(intlLocale(locale))
  if (Array.isArray(v)) return v.map(String).join(', ') || '—'
  return `“${String(v)}”`
}

/** A plan version's change list: "Doel “Ouders betrekken” gewijzigd — Status: actief → gestopt", one line a change. */
export async function VersionChanges({ diff, themeNames }: { diff: Change[]; themeNames: Map<string, string> }) {
  const t = (await getTranslations('plan')) as unknown as T
  const locale = (await getLocale()) as Locale
  const value = (d: Change, v: unknown) => formatValue(d.field!, d.entity, v, t, locale, themeNames)
  return (
    <ul className="ml-4 list-disc">
      {diff.map((d, i) => (
        <li key={i}>
          {t(`versions.entity.${d.entity}`)} “{d.label}” {t(`versions.kind.${d.kind}`)}
          {d.field ? ` — ${t(`versions.fields.${d.field}`)}: ${value(d, d.before)} → ${value(d, d.after)}` : ''}
        </li>
      ))}
    </ul>
  )
}
