'use client'
import { useRef, useState } from 'react'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { FormStatus } from '@/components/ui/form'

/**
 * Uploads one file to a fund route handler that stores it through the evidence storage (the server checks the type
 * by content, and the size); says what happened and refreshes the page.
 */
export function FileUpload({ url, accept, text }: { url: string; accept: string; text: { file: string; hint: string; upload: string; uploaded: string; refused: string } }) {
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
      const res = await fetch(url, { method: 'POST', body })
      const json = (await res.json().catch(() => ({}))) as { error?: string }
      if (!res.ok) return setError(json.error ?? text.refused)
      setDone(text.uploaded)
      if (input.current) input.current.value = ''
      router.refresh()
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <TextField ref={input} type="file" name="file" label={text.file} hint={text.hint} accept={accept} />
      <FormStatus error={error} success={done} />
      <div>
        <Button type="submit" variant="secondary" disabled={busy}>
          {text.upload}
        </Button>
      </div>
    </form>
  )
}

/** Evidence of an expenditure report: PDF or an image. */
export function EvidenceUpload({ reportId }: { reportId: string }) {
  const t = useTranslations('fund')
  return (
    <FileUpload
      url={`/api/fund/reports/${reportId}/evidence`}
      accept="application/pdf,image/png,image/jpeg,image/webp"
      text={{ file: t('reports.evidenceFile'), hint: t('reports.evidenceHint'), upload: t('reports.upload'), uploaded: t('reports.uploaded'), refused: t('errors.fileType') }}
    />
  )
}

/** The grant decision (beschikking): a PDF attached to the grant. */
export function GrantDocumentUpload({ grantId }: { grantId: string }) {
  const t = useTranslations('fund')
  return (
    <FileUpload
      url={`/api/fund/grants/${grantId}/documents`}
      accept="application/pdf"
      text={{ file: t('documents.file'), hint: t('documents.hint'), upload: t('documents.upload'), uploaded: t('documents.uploaded'), refused: t('errors.decisionPdf') }}
    />
  )
}
