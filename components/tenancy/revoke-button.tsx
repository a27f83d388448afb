'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { applyServerError } from '@/components/ui/form'

/** A button that runs one action after an optional confirmation, then refreshes; says what happened or why not. */
function ActionButton({ label, text, confirm, done, run }: { label: string; text: string; confirm?: string; done?: string; run: () => Promise<unknown> }) {
  const router = useRouter()
  const [state, setState] = useState<{ error?: string; done?: string }>({})
  return (
    <span className="flex flex-col gap-1">
      <Button
        variant="secondary"
        aria-label={label}
        onClick={async () => {
          if (confirm && !window.confirm(confirm)) return
          setState({})
          try {
            await run()
            setState({ done })
            router.refresh()
          } catch (err) {
            setState({ error: applyServerError(err) })
          }
        }}
      >
        {text}
      </Button>
      {state.error ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : state.done ? (
        <span role="status" className="text-sm text-green-800">
          {state.done}
        </span>
      ) : null}
    </span>
  )
}

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
