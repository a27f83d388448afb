'use client'
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/layout'
import { SelectField } from '@/components/ui/field'
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from '@/server/transitions/schema'

type Analysis = { encoding: 'utf-8' | 'latin1'; delimiter: ';' | ','; headerLine: number; columns: string[]; mapping: ColumnMapping; existingCohorts: number[] }
type Failure = { error: string; key?: string; errors?: { line: number; column: string; message: string }[]; errorCount?: number }
const SAMPLE = 64 * 1024
const MAX_MB = 50

async function post<T>(path: string, options: unknown, body: Blob): Promise<{ ok: true; data: T } | { ok: false; status: number; failure: Failure }> {
  const res = await fetch(`${path}?options=${encodeURIComponent(JSON.stringify(options))}`, { method: 'POST', body, headers: { 'content-type': 'text/csv' } })
  const json = await res.json().catch(() => ({ error: res.statusText }))
  return res.ok ? { ok: true, data: json as T } : { ok: false, status: res.status, failure: json as Failure }
}

/** Upload → column mapping → import; every row error is listed with its line and column; nothing is written on any error. */
export function ImportPanel({ datasetId }: { datasetId: string }) {
  const t = useTranslations('transitions.import')
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [analysis, setAnalysis] = useState<Analysis | null>(null)
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [failure, setFailure] = useState<Failure | null>(null)
  const [confirm, setConfirm] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function analyse(f: File) {
    setFailure(null)
    setDone(null)
    setConfirm(null)
    setAnalysis(null)
    const res = await post<Analysis>('/api/transitions/analyse', { datasetId }, f.slice(0, SAMPLE))
    if (!res.ok) return setFailure(res.failure)
    setAnalysis(res.data)
    setMapping(res.data.mapping)
  }

  async function runImport(replace: boolean) {
    if (!file || !analysis) return
    setBusy(true)
    setFailure(null)
    setDone(null)
    const res = await post<{ rows: number; cohorts: number[]; replacedElsewhere: { description: string; cohortYear: number }[] }>(
      '/api/transitions/import',
      { datasetId, encoding: analysis.encoding, delimiter: analysis.delimiter, headerLine: analysis.headerLine, mapping, replace },
      file,
    )
    setBusy(false)
    if (res.ok) {
      setConfirm(null)
      const elsewhere = res.data.replacedElsewhere
      const replacedNote = elsewhere.length
        ? ' ' + t('doneReplaced', { cohorts: [...new Set(elsewhere.map((o) => o.cohortYear))].join(', '), datasets: [...new Set(elsewhere.map((o) => `“${o.description}”`))].join(', ') })
        : ''
      setDone(t('done', { rows: res.data.rows, cohorts: res.data.cohorts.join(', ') }) + replacedNote)
      await queryClient.invalidateQueries()
    } else if (res.status === 409 && (res.failure.key === 'transitions.import.errors.cohortExists' || res.failure.key === 'transitions.import.errors.overlap')) setConfirm(res.failure.error)
    else setFailure(res.failure)
  }

  const set = (field: ImportField, column: string) => setMapping((m) => ({ ...m, [field]: column || undefined }))
  return (
    <Card title={t('title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (file) void analyse(file)
        }}
        className="flex flex-wrap items-end gap-3"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="transitions-file" className="text-sm font-medium text-slate-900">
            {t('file')}
          </label>
          <p id="transitions-file-hint" className="text-xs text-slate-700">
            {t('fileHint', { mb: MAX_MB })}
          </p>
          <input
            id="transitions-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="transitions-file-hint"
            className="text-sm"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null
              setFile(f)
              if (f) void analyse(f)
            }}
          />
        </div>
      </form>
      <p className="mt-2 text-sm text-slate-800">
        {t('templateHint', { columns: IMPORT_FIELDS.map((f) => t(`templateColumns.${f.field}`)).join(', ') })}{' '}
        <a href="/api/transitions/template" download className="font-medium underline" data-testid="transitions-template">
          {t('template')}
        </a>
      </p>
      {analysis ? (
        <form
          className="mt-4"
          onSubmit={(e) => {
            e.preventDefault()
            void runImport(false)
          }}
        >
          <h3 className="text-base font-semibold text-slate-900">{t('mappingTitle')}</h3>
          <p className="mb-1 text-sm text-slate-700">{t('mappingHint')}</p>
          <p className="mb-3 text-sm text-slate-700" data-testid="import-detected">
            {t('detected', { encoding: analysis.encoding === 'utf-8' ? 'UTF-8' : 'Latin-1', delimiter: analysis.delimiter, line: analysis.headerLine })}
          </p>
          <div className="mb-3 grid grid-cols-1 gap-3 sm:grid-cols-3">
            <SelectField
              label={t('encoding')}
              value={analysis.encoding}
              onChange={(e) => setAnalysis({ ...analysis, encoding: e.target.value as Analysis['encoding'] })}
              options={[{ value: 'utf-8', label: 'UTF-8' }, { value: 'latin1', label: 'Latin-1 (ISO-8859-1)' }]}
            />
            <SelectField
              label={t('delimiter')}
              value={analysis.delimiter}
              onChange={(e) => setAnalysis({ ...analysis, delimiter: e.target.value as Analysis['delimiter'] })}
              options={[{ value: ';', label: ';' }, { value: ',', label: ',' }]}
            />
            {IMPORT_FIELDS.map((f) => (
              <SelectField
                key={f.field}
                label={t(`fields.${f.field}`)}
                required={f.required}
                value={mapping[f.field] ?? ''}
                onChange={(e) => set(f.field, e.target.value)}
                placeholder={t('notInFile')}
                options={analysis.columns.map((c) => ({ value: c, label: c }))}
              />
            ))}
          </div>
          <Button type="submit" disabled={busy}>
            {busy ? t('importing') : t('submit')}
          </Button>
        </form>
      ) : null}
      <div className="mt-4 space-y-3" aria-live="polite">
        {done ? <Alert tone="success">{done}</Alert> : null}
        {confirm ? (
          <Alert tone="warning" title={confirm}>
            <Button variant="danger" className="mt-2" disabled={busy} onClick={() => void runImport(true)}>
              {t('replace')}
            </Button>
          </Alert>
        ) : null}
        {failure ? (
          <Alert tone="error" title={failure.errors ? t('errorsTitle', { count: failure.errorCount ?? failure.errors.length }) : failure.error}>
            {failure.errors ? (
              <>
                {failure.errors.length < (failure.errorCount ?? 0) ? <p>{t('errorsMore', { shown: failure.errors.length, count: failure.errorCount ?? 0 })}</p> : null}
                <ul className="mt-1 list-disc pl-5" data-testid="import-errors">
                  {failure.errors.map((e, i) => (
                    <li key={i}>
                      {t('errorLine', { line: e.line })}
                      {e.column ? `, ${t('errorColumn', { column: e.column })}` : ''}: {e.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Alert>
        ) : null}
      </div>
    </Card>
  )
}
