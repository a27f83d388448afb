import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { AttendanceSelect, CancelSlotButton, SlotEditForm } from '@/components/slots/actions'
import { ServesGoals } from '@/components/plan/serves-goals'
import { Pager, pageAt } from '@/components/ui/pager'

/** One slot: change capacity/location, participants with attendance, CSV/XLSX export, cancel. */
export default async function SlotPage({ params, searchParams }: { params: Promise<{ slotId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ slotId }, query] = await Promise.all([params, searchParams])
  const [t, locale, caller] = [await getTranslations('slots'), (await getLocale()) as 'nl' | 'en', await getCaller()]
  // Participants in booking order, 50 at a time. Another institution's slot is a 403, an unknown one a 404.
  const at = pageAt(query)
  const [slot, participants] = await Promise.all([guard(caller.slots.get({ id: slotId })), guard(caller.slots.participants({ slotId, cursor: at.cursor, limit: 50 }))])
  const started = slot.startsAt <= new Date()
  const questions = slot.questions as { id: string; label: string }[]
  return (
    <>
      <PageHeader
        title={t('slot.title', { programme: slot.programme.name, date: formatAmsterdam(slot.startsAt, 'd MMMM yyyy HH:mm', locale) })}
        description={`${slot.organisation.name} · ${slot.location} · ${slot.confirmedCount} / ${slot.capacity}`}
        actions={
          <>
            <a className={buttonClass('secondary')} href={`/api/slots/${slot.id}/export?format=csv`}>
              {t('slot.exportCsv')}
            </a>
            <a className={buttonClass('secondary')} href={`/api/slots/${slot.id}/export?format=xlsx`}>
              {t('slot.exportXlsx')}
            </a>
          </>
        }
      />
      <ServesGoals kind="programme" id={slot.programmeId} />
      {slot.status === 'CANCELLED' ? (
        <div className="mb-4">
          <Alert tone="warning">{t('slot.isCancelled')}</Alert>
        </div>
      ) : null}
      {slot.status === 'PUBLISHED' && !started ? (
        <Card title={t('slot.edit')}>
          <SlotEditForm slot={{ id: slot.id, capacity: slot.capacity, location: slot.location }} />
          <div className="mt-4">
            <CancelSlotButton id={slot.id} />
          </div>
        </Card>
      ) : null}
      <Card title={t('slot.participants')}>
        <DataTable
          caption={t('slot.participants')}
          rows={participants.items}
          rowKey={(b) => b.id}
          empty={t('school.none')}
          columns={[
            { key: 'pupil', header: t('slot.pupil'), cell: (b) => b.pupilName ?? t('slot.purged') },
            { key: 'email', header: t('slot.email'), cell: (b) => b.pupilEmail ?? '' },
            { key: 'school', header: t('slot.school'), cell: (b) => b.school?.name ?? b.schoolOther ?? '' },
            { key: 'level', header: t('slot.levelYear'), cell: (b) => `${t(`pupilLevels.${b.level}`)} ${b.year}` },
            { key: 'status', header: t('slot.status'), cell: (b) => t(`status.${b.status}`) },
            ...(questions.length
              ? [
                  {
                    key: 'answers',
                    header: t('slot.answers'),
                    cell: (b: (typeof participants.items)[number]) => {
                      const answers = (b.answers ?? {}) as Record<string, string>
                      const given = questions.filter((q) => answers[q.id])
                      return given.length ? (
                        <dl className="text-sm">
                          {given.map((q) => (
                            <div key={q.id}>
                              <dt className="font-medium">{q.label}</dt>
                              <dd className="break-words whitespace-pre-line">{answers[q.id]}</dd>
                            </div>
                          ))}
                        </dl>
                      ) : (
                        '—'
                      )
                    },
                  },
                ]
              : []),
            {
              key: 'attendance',
              header: t('slot.attendance'),
              cell: (b) =>
                b.status === 'CONFIRMED' && started ? (
                  <AttendanceSelect bookingId={b.id} value={b.attendance} label={`${t('slot.attendance')} ${b.pupilName ?? ''}`} />
                ) : b.attendance ? (
                  t(`attendance.${b.attendance}`)
                ) : (
                  ''
                ),
            },
          ]}
        />
        <Pager path={`/proefstuderen/${slot.id}`} at={at} shown={participants.items.length} total={participants.total} nextCursor={participants.nextCursor} testId="participants-pager" />
      </Card>
    </>
  )
}
