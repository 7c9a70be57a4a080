/** What the briefing says around the figures: associated activities (slide 2) and training courses (slide 9). */
import type { CourseSeed, NamedSeed } from '../types.js';

const S2 = 'cases-2021-2023';

/** Slide 2: the illegal and informal economic activities the problem is associated with. */
export const associatedActivities: NamedSeed[] = [
  { key: 'informal-mining', name: 'Minería informal', nameEn: 'Informal mining', source: S2 },
  { key: 'forced-prostitution', name: 'Prostitución forzada', nameEn: 'Forced prostitution', source: S2 },
  { key: 'child-labour', name: 'Trabajo infantil', nameEn: 'Child labour', source: S2 },
  { key: 'clandestine-bars-brothels', name: 'Bares y prostíbulos clandestinos', nameEn: 'Clandestine bars and brothels', source: S2 },
  { key: 'irregular-migration', name: 'Migración irregular', nameEn: 'Irregular migration', source: S2 },
];

/** Slide 9: the two courses behind the officers-trained figures. */
export const trainingCourses: CourseSeed[] = [
  {
    key: 'virtual-course-trafficking-missing-cybercrime',
    name: 'Trata de Personas, Personas Desaparecidas y Delitos informáticos relacionados con la explotación sexual de NNA',
    audience: 'Personal policial de comisarías',
    audienceEn: 'Police station personnel',
    modality: 'virtual',
    source: 'police-training',
  },
  {
    key: 'short-course-operational-guide',
    name: 'Cursillo para la Aplicación de la Guía Operativa para la investigación del delito de Trata de Personas',
    audience:
      'Personal policial de unidades de investigación criminal y de investigación de trata de personas de las regiones y frentes policiales',
    audienceEn:
      'Police personnel of criminal investigation and trafficking investigation units of the regions and police fronts',
    source: 'police-training',
  },
];
