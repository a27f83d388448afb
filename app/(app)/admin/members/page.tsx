import { getTranslations } from 'next-intl/server'
import { getAppFormatter } from '@/server/i18n/formatter'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { grantingMemberships, invitableRoles } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { InviteForm } from '@/components/tenancy/admin-forms'
import { InvitationActions, RevokeButton } from '@/components/tenancy/revoke-button'
import { Pager, keepPage, pageAt } from '@/components/ui/pager'

/** Members (oldest first) and pending invitations (newest first), each a page of 25 with the total. */
export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams
  // Each list pages on its own: the members' cursor in "na", the invitations' in "uitnodigingen".
  const [membersAt, invitationsAt] = [pageAt(query), pageAt(query, 'uitnodigingen')]
  const [t, tr, tc, tp, format, actor, caller] = [await getTranslations('admin.members'), await getTranslations('roles'), await getTranslations('common'), await getTranslations('pager'), await getAppFormatter(), await getActor(), await getCaller()]
  const [memberships, invitations] = await Promise.all([guard(caller.member.list({ cursor: membersAt.cursor, limit: 25 })), guard(caller.member.invitations({ cursor: invitationsAt.cursor, limit: 25 }))])
  // The other list's page stays where it is when one list pages.
  const [regions, boards, orgs] = await Promise.all([caller.region.list(), caller.board.list().catch(() => []), caller.organisation.list({})])
  // The form's default is the most common invitation (school staff), never the most powerful role.
  const roles = [...new Set(grantingMemberships(actor!, 'member.invite').flatMap((m) => invitableRoles[m.role]))].sort((a, b) => Number(a === 'PLATFORM_ADMIN') - Number(b === 'PLATFORM_ADMIN') || Number(b === 'ORG_STAFF') - Number(a === 'ORG_STAFF'))
  const scopeName = (m: { region: { name: string } | null; board: { name: string } | null; organisation: { name: string } | null }) =>
    m.region?.name ?? m.board?.name ?? m.organisation?.name ?? tr('PLATFORM_ADMIN')
  return (
    <>
      <PageHeader title={t('title')} />
      <Card title={t('inviteTitle')}>
        <InviteForm
          roles={roles.map((r) => ({ value: r, label: tr(r) }))}
          regions={regions.map((r) => ({ value: r.id, label: r.name }))}
          boards={boards.map((b) => ({ value: b.id, label: b.name }))}
          organisations={orgs.map((o) => ({ value: o.id, label: `${o.name} (${o.brin})` }))}
        />
      </Card>
      <h2 className="mb-2 text-lg font-semibold">{t('title')}</h2>
      <DataTable
        caption={t('title')}
        rows={memberships.items}
        rowKey={(m) => m.id}
        empty={tc('noResults')}
        columns={[
          { key: 'user', header: t('user'), cell: (m) => <>{m.user.name ?? ''} <span className="text-slate-700">{m.user.email}</span></> },
          { key: 'role', header: t('role'), cell: (m) => tr(m.role) },
          { key: 'scope', header: t('scope'), cell: scopeName },
          { key: 'since', header: t('since'), cell: (m) => format.dateTime(m.createdAt, { dateStyle: 'medium' }) },
          { key: 'actions', header: tc('actions'), cell: (m) => (m.userId === actor!.userId ? null : <RevokeButton membershipId={m.id} label={`${t('revoke')}: ${m.user.email}`} />) },
        ]}
      />
      <Pager path="/admin/members" at={membersAt} keep={keepPage(invitationsAt)} shown={memberships.items.length} total={memberships.total} nextCursor={memberships.nextCursor} testId="members-pager" label={`${t('title')}: ${tp('pages')}`} />
      <h2 className="mb-2 mt-6 text-lg font-semibold">{t('pending')}</h2>
      <DataTable
        caption={t('pending')}
        rows={invitations.items}
        rowKey={(i) => i.id}
        empty={tc('noResults')}
        columns={[
          { key: 'email', header: t('email'), cell: (i) => i.email },
          { key: 'role', header: t('role'), cell: (i) => tr(i.role) },
          { key: 'scope', header: t('scope'), cell: scopeName },
          { key: 'expires', header: t('expires'), cell: (i) => format.dateTime(i.expiresAt, { dateStyle: 'medium' }) },
          { key: 'actions', header: tc('actions'), cell: (i) => (i.email ? <InvitationActions invitationId={i.id} email={i.email} /> : null) },
        ]}
      />
      <Pager path="/admin/members" at={invitationsAt} keep={keepPage(membersAt)} shown={invitations.items.length} total={invitations.total} nextCursor={invitations.nextCursor} testId="invitations-pager" label={`${t('pending')}: ${tp('pages')}`} />
    </>
  )
}
