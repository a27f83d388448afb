'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { SimpleForm } from '@/components/ui/simple-form'
import { DataTable } from '@/components/ui/table'
import { IMPORT_FIELDS, ZPupilInput, type ColumnMapping } from '@/server/participation/schema'

function useAction() {
  const router = useRouter()
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const run = async <T,>(fn: () => Promise<T>, success: (r: T) => string) => {
    setStatus({})
    try {
      const r = await fn()
      setStatus({ success: success(r) })
      router.refresh()
      return r
    } catch (err) {
      setStatus({ error: applyServerError(err) })
      return undefined
    }
  }
  return { status, setStatus, run }
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

type RowError = { line: number; column: string; key: string; value?: string }

/** Import in two steps: read the file (columns + suggested mapping), then import with the confirmed mapping. */
export function ImportPanel({ schoolId, schoolYear }: { schoolId: string; schoolYear: number }) {
  const t = useTranslations('participation.import')
  const tAll = useTranslations()
  const trpc = useTRPC()
  const analyse = useMutation(trpc.participation.analyseImport.mutationOptions())
  const importPupils = useMutation(trpc.participation.importPupils.mutationOptions())
  const { status, setStatus, run } = useAction()
  const [file, setFile] = useState<{ name: string; content: string } | null>(null)
  const [columns, setColumns] = useState<string[] | null>(null)
  const [rowCount, setRowCount] = useState(0)
  const [mapping, setMapping] = useState<Partial<ColumnMapping>>({})
  const [errors, setErrors] = useState<RowError[]>([])
  const onFile = async (f: File | undefined) => {
    setColumns(null)
    setErrors([])
    setStatus({})
    if (!f) return setFile(null)
    setFile({ name: f.name, content: await fileToBase64(f) })
  }
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">{t('hint')}</p>
      <FormStatus error={status.error} success={status.success} />
      <form
        aria-label={t('title')}
        className="flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault()
          if (!file) return
          const r = await run(() => analyse.mutateAsync({ schoolId, fileName: file.name, content: file.content }), (x) => t('rows', { count: x.rowCount }))
          if (r) {
            setColumns(r.columns)
            setMapping(r.mapping)
            setRowCount(r.rowCount)
          }
        }}
      >
        <TextField label={t('file')} type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void onFile(e.target.files?.[0])} />
        <div>
          <Button type="submit" variant="secondary" disabled={!file || analyse.isPending}>
            {t('analyse')}
          </Button>
        </div>
      </form>
      {columns ? (
        <form
          aria-label={t('mapping')}
          className="flex flex-col gap-3"
          onSubmit={async (e) => {
            e.preventDefault()
            if (!file) return
            setErrors([])
            const r = await run(
              () => importPupils.mutateAsync({ schoolId, schoolYear, fileName: file.name, content: file.content, mapping: mapping as ColumnMapping }),
              (x) => (x.errorCount ? '' : t('done', { imported: x.imported, updated: x.updated })),
            )
            if (r?.errorCount) {
              setErrors(r.errors)
              setStatus({ error: t('failed', { count: r.errorCount }) })
            }
          }}
        >
          <h3 className="font-semibold">{t('mapping')}</h3>
          <p className="text-sm">
            {t('mappingHint')} {t('rows', { count: rowCount })}
          </p>
          <div className="grid gap-3 md:grid-cols-3">
            {IMPORT_FIELDS.map((f) => (
              <SelectField
                key={f.field}
                label={t(`fields.${f.field}`)}
                required={f.required}
                value={mapping[f.field] ?? ''}
                onChange={(e) => setMapping({ ...mapping, [f.field]: e.target.value || undefined })}
                options={[{ value: '', label: t('none') }, ...columns.map((c) => ({ value: c, label: c }))]}
              />
            ))}
          </div>
          <div>
            <Button type="submit" disabled={importPupils.isPending}>
              {t('submit')}
            </Button>
          </div>
        </form>
      ) : null}
      {errors.length ? (
        <DataTable
          caption={t('failed', { count: errors.length })}
          rows={errors}
          rowKey={(e) => `${e.line}:${e.column}:${e.key}`}
          columns={[
            { key: 'line', header: t('line'), cell: (e) => e.line, numeric: true },
            { key: 'column', header: t('column'), cell: (e) => e.column },
            { key: 'problem', header: t('problem'), cell: (e) => tAll(e.key, { value: e.value ?? '' }) },
          ]}
        />
      ) : null}
    </div>
  )
}

