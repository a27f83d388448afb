/**
 * Message catalogues, one JSON file per domain and locale (server/i18n/messages/<locale>/<domain>.json), merged
 * here into one namespace tree. Each domain owns its files; keys are namespaced by the file's top-level key.
 */
import nlCore from './nl/core.json'
import enCore from './en/core.json'
import nlCalendar from './nl/calendar.json'
import enCalendar from './en/calendar.json'
import nlSlots from './nl/slots.json'
import enSlots from './en/slots.json'
import nlRegistration from './nl/registration.json'
import enRegistration from './en/registration.json'
import nlFund from './nl/fund.json'
import enFund from './en/fund.json'
import nlTransitions from './nl/transitions.json'
import enTransitions from './en/transitions.json'
import nlDiscovery from './nl/discovery.json'
import enDiscovery from './en/discovery.json'
import nlPlan from './nl/plan.json'
import enPlan from './en/plan.json'
import nlMonitor from './nl/monitor.json'
import enMonitor from './en/monitor.json'
import nlNotifications from './nl/notifications.json'
import nlHome from './nl/home.json'
import enHome from './en/home.json'
import enNotifications from './en/notifications.json'
import nlParticipation from './nl/participation.json'
import enParticipation from './en/participation.json'
import type { Locale } from '../config.ts'

export type Messages = typeof nlParticipation & typeof nlCore & typeof nlCalendar & typeof nlSlots & typeof nlRegistration & typeof nlFund & typeof nlTransitions & typeof nlDiscovery & typeof nlMonitor & typeof nlPlan & typeof nlNotifications & typeof nlHome

export const messages: Record<Locale, Messages> = {
  nl: { ...nlParticipation, ...nlCore, ...nlCalendar, ...nlSlots, ...nlRegistration, ...nlFund, ...nlTransitions, ...nlDiscovery, ...nlMonitor, ...nlPlan, ...nlNotifications, ...nlHome },
  en: { ...enParticipation, ...enCore, ...enCalendar, ...enSlots, ...enRegistration, ...enFund, ...enTransitions, ...enDiscovery, ...enMonitor, ...enPlan, ...enNotifications, ...enHome } as Messages,
}
