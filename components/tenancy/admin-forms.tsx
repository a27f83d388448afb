'use client'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { ZCreateBoardInput, ZCreateRegionInput, ZInviteInput } from '@/server/schemas/tenancy'
import { SimpleForm } from '@/components/ui/simple-form'

export function NewRegionForm() {
  const t = useTranslations('admin.regions')
  const create = useMutation(useTRPC().region.create.mutationOptions())
  return (
    <SimpleForm
      label={t('new')}
      schema={ZCreateRegionInput}
      defaultValues={{ name: '', slug: '', province: '' }}
      fields={[
        { name: 'name', label: t('name'), required: true },
        { name: 'slug', label: t('slug'), required: true, hint: 'regio-twente' },
        { name: 'province', label: t('province'), required: true },
      ]}
      submit={(v) => create.mutateAsync(v)}
      submitLabel={t('new')}
      successMessage={t('created')}
    />
  )
}

export function NewBoardForm() {
  const t = useTranslations('admin.boards')
  const create = useMutation(useTRPC().board.create.mutationOptions())
  return (
    <SimpleForm
      label={t('new')}
      schema={ZCreateBoardInput}
      defaultValues={{ name: '', number: '' }}
      fields={[
        { name: 'name', label: t('name'), required: true },
        { name: 'number', label: t('number'), required: true, hint: '41234' },
      ]}
      submit={(v) => create.mutateAsync(v)}
      submitLabel={t('new')}
      successMessage={t('created')}
    />
  )
}

type Option = { value: string; label: string }

/** Invite someone to a role; the scope list depends on the role (region, board or organisation). */
export function InviteForm({ roles, regions, boards, organisations }: { roles: Option[]; regions: Option[]; boards: Option[]; organisations: Option[] }) {
  const t = useTranslations('admin.members')
  const invite = useMutation(useTRPC().member.invite.mutationOptions())
  return (
    <SimpleForm
      label={t('inviteTitle')}
      schema={ZInviteInput}
      defaultValues={{ email: '', role: roles[0]?.value as never, regionId: '', boardId: '', organisationId: '' }}
      fields={[
        { name: 'email', label: t('email'), required: true, type: 'email' },
        { name: 'role', label: t('role'), required: true, options: roles },
        { name: 'regionId', label: t('scopeRegion'), options: regions, placeholder: '—' },
        { name: 'boardId', label: t('scopeBoard'), options: boards, placeholder: '—' },
        { name: 'organisationId', label: t('scopeOrganisation'), options: organisations, placeholder: '—' },
      ]}
      submit={(v) => invite.mutateAsync(v)}
      submitLabel={t('invite')}
      successMessage={t('inviteSent')}
    />
  )
}
