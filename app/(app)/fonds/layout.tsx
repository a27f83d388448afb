import { sectionTitle } from '@/components/shell/section-title'

export const generateMetadata = sectionTitle('fund.nav')
export { SectionLayout as default } from '@/components/shell/section-title'
