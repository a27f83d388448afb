'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { applyServerError } from '@/components/ui/form'

export function RevokeButton({ membershipId, label }: { membershipId: string; label: string }) {
  const t = useTranslations('admin.members')
  const router = useRouter()
  const [error, setError] = useState<string>()
  const revoke = useMutation(useTRPC().member.revoke.mutationOptions())
  return (
    <span className="flex flex-col gap-1">
      <Button
        variant="secondary"
        aria-label={label}
        onClick={async () => {
          try {
            await revoke.mutateAsync({ membershipId })
            router.refresh()
          } catch (err) {
            setError(applyServerError(err))
          }
        }}
      >
        {t('revoke')}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  )
}
