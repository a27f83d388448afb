/** The verified actor of a user id (tests, benches, jobs): the same one-statement read as a session's (session.ts). */
export { loadActor } from './session.ts'