export function AddPupilForm({ schoolId, schoolYear, levels }: { schoolId: string; schoolYear: number; levels: { value: string; label: string }[] }) {
  const t = useTranslations('participation')
  const trpc = useTRPC()
  const add = useMutation(trpc.participation.addPupil.mutationOptions())
  return (
    <SimpleForm
      schema={ZPupilInput}
      label={t('add.title')}
      submitLabel={t('add.submit')}
      successMessage={t('add.done')}
      defaultValues={{ schoolId, schoolYear, name: '', email: '', level: 'HAVO', year: 4, className: '', pupilNumber: '' }}
      submit={(v) => add.mutateAsync(v)}
      fields={[
        { name: 'name', label: t('table.name'), required: true },
        { name: 'email', label: t('table.email'), required: true, type: 'email' },
        { name: 'level', label: t('table.level'), required: true, options: levels },
        { name: 'year', label: t('table.year'), required: true, type: 'number' },
        { name: 'className', label: t('table.class'), required: true },
        { name: 'pupilNumber', label: t('table.pupilNumber') },
      ]}
    />
  )
}

function download(csv: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([csv], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  URL.revokeObjectURL(url)
}

/** The overview's list actions: mail links to the pupils shown, export the class, remind those not booked in the campaign. */
export function ListActions({ schoolId, schoolYear, className, pupilIds, campaignId, notBooked }: { schoolId: string; schoolYear: number; className?: string; pupilIds: string[]; campaignId?: string; notBooked: number }) {
  const t = useTranslations('participation.overview')
  const trpc = useTRPC()
  const send = useMutation(trpc.participation.sendLinks.mutationOptions())
  const remind = useMutation(trpc.participation.remind.mutationOptions())
  const exp = useMutation(trpc.participation.exportClass.mutationOptions())
  const { status, run } = useAction()
  return (
    <div className="flex flex-col gap-3">
      <FormStatus error={status.error} success={status.success} />
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <Button disabled={!pupilIds.length} onClick={() => window.confirm(t('sendLinksConfirm', { count: pupilIds.length })) && run(() => send.mutateAsync({ pupilIds }), (r) => t('linksSent', { sent: r.sent }))}>
          {t('sendLinks')}
        </Button>
        <Button
          variant="secondary"
          onClick={() =>
            run(
              async () => {
                const r = await exp.mutateAsync({ schoolId, schoolYear, className })
                download(r.csv, r.fileName)
              },
              () => t('exported'),
            )
          }
        >
          {t('export')}
        </Button>
        {campaignId ? (
          <Button variant="secondary" disabled={!notBooked} onClick={() => window.confirm(t('remindConfirm')) && run(() => remind.mutateAsync({ schoolId, campaignId, schoolYear }), (r) => t('reminded', { count: r.reminded }))}>
            {t('remind')}
          </Button>
        ) : null}
      </div>
    </div>
  )
}

/** Per pupil: revoke the link, export the pupil's data (AVG), delete the pupil (asks first). */
export function PupilActions({ pupilId, name, linkActive }: { pupilId: string; name: string; linkActive: boolean }) {
  const t = useTranslations('participation.overview')
  const trpc = useTRPC()
  const revoke = useMutation(trpc.participation.revokeLink.mutationOptions())
  const exp = useMutation(trpc.participation.exportPupil.mutationOptions())
  const del = useMutation(trpc.participation.deletePupil.mutationOptions())
  const { status, run } = useAction()
  return (
    <div className="flex flex-col gap-1">
      <FormStatus error={status.error} success={status.success} />
      <div className="flex flex-wrap gap-1">
        {linkActive ? (
          <Button variant="secondary" aria-label={`${t('revoke')}: ${name}`} onClick={() => window.confirm(t('revokeConfirm')) && run(() => revoke.mutateAsync({ pupilId }), () => t('revoked'))}>
            {t('revoke')}
          </Button>
        ) : null}
        <Button
          variant="secondary"
          aria-label={`${t('exportPupil')}: ${name}`}
          onClick={() =>
            run(
              async () => download(JSON.stringify(await exp.mutateAsync({ pupilId }), null, 2), `leerling-${pupilId}.json`, 'application/json'),
              () => t('exportedPupil'),
            )
          }
        >
          {t('exportPupil')}
        </Button>
        <Button variant="danger" aria-label={`${t('delete')}: ${name}`} onClick={() => window.confirm(t('deleteConfirm')) && run(() => del.mutateAsync({ pupilId }), (r) => t('deleted', { count: r.cancelled }))}>
          {t('delete')}
        </Button>
      </div>
    </div>
  )
}

export function ConsentToggle({ schoolId, consent }: { schoolId: string; consent: boolean }) {
  const t = useTranslations('participation.consent')
  const trpc = useTRPC()
  const set = useMutation(trpc.participation.setConsent.mutationOptions())
  const { status, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm">{consent ? t('on') : t('off')}</p>
      <FormStatus error={status.error} success={status.success} />
      <div>
        <Button variant="secondary" onClick={() => run(() => set.mutateAsync({ schoolId, consent: !consent }), () => t('saved'))}>
          {consent ? t('withdraw') : t('grant')}
        </Button>
      </div>
    </div>
  )
}
