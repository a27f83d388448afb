'use client'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { ZCreateBoardInput, ZCreateRegionInput, ZInviteInput, ZUpdateBoardInput, ZUpdateRegionInput } from '@/server/tenancy/schema'
import { SimpleForm } from '@/components/ui/simple-form'

type RegionValues = { id: string; name: string; slug: string; province: string }
type BoardValues = { id: string; name: string; number: string }

/** Creates a region, or edits one when `region` is given. */
export function RegionForm({ region }: { region?: RegionValues }) {
  const t = useTranslations('admin.regions')
  const tc = useTranslations('common')
  const trpc = useTRPC()
  const create = useMutation(trpc.region.create.mutationOptions())
  const update = useMutation(trpc.region.update.mutationOptions())
  const fields = [
    { name: 'name', label: t('name'), required: true },
    { name: 'slug', label: t('slug'), required: true, hint: 'regio-twente' },
    { name: 'province', label: t('province'), required: true },
  ] as const
  return region ? (
    <SimpleForm label={region.name} schema={ZUpdateRegionInput} defaultValues={region} fields={[...fields]} submit={(v) => update.mutateAsync(v)} submitLabel={tc('save')} successMessage={t('updated')} resetOnSuccess={false} />
  ) : (
    <SimpleForm label={t('new')} schema={ZCreateRegionInput} defaultValues={{ name: '', slug: '', province: '' }} fields={[...fields]} submit={(v) => create.mutateAsync(v)} submitLabel={t('new')} successMessage={t('created')} />
  )
}

/** Creates a board, or edits one when `board` is given. */
export function BoardForm({ board }: { board?: BoardValues }) {
  const t = useTranslations('admin.boards')
  const tc = useTranslations('common')
  const trpc = useTRPC()
  const create = useMutation(trpc.board.create.mutationOptions())
  const update = useMutation(trpc.board.update.mutationOptions())
  const fields = [
    { name: 'name', label: t('name'), required: true },
    { name: 'number', label: t('number'), required: true, hint: '41234' },
  ] as const
  return board ? (
    <SimpleForm label={board.name} schema={ZUpdateBoardInput} defaultValues={board} fields={[...fields]} submit={(v) => update.mutateAsync(v)} submitLabel={tc('save')} successMessage={t('updated')} resetOnSuccess={false} />
  ) : (
    <SimpleForm label={t('new')} schema={ZCreateBoardInput} defaultValues={{ name: '', number: '' }} fields={[...fields]} submit={(v) => create.mutateAsync(v)} submitLabel={t('new')} successMessage={t('created')} />
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
