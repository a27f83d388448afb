/** The link token of a booking or registration (and its stored hash): the shared link tokens of server/lib/link-token.ts. */
export { hashLinkToken as hashBookingToken, newLinkToken as newBookingToken } from '../lib/link-token.ts'
