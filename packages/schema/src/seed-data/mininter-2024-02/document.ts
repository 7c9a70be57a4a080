/** The briefing itself and its slides: every record elsewhere cites one of these sources. */
import type { DocumentSeed, SourceSeed } from '../types.js';

const DOC = 'mininter-2024-02-nna';

export const documents: DocumentSeed[] = [
  {
    key: DOC,
    title:
      'Problemática de la trata de personas de niñas, niños y adolescentes en las regiones de Arequipa, Cusco, Puno, Tacna y Moquegua',
    publisher: 'Ministerio del Interior — Dirección General de Seguridad Democrática',
    publishedOn: '2024-02',
    place: 'Lima',
  },
];

/** The briefing's slides, in order (the cover is slide 1). */
export const sources: SourceSeed[] = [
  {
    key: 'cases-2021-2023',
    document: DOC,
    slide: 2,
    section: 'Problemática — Casos de Trata de Personas, periodo 2021-2023',
    quote:
      'Arequipa, Cusco, Puno y Tacna, son regiones de alta incidencia del delito de trata de personas. Esta problemática está asociada a actividades económicas ilegales e informales como la minería informal, la prostitución forzada, el trabajo infantil, la presencia de bares y prostíbulos clandestinos y la migración irregular.',
  },
  {
    key: 'upe-victims',
    document: DOC,
    slide: 3,
    section: 'Trata de personas de NNA — NNA víctimas de trata de personas atendidas por las UPE, periodo 2018 - Enero 2023',
  },
  {
    key: 'inei-victims-2021-2022',
    document: DOC,
    slide: 3,
    section: 'Trata de personas de NNA',
    quote:
      'durante el periodo 2021 – 2022, el 85,3% de las víctimas de trata de personas fueron mujeres y estas el 36,6% menores de 18 años, que fueron captadas principalmente con fines de explotación sexual y laboral.',
    citedWork: 'INEI, boletín estadístico «Perú: Estadísticas de Trata de Personas 2018 – 2022»',
  },
  {
    key: 'policy-decree',
    document: DOC,
    slide: 4,
    section: 'Respuesta estatal — Política Nacional frente a la Trata de Personas y sus formas de explotación al 2030',
    quote: 'Decreto Supremo N° 009-2021-IN (27 de julio de 2021)',
  },
  {
    key: 'policy-objectives',
    document: DOC,
    slide: 5,
    section: 'Respuesta estatal — El problema público: persistencia de la victimización por trata de personas; Objetivos Prioritarios',
  },
  {
    key: 'policy-services',
    document: DOC,
    slide: 6,
    section: 'Política Nacional — Servicios (sectores y organismos autónomos)',
    quote: '42 servicios, 15 entidades',
  },
  {
    key: 'policy-decentralisation',
    document: DOC,
    slide: 7,
    section: 'Política Nacional — Descentralización',
  },
  {
    key: 'coordination-spaces-five-regions',
    document: DOC,
    slide: 8,
    section: 'Espacios de coordinación regional y local en las regiones Arequipa, Cusco, Puno, Tacna y Moquegua',
  },
  {
    key: 'police-training',
    document: DOC,
    slide: 9,
    section:
      'Fortalecimiento de la Policía Nacional del Perú para el correcto abordaje de los casos de trata de personas, periodo 2021 - 2023',
  },
];
