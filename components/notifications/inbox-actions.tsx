'use client'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { ActionButton } from '@/components/ui/action-button'

export function MarkReadButton({ id, title }: { id: string; title: string }) {
  const t = useTranslations('notifications')
  const m = useMutation(useTRPC().notifications.markRead.mutationOptions())
  return <ActionButton testId="mark-read" text={t('markRead')} label={`${t('markRead')}: ${title}`} done={t('markedRead')} run={() => m.mutateAsync({ id })} />
}

export function MarkAllReadButton() {
  const t = useTranslations('notifications')
  const m = useMutation(useTRPC().notifications.markAllRead.mutationOptions())
  return <ActionButton testId="mark-all-read" text={t('markAllRead')} done={t('markedAllRead')} run={() => m.mutateAsync()} />
}
