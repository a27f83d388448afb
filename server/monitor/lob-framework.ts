/**
 * The seeded quality framework, after the vocabulary of the Kamerbrief LOB (2017): LOB in the school's policy
 * and vision, a doorlopende leerlijn, the five loopbaancompetenties, cooperation with follow-up education,
 * parents, professionalisation, and clearly assigned tasks of decaan, mentor and docent. Data, not code: the
 * platform admin edits it (as a new version once schools have used it).
 */
export type FrameworkDefinition = {
  nameNl: string
  nameEn: string
  sections: {
    code: string
    nameNl: string
    nameEn: string
    criteria: { code: string; nameNl: string; nameEn: string; levelsNl: string[]; levelsEn: string[] }[]
  }[]
}

/** Four generic level descriptors, specialised per criterion by its subject. */
function levels(nl: string, en: string) {
  return {
    levelsNl: [
      `Niet of nauwelijks: ${nl} is niet beschreven en gebeurt hooguit incidenteel.`,
      `In ontwikkeling: ${nl} is beschreven, maar wordt nog niet schoolbreed uitgevoerd.`,
      `Op orde: ${nl} is beschreven en wordt schoolbreed uitgevoerd.`,
      `Voorbeeldig: ${nl} wordt uitgevoerd, jaarlijks geëvalueerd en verbeterd (PDCA).`,
    ],
    levelsEn: [
      `Not yet: ${en} is not described and happens at most incidentally.`,
      `Developing: ${en} is described but not yet carried out school-wide.`,
      `In place: ${en} is described and carried out school-wide.`,
      `Exemplary: ${en} is carried out, evaluated and improved every year (PDCA).`,
    ],
  }
}

const c = (code: string, nameNl: string, nameEn: string, subjectNl: string, subjectEn: string) => ({ code, nameNl, nameEn, ...levels(subjectNl, subjectEn) })

export const LOB_FRAMEWORK: FrameworkDefinition = {
  nameNl: 'Kwaliteitskader LOB (naar de Kamerbrief LOB 2017)',
  nameEn: 'LOB quality framework (after the 2017 policy letter)',
  sections: [
    {
      code: 'beleid',
      nameNl: 'Beleid en visie',
      nameEn: 'Policy and vision',
      criteria: [
        c('beleid.visie', 'LOB volgt uit de schoolvisie', 'LOB follows from the school’s vision', 'de plek van LOB in de schoolvisie', 'the place of LOB in the school’s vision'),
        c('beleid.beleidsplan', 'Helder LOB-beleidsplan met concrete activiteiten', 'A clear LOB policy plan with concrete activities', 'het LOB-beleidsplan', 'the LOB policy plan'),
      ],
    },
    {
      code: 'leerlijn',
      nameNl: 'Doorlopende leerlijn',
      nameEn: 'Continuous learning pathway',
      criteria: [c('leerlijn.doorlopend', 'Doorlopende leerlijn LOB van klas 1 tot het examenjaar', 'A continuous LOB pathway from year 1 to the exam year', 'de doorlopende leerlijn LOB', 'the continuous LOB pathway')],
    },
    {
      code: 'competenties',
      nameNl: 'De vijf loopbaancompetenties',
      nameEn: 'The five career competences',
      criteria: [
        c('lc.kwaliteitenreflectie', 'Kwaliteitenreflectie', 'Reflection on qualities', 'aandacht voor kwaliteitenreflectie', 'attention to reflection on qualities'),
        c('lc.motievenreflectie', 'Motievenreflectie', 'Reflection on motives', 'aandacht voor motievenreflectie', 'attention to reflection on motives'),
        c('lc.werkexploratie', 'Werkexploratie', 'Work exploration', 'aandacht voor werkexploratie', 'attention to work exploration'),
        c('lc.loopbaansturing', 'Loopbaansturing', 'Career steering', 'aandacht voor loopbaansturing', 'attention to career steering'),
        c('lc.netwerken', 'Netwerken', 'Networking', 'aandacht voor netwerken', 'attention to networking'),
      ],
    },
    {
      code: 'vervolg',
      nameNl: 'Samenwerking met het vervolgonderwijs',
      nameEn: 'Cooperation with follow-up education',
      criteria: [c('vervolg.samenwerking', 'Afspraken met mbo en ho over voorlichting, meeloop- en proefstudeerdagen', 'Agreements with mbo and higher education on information, taster and trial days', 'de samenwerking met het vervolgonderwijs', 'cooperation with follow-up education')],
    },
    {
      code: 'ouders',
      nameNl: 'Ouders',
      nameEn: 'Parents',
      criteria: [c('ouders.betrokkenheid', 'Ouders zijn betrokken bij de loopbaanoriëntatie', 'Parents are involved in career orientation', 'de betrokkenheid van ouders', 'the involvement of parents')],
    },
    {
      code: 'professionalisering',
      nameNl: 'Professionalisering',
      nameEn: 'Professional development',
      criteria: [c('prof.ruimte', 'Ruimte voor professionalisering van decanen, mentoren en docenten', 'Room for professional development of decanen, mentors and teachers', 'professionalisering op LOB', 'professional development in LOB')],
    },
    {
      code: 'taken',
      nameNl: 'Taken en rollen',
      nameEn: 'Tasks and roles',
      criteria: [c('taken.belegd', 'Taken van decaan, mentor en docent zijn helder belegd', 'Tasks of decaan, mentor and teacher are clearly assigned', 'de taakverdeling tussen decaan, mentor en docent', 'the division of tasks between decaan, mentor and teacher')],
    },
  ],
}
