'use client'
import { useRef, useState } from 'react'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { FormStatus } from '@/components/ui/form'

/** Uploads an evidence file to the report's route handler; the server checks type (by content) and size. */
export function EvidenceUpload({ reportId }: { reportId: string }) {
  const t = useTranslations('fund')
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    setDone(null)
    const file = input.current?.files?.[0]
    if (!file) return setError(t('errors.fileMissing'))
    const body = new FormData()
    body.set('file', file)
    setBusy(true)
    try {
      const res = await fetch(`/api/fund/reports/${reportId}/evidence`, { method: 'POST', body })
      const json = (await res.json().catch(() => ({}))) as { error?: string }
      if (!res.ok) return setError(json.error ?? t('errors.fileType'))
      setDone(t('reports.uploaded'))
      if (input.current) input.current.value = ''
      router.refresh()
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <TextField ref={input} type="file" name="file" label={t('reports.evidenceFile')} hint={t('reports.evidenceHint')} accept="application/pdf,image/png,image/jpeg,image/webp" />
      <FormStatus error={error} success={done} />
      <div>
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('reports.upload')}
        </Button>
      </div>
    </form>
  )
}
