/** The booking links of slots are the shared engine's links (server/booking/token.ts). */
export { hashBookingToken, newBookingToken } from '../booking/token.ts'
