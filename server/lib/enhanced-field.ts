/**
 * The field a form adds when JavaScript sends it (components/ui/keep-values-on-submit.ts): its server action then
 * answers with state for the page that stays; without it (the browser posted the form itself) an action may redirect
 * instead (post-redirect-get: server/api/form-action's `postedWithoutScript`), so a reload of the page it lands on
 * does not post again. A plain constant shared by the forms and their actions (no 'use client', no server-only).
 */
export const ENHANCED_FIELD = 'enhanced'
