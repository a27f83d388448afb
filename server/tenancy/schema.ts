import { z } from 'zod'
import { zKeysetCursor, zKeysetPage } from '../lib/keyset.ts'
import { optional, zBoardNumber, zBrin, zEmail, zId, zName, zPostcode, zRioCode, zSlug, zVestiging, zLocalDateOf } from '../lib/zod.ts'

export const zSector = z.enum(['VO', 'MBO', 'HBO', 'WO'])
export const zRole = z.enum(['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'BOARD_REPORTER', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'])

export const ZCreateRegionInput = z.object({ name: zName, slug: zSlug, province: zName })
export const ZUpdateRegionInput = ZCreateRegionInput.extend({ id: zId })

export const ZCreateBoardInput = z.object({ name: zName, number: zBoardNumber })
export const ZUpdateBoardInput = ZCreateBoardInput.extend({ id: zId })

export const ZLocationInput = z.object({
  vestiging: zVestiging,
  name: zName,
  street: optional(z.string().trim().max(200)),
  postcode: optional(zPostcode),
  city: zName,
})

export const ZCreateOrganisationInput = z.object({
  name: zName,
  brin: zBrin,
  sector: zSector,
  city: zName,
  rioCode: optional(zRioCode),
  boardId: optional(zId),
  regionIds: z.array(zId).min(1, 'v.regionRequired'),
  locations: z
    .array(ZLocationInput)
    .max(50)
    .refine((ls) => new Set(ls.map((l) => l.vestiging)).size === ls.length, 'v.vestigingDuplicate')
    .default([]),
})
export const ZUpdateOrganisationInput = ZCreateOrganisationInput.omit({ regionIds: true }).extend({ id: zId })

export const ZListOrganisationsInput = z.object({
  regionId: optional(zId),
  sector: optional(zSector),
  search: optional(z.string().trim().max(100)),
})

/** The organisations list a page at a time, by name: the previous page's `nextCursor` (a text keyset) and a size. */
export const ZPageOrganisationsInput = ZListOrganisationsInput.extend({ ...zKeysetPage('v.cursor', 25), cursor: optional(zKeysetCursor('v.cursor', 'text')) })

export const ZSetOrganisationRegionInput = z.object({ organisationId: zId, regionId: zId, member: z.boolean() })

/** A coordinator asks to include an organisation in their region: by id (organisation page) or BRIN code. */
export const ZRequestRegionJoinInput = z
  .object({ regionId: zId, organisationId: optional(zId), brin: optional(zBrin) })
  .refine((v) => !!v.organisationId !== !!v.brin, { message: 'v.organisationOrBrin', path: ['brin'] })
export const ZDecideRegionJoinInput = z.object({ requestId: zId, accept: z.boolean() })
export const ZListRegionJoinRequestsInput = z.object({ organisationId: optional(zId) })

/** Scope of an invitation: which of region/board/organisation is required follows from the role. */
export const ZInviteInput = z.object({
  email: zEmail,
  role: zRole,
  regionId: optional(zId),
  boardId: optional(zId),
  organisationId: optional(zId),
})

/** Role memberships (oldest first) or pending invitations (newest first) a page at a time (keyset on createdAt, id). */
export const ZListMembersInput = z.object({ regionId: optional(zId), ...zKeysetPage('v.cursor', 25) })
export const ZRevokeMembershipInput = z.object({ membershipId: zId })
export const ZInvitationIdInput = z.object({ invitationId: zId })
/** Domains whose actions the audit log can be filtered on (the part of an action key before the first dot). */
export const AUDIT_DOMAINS = ['organisation', 'region', 'board', 'member', 'invitation', 'calendar', 'slots', 'registration', 'fund', 'transitions', 'plan', 'monitor', 'participation', 'notifications'] as const
const zAuditDay = zLocalDateOf('k.admin.audit.badDate')

/** The audit log, newest first, filtered, in pages of `limit` (keyset on the id: `cursor` is the last id seen). */
export const ZListAuditInput = z.object({
  entityType: optional(z.string().trim().regex(/^[A-Za-z]{2,60}$/, 'k.admin.audit.badFilter')),
  domain: optional(z.enum(AUDIT_DOMAINS)),
  from: optional(zAuditDay),
  to: optional(zAuditDay),
  cursor: optional(z.string().regex(/^[0-9]{1,19}$/, 'k.admin.audit.badFilter')),
  limit: z.number().int().min(1).max(200).default(50),
})

export type CreateOrganisationInput = z.infer<typeof ZCreateOrganisationInput>
export type UpdateOrganisationInput = z.infer<typeof ZUpdateOrganisationInput>
export type InviteInput = z.infer<typeof ZInviteInput>
export type RequestRegionJoinInput = z.infer<typeof ZRequestRegionJoinInput>
export type DecideRegionJoinInput = z.infer<typeof ZDecideRegionJoinInput>
