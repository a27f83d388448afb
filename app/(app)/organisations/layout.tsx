import { sectionTitle } from '@/components/shell/section-title'

export const generateMetadata = sectionTitle('nav.organisations')
export { SectionLayout as default } from '@/components/shell/section-title'
