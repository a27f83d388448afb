import { sectionTitle } from '@/components/shell/section-title'

export const generateMetadata = sectionTitle('nav.admin')
export { SectionLayout as default } from '@/components/shell/section-title'
