import { sectionTitle } from '@/components/shell/section-title'

export const generateMetadata = sectionTitle('participation.nav')
export { SectionLayout as default } from '@/components/shell/section-title'
