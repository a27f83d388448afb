'use client'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { ActionButton } from '@/components/ui/action-button'

/** Takes a role away from a user, after confirming. */
export function RevokeButton({ membershipId, label }: { membershipId: string; label: string }) {
  const t = useTranslations('admin.members')
  const revoke = useMutation(useTRPC().member.revoke.mutationOptions())
  return <ActionButton label={label} text={t('revoke')} confirm={t('revokeConfirm')} run={() => revoke.mutateAsync({ membershipId })} />
}

/** Resends or withdraws (after confirming) a pending invitation. */
export function InvitationActions({ invitationId, email }: { invitationId: string; email: string }) {
  const t = useTranslations('admin.members')
  const trpc = useTRPC()
  const resend = useMutation(trpc.member.resendInvitation.mutationOptions())
  const withdraw = useMutation(trpc.member.withdrawInvitation.mutationOptions())
  return (
    <span className="flex flex-wrap gap-2">
      <ActionButton label={`${t('resend')}: ${email}`} text={t('resend')} done={t('resent')} run={() => resend.mutateAsync({ invitationId })} />
      <ActionButton label={`${t('withdraw')}: ${email}`} text={t('withdraw')} confirm={t('withdrawConfirm', { email })} run={() => withdraw.mutateAsync({ invitationId })} />
    </span>
  )
}
