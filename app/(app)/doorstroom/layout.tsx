import { sectionTitle } from '@/components/shell/section-title'

export const generateMetadata = sectionTitle('transitions.nav')
export { SectionLayout as default } from '@/components/shell/section-title'
